# explain.mk: the TUI's explain panel text (src/output/explain.c, a pure
# builder over a snapshot) and its unit test: titles, namespace type
# facts, owner/parent/members/nsenter, cgroup controllers, use and limits
# (absent, unknown, no limit), PSI, a process's chroot, namespaces and
# cgroups, and that the builder writes no control character but '\n'.
src_libnstop_a_SOURCES += src/output/explain.c src/output/explain.h
check_PROGRAMS += tests/unit/test_explain
tests_unit_test_explain_SOURCES = tests/unit/test_explain.c tests/unit/tap.h
TESTS += tests/unit/test_explain
