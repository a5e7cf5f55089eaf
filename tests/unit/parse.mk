# parse.mk: unit tests of the kernel-text parsers (src/sample/parse.c) and
# of src/util (utf8, sanitize, json, num, buf, arena). TAP via tap.h.
# Also the fuzz targets of every parser (tests/fuzz/, issue 8).
check_PROGRAMS += tests/unit/test_parse tests/unit/test_util
tests_unit_test_parse_SOURCES = tests/unit/test_parse.c
tests_unit_test_util_SOURCES = tests/unit/test_util.c
TESTS += tests/unit/test_parse tests/unit/test_util

# ---- fuzzing -------------------------------------------------------------
# One target per parser, tests/fuzz/fuzz_NAME.c, each checking its parser's
# contract; seeds (real files and the fixtures) in tests/fuzz/seeds/NAME/,
# inputs that once broke a parser in tests/fuzz/regress/NAME/.
#
# make check: every target is also built with the project's compiler and
# tests/fuzz/replay.c as main (tests/fuzz/replay_NAME) and replays its seeds
# and regressions (tests/fuzz/replay.sh), so no clang is needed for them.
#
# make fuzz [FUZZ_SECONDS=60]: builds the library again with clang,
# libFuzzer, ASan and UBSan (tests/fuzz/libnstop-fuzz.a, only when a source
# changed), links each target with it (tests/fuzz/fuzz_NAME) and runs each
# for FUZZ_SECONDS, its corpus growing in tests/fuzz/corpus/NAME/ of the
# build tree. A crash stops that target (the others still run), leaves its
# input as tests/fuzz/crash-NAME-* and makes make fail: fix the parser and
# copy the input into tests/fuzz/regress/NAME/. make fuzz-clean removes it
# all. The old names fuzz-parse (build), fuzz-parse-run and fuzz-parse-clean
# still work.
FUZZ_TARGETS = stat status io schedstat cgroup mountinfo ns_link proc_stat meminfo loadavg \
	cg_value cg_keyed cg_iostat cg_iomax cg_pressure cg_hier settings units limits text
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_BUILD = $(FUZZ_CC) $(FUZZ_FLAGS) -I$(top_srcdir)/src -I$(top_builddir) $(PROC2_CFLAGS)
FUZZ_LIB = tests/fuzz/libnstop-fuzz.a
# libFuzzer's options for each run: a hang of 10 s or 1 GiB of memory is a bug too.
FUZZ_RUN_FLAGS = -timeout=10 -rss_limit_mb=1024 -print_final_stats=1

check_PROGRAMS += tests/fuzz/replay_stat tests/fuzz/replay_status tests/fuzz/replay_io \
	tests/fuzz/replay_schedstat tests/fuzz/replay_cgroup tests/fuzz/replay_mountinfo \
	tests/fuzz/replay_ns_link tests/fuzz/replay_proc_stat tests/fuzz/replay_meminfo \
	tests/fuzz/replay_loadavg tests/fuzz/replay_cg_value tests/fuzz/replay_cg_keyed \
	tests/fuzz/replay_cg_iostat tests/fuzz/replay_cg_iomax tests/fuzz/replay_cg_pressure \
	tests/fuzz/replay_cg_hier tests/fuzz/replay_settings tests/fuzz/replay_units \
	tests/fuzz/replay_limits tests/fuzz/replay_text
FUZZ_REPLAY = tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_stat_SOURCES = tests/fuzz/fuzz_stat.c $(FUZZ_REPLAY)
tests_fuzz_replay_status_SOURCES = tests/fuzz/fuzz_status.c $(FUZZ_REPLAY)
tests_fuzz_replay_io_SOURCES = tests/fuzz/fuzz_io.c $(FUZZ_REPLAY)
tests_fuzz_replay_schedstat_SOURCES = tests/fuzz/fuzz_schedstat.c $(FUZZ_REPLAY)
tests_fuzz_replay_cgroup_SOURCES = tests/fuzz/fuzz_cgroup.c $(FUZZ_REPLAY)
tests_fuzz_replay_mountinfo_SOURCES = tests/fuzz/fuzz_mountinfo.c $(FUZZ_REPLAY)
tests_fuzz_replay_ns_link_SOURCES = tests/fuzz/fuzz_ns_link.c $(FUZZ_REPLAY)
tests_fuzz_replay_proc_stat_SOURCES = tests/fuzz/fuzz_proc_stat.c $(FUZZ_REPLAY)
tests_fuzz_replay_meminfo_SOURCES = tests/fuzz/fuzz_meminfo.c $(FUZZ_REPLAY)
tests_fuzz_replay_loadavg_SOURCES = tests/fuzz/fuzz_loadavg.c $(FUZZ_REPLAY)
tests_fuzz_replay_cg_value_SOURCES = tests/fuzz/fuzz_cg_value.c $(FUZZ_REPLAY)
tests_fuzz_replay_cg_keyed_SOURCES = tests/fuzz/fuzz_cg_keyed.c $(FUZZ_REPLAY)
tests_fuzz_replay_cg_iostat_SOURCES = tests/fuzz/fuzz_cg_iostat.c $(FUZZ_REPLAY)
tests_fuzz_replay_cg_iomax_SOURCES = tests/fuzz/fuzz_cg_iomax.c $(FUZZ_REPLAY)
tests_fuzz_replay_cg_pressure_SOURCES = tests/fuzz/fuzz_cg_pressure.c $(FUZZ_REPLAY)
tests_fuzz_replay_cg_hier_SOURCES = tests/fuzz/fuzz_cg_hier.c $(FUZZ_REPLAY)
tests_fuzz_replay_settings_SOURCES = tests/fuzz/fuzz_settings.c $(FUZZ_REPLAY)
tests_fuzz_replay_units_SOURCES = tests/fuzz/fuzz_units.c $(FUZZ_REPLAY)
tests_fuzz_replay_limits_SOURCES = tests/fuzz/fuzz_limits.c $(FUZZ_REPLAY)
tests_fuzz_replay_text_SOURCES = tests/fuzz/fuzz_text.c $(FUZZ_REPLAY)
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/seeds tests/fuzz/regress

