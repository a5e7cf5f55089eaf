# bench.mk: `make bench` runs the side-by-side benchmark of issue 7,
# bench/run.sh (root, tmux; about 20 minutes with the defaults; htop, top,
# btop, lsns and valgrind each when installed; the key probe, keylat.c, is
# compiled with $(CC)). Not part of `make check`.
# The report is written to $(srcdir)/bench/results/ when the source tree
# is writable, so that it can be committed next to the code it measured;
# from a read-only source tree (distcheck's, say) to bench/results/ in the
# build tree. Its settings pass through the environment or the make
# command line: make bench BENCH_N="500 2000" BENCH_REPS=1 (see run.sh -h);
# the interactive keys alone: make bench BENCH_ONLY=keys BENCH_N=10000.
EXTRA_DIST += bench/run.sh bench/workload.sh bench/keys.sh bench/keylat.c

.PHONY: bench
bench: all
	@if test -w "$(srcdir)/bench"; then d='$(abs_srcdir)/bench/results'; \
	else d='$(abs_builddir)/bench/results'; fi; \
	NSTOP='$(abs_builddir)/nstop' BENCH_RESULTS="$$d" CC='$(CC)' $(SHELL) '$(srcdir)/bench/run.sh'
