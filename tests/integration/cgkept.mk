# cgkept.mk: what a steady refresh does not do again in the cgroup trees
# (src/sample/cgwalk.h, cgfiles.h).
# - test_cgkept: counter files kept open and read again from offset 0, on a
#   temporary directory (no root);
# - cgkept.sh: on the live kernel, a cgroup with processes keeps its
#   counter files open (read with one pread each, its directory not
#   opened) and its values still move;
# - cgquiet.sh: with nothing changing, later refreshes list no directory
#   and watch none again, not even after the mount table changed;
# - test_cgquiet, quietrun.sh: a process whose cgroup's CPU usage did not
#   move is not asked whether it ran (src/sample/cgquiet.h), on a
#   temporary directory and on the live kernel.
# The two scripts need root and strace; they make their own nstop-test-*
# cgroups and remove them, even when they fail.
check_PROGRAMS += tests/unit/test_cgkept tests/unit/test_cgquiet
tests_unit_test_cgkept_SOURCES = tests/unit/test_cgkept.c tests/unit/tap.h
tests_unit_test_cgquiet_SOURCES = tests/unit/test_cgquiet.c tests/unit/tap.h
TESTS += tests/unit/test_cgkept tests/unit/test_cgquiet tests/integration/cgkept.sh tests/integration/cgquiet.sh tests/integration/quietrun.sh
EXTRA_DIST += tests/integration/cgkept.sh tests/integration/cgquiet.sh tests/integration/quietrun.sh