# The library with coverage and sanitizers, rebuilt whole when anything
# under src/ (or config.h) is newer than it: simpler than dependency
# tracking, and about 20 s of one core.
fuzz-lib:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	  echo "make fuzz: $(FUZZ_CC) not found; install the Debian package clang (or set FUZZ_CC)" >&2; exit 1; }
	@$(MKDIR_P) tests/fuzz/obj
	@if test -f $(FUZZ_LIB) && test -z "`find $(top_srcdir)/src $(top_builddir)/config.h -newer $(FUZZ_LIB) | sed -n 1p`"; then \
	  echo "  FUZZ     $(FUZZ_LIB) is up to date"; \
	else \
	  echo "  FUZZ-CC  the library, for $(FUZZ_LIB)"; \
	  rm -f $(FUZZ_LIB) tests/fuzz/obj/*.o; objs=; \
	  for f in $(src_libnstop_a_SOURCES); do \
	    case $$f in *.c) ;; *) continue ;; esac; \
	    o=tests/fuzz/obj/`echo $$f | sed 's|/|_|g; s|\.c$$|.o|'`; \
	    $(FUZZ_BUILD) -fsanitize=fuzzer-no-link -c -o $$o $(top_srcdir)/$$f || exit 1; \
	    objs="$$objs $$o"; \
	  done; \
	  $(AR) cr $(FUZZ_LIB) $$objs && $(RANLIB) $(FUZZ_LIB) || exit 1; \
	fi

fuzz-build: fuzz-lib
	@for t in $(FUZZ_TARGETS); do \
	  src=$(top_srcdir)/tests/fuzz/fuzz_$$t.c; bin=tests/fuzz/fuzz_$$t; \
	  if test -f $$bin && test -z "`find $$src $(top_srcdir)/tests/fuzz/fuzz.h $(FUZZ_LIB) -newer $$bin | sed -n 1p`"; then \
	    continue; fi; \
	  echo "  FUZZ-LD  $$bin"; \
	  $(FUZZ_BUILD) -fsanitize=fuzzer -o $$bin $$src $(FUZZ_LIB) $(PROC2_LIBS) -lm || exit 1; \
	done

fuzz: fuzz-build
	@failed=; for t in $(FUZZ_TARGETS); do \
	  corpus=tests/fuzz/corpus/$$t; $(MKDIR_P) $$corpus; \
	  dirs=$$corpus; for d in seeds regress; do \
	    test -d $(srcdir)/tests/fuzz/$$d/$$t && dirs="$$dirs $(srcdir)/tests/fuzz/$$d/$$t"; done; \
	  log=tests/fuzz/fuzz_$$t.log; \
	  if tests/fuzz/fuzz_$$t $(FUZZ_RUN_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	       -artifact_prefix=tests/fuzz/crash-$$t- $$dirs >$$log 2>&1; then \
	    echo "  FUZZ     fuzz_$$t: ok, `sed -n 's/^stat::number_of_executed_units: *//p' $$log` runs in $(FUZZ_SECONDS) s, corpus `ls $$corpus | wc -l`"; \
	  else \
	    echo "  FUZZ     fuzz_$$t: FAILED (whole log: $$log)"; tail -n 40 $$log; failed="$$failed $$t"; \
	  fi; \
	done; \
	if test -n "$$failed"; then \
	  echo "make fuzz: contract broken or crash in:$$failed. Replay one with tests/fuzz/fuzz_NAME tests/fuzz/crash-NAME-*;" >&2; \
	  echo "fix the parser and copy the input into tests/fuzz/regress/NAME/ (make check replays it)." >&2; \
	  exit 1; \
	fi

fuzz-clean:
	rm -rf tests/fuzz/obj tests/fuzz/corpus $(FUZZ_LIB) tests/fuzz/crash-* tests/fuzz/*.log
	for t in $(FUZZ_TARGETS); do rm -f tests/fuzz/fuzz_$$t; done

# The names of the first fuzz targets (build / run / clean).
fuzz-parse: fuzz-build
fuzz-parse-run: fuzz
fuzz-parse-clean: fuzz-clean

.PHONY: fuzz fuzz-lib fuzz-build fuzz-clean fuzz-parse fuzz-parse-run fuzz-parse-clean
