# jsonfast.mk: the printf-free number formatting (src/util/numfmt.c) and
# the fast paths of the JSON writer, of sanitising and of the model
# (issue 7): each must give exactly what the plain way gives.
src_libnstop_a_SOURCES += src/util/numfmt.c src/util/numfmt.h
check_PROGRAMS += tests/unit/test_jsonfast
tests_unit_test_jsonfast_SOURCES = tests/unit/test_jsonfast.c tests/unit/tap.h
TESTS += tests/unit/test_jsonfast
