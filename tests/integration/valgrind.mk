# valgrind.mk: no leak and no memory error over a batch run of 20
# snapshots (issue 8). Skipped in a sanitizer build (distcheck);
# quickstart.sh test runs it on the plain build as well.
TESTS += tests/integration/valgrind.sh
EXTRA_DIST += tests/integration/valgrind.sh
