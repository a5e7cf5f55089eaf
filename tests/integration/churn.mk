# churn.mk: issue 8's churn test. For 60 s, nstop refreshes every 0.1 s in
# batch (-b -J) and in its TUI (tmux) at the same time, while
# tests/helpers/churn forks ~300 short-lived processes a second, makes and
# removes cgroups (nstop-test-PID-churn-*) and namespaces, moves its own
# processes between its cgroups and reuses pids on purpose (clone3
# set_tid). churnload.sh checks: both exit cleanly, no error output, the
# rate rule of src/model/delta.c in every pair of snapshots, no reused pid
# shown as its old process, RSS stable. Needs root; ~70 s.
check_PROGRAMS += tests/helpers/churn
tests_helpers_churn_SOURCES = tests/helpers/churn.c
tests_helpers_churn_LDADD =
# A load generator, not code under test: built without the sanitizers, so
# that an ASan build still forks hundreds of processes a second.
tests_helpers_churn_CFLAGS = $(WARN_CFLAGS)
tests_helpers_churn_LDFLAGS =
TESTS += tests/integration/churnload.sh
EXTRA_DIST += tests/integration/churnload.sh
