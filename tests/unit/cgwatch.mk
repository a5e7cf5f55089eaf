# cgwatch.mk: inotify on cgroup directories (src/sample/cgwatch.c): what
# each event means, and the events the kernel really sends for a watched
# directory (on a temporary directory: no root or cgroupfs needed).
check_PROGRAMS += tests/unit/test_cgwatch
tests_unit_test_cgwatch_SOURCES = tests/unit/test_cgwatch.c tests/unit/tap.h
TESTS += tests/unit/test_cgwatch
