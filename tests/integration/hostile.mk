# hostile.mk: hostile names everywhere at once (issue 8): processes, cgroups
# with control characters, bidi marks, wide and zero-width characters and
# 128 KiB of arguments, a 1000-deep cgroup chain and many bind-mounted
# namespaces, checked in JSON, text and the TUI (tmux). Needs root.
check_PROGRAMS += tests/helpers/hostile
tests_helpers_hostile_SOURCES = tests/helpers/hostile.c
tests_helpers_hostile_LDADD =
TESTS += tests/tui/hostile.sh
EXTRA_DIST += tests/tui/hostile.sh
