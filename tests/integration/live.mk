# live.mk: integration tests on the real kernel (DESIGN.md layer (c)) and
# the small helper programs they run. All of them need root; they check
# invariants (agreement with lsns and /proc, counts, rates), never raw
# inode numbers.

check_PROGRAMS += tests/helpers/burn tests/helpers/hold tests/helpers/writer tests/helpers/unshare_later \
	tests/helpers/threads
tests_helpers_burn_SOURCES = tests/helpers/burn.c
tests_helpers_burn_LDADD =
tests_helpers_hold_SOURCES = tests/helpers/hold.c
tests_helpers_hold_LDADD =
tests_helpers_writer_SOURCES = tests/helpers/writer.c
tests_helpers_writer_LDADD =
tests_helpers_unshare_later_SOURCES = tests/helpers/unshare_later.c
tests_helpers_unshare_later_LDADD =
tests_helpers_threads_SOURCES = tests/helpers/threads.c
tests_helpers_threads_LDADD = -lpthread

LIVE_TESTS = \
	tests/integration/lsns.sh \
	tests/integration/unshare.sh \
	tests/integration/netns.sh \
	tests/integration/rates.sh \
	tests/integration/chroot.sh \
	tests/integration/churn.sh \
	tests/integration/staleness.sh \
	tests/integration/cgfresh.sh \
	tests/integration/statheld.sh

TESTS += $(LIVE_TESTS)
EXTRA_DIST += $(LIVE_TESTS) tests/integration/live-lib.sh
