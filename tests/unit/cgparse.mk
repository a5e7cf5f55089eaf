# cgparse.mk: the pure cgroupfs parsers (src/sample/cgparse.c) and their
# unit test: v1/v2 value, flat-keyed, cpu.max, io.stat, blkio, pressure,
# freezer, word-list and hierarchy-name parsing on real and hostile input.
src_libnstop_a_SOURCES += src/sample/cgparse.c src/sample/cgparse.h
check_PROGRAMS += tests/unit/test_cgparse
tests_unit_test_cgparse_SOURCES = tests/unit/test_cgparse.c tests/unit/tap.h
TESTS += tests/unit/test_cgparse
