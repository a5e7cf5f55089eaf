# limits.mk: cgroup limits: units, checking, planning and writing (src/action/limits.c).
src_libnstop_a_SOURCES += \
	src/action/units.c src/action/units.h \
	src/action/limits.c src/action/limits.h \
	src/action/limitsplan.c

# What users type: sizes, CPUs, counts, lists, io max (pure).
check_PROGRAMS += tests/unit/test_units
tests_unit_test_units_SOURCES = tests/unit/test_units.c tests/unit/tap.h
TESTS += tests/unit/test_units

# Planning and writing on copies of the fixture hosts (v2, v1, hybrid):
# the shell test builds the sysroots and runs the C program on them.
check_PROGRAMS += tests/unit/test_limits
tests_unit_test_limits_SOURCES = tests/unit/test_limits.c tests/unit/tap.h
TESTS += tests/unit/test_limits.sh
EXTRA_DIST += tests/unit/test_limits.sh

# Limits on the real v1 hierarchies (root; skips otherwise): its own
# nstop-test-limits-PID cgroups and child, removed at exit.
check_PROGRAMS += tests/integration/limits_live
tests_integration_limits_live_SOURCES = tests/integration/limits_live.c tests/unit/tap.h
TESTS += tests/integration/limits_live
