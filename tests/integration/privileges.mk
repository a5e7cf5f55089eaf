# privileges.mk: issue 8, privileges: setuid/setgid runs are refused
# (src/privs.c), the settings file is written only in the real user's home,
# the partial view of a user who is not root, refusals, typed commands run
# as argv.
src_libnstop_a_SOURCES += src/privs.c src/privs.h
check_PROGRAMS += tests/unit/test_privs
tests_unit_test_privs_SOURCES = tests/unit/test_privs.c tests/unit/tap.h
TESTS += tests/unit/test_privs tests/integration/privileges.sh tests/tui/privileges.sh
EXTRA_DIST += tests/integration/privileges.sh tests/tui/privileges.sh
