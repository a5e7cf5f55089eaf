# cli.mk: command-line and user-facing integration tests on the real system
# (arguments, privileges, hostile process names, filters, output keys).
CLI_TESTS = \
	tests/integration/args.sh \
	tests/integration/nonroot.sh \
	tests/integration/hostile.sh \
	tests/integration/filters.sh \
	tests/integration/output.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/integration/cli-lib.sh
