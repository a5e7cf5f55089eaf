# cgroups.mk: the cgroup view on the real kernel. Needs root; the test
# makes its own nstop-test-* cgroups (v1 and v2), runs the helpers of
# live.mk in them and removes them again, even when it fails.
TESTS += tests/integration/cgroups.sh
EXTRA_DIST += tests/integration/cgroups.sh
