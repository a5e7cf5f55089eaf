# signal.mk: signals and nice values through pidfds (src/action/signal.c).
src_libnstop_a_SOURCES += src/action/signal.c src/action/signal.h
check_PROGRAMS += tests/unit/test_signal
tests_unit_test_signal_SOURCES = tests/unit/test_signal.c tests/unit/tap.h
TESTS += tests/unit/test_signal
