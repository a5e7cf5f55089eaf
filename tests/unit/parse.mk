# parse.mk: unit tests of the kernel-text parsers (src/sample/parse.c) and
# of src/util (utf8, sanitize, json, num, buf, arena). TAP via tap.h.
check_PROGRAMS += tests/unit/test_parse tests/unit/test_util
tests_unit_test_parse_SOURCES = tests/unit/test_parse.c
tests_unit_test_util_SOURCES = tests/unit/test_util.c
TESTS += tests/unit/test_parse tests/unit/test_util

# libFuzzer targets, one per parser plus one for the text writers. Built
# only on request with clang, never by make check:
#   make fuzz-parse                      build tests/fuzz/fuzz_*
#   make fuzz-parse-run FUZZ_SECONDS=60  fuzz each one from its seed
#   make fuzz-parse-clean
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_SECONDS = 10
FUZZ_PARSERS = stat io status cgroup mountinfo ns_link proc_stat meminfo loadavg
FUZZ_PARSE_SRC = $(top_srcdir)/src/sample/parse.c $(top_srcdir)/src/util/num.c $(top_srcdir)/src/model/nstype.c
FUZZ_TEXT_SRC = $(top_srcdir)/src/util/sanitize.c $(top_srcdir)/src/util/utf8.c \
	$(top_srcdir)/src/util/json.c $(top_srcdir)/src/util/buf.c
FUZZ_BUILD = $(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_srcdir)/src -I$(top_builddir)

fuzz-parse:
	$(MKDIR_P) tests/fuzz
	for t in $(FUZZ_PARSERS); do \
	  $(FUZZ_BUILD) -o tests/fuzz/fuzz_$$t $(top_srcdir)/tests/fuzz/fuzz_$$t.c $(FUZZ_PARSE_SRC) || exit 1; \
	done
	$(FUZZ_BUILD) -o tests/fuzz/fuzz_text $(top_srcdir)/tests/fuzz/fuzz_text.c $(FUZZ_TEXT_SRC)

fuzz-parse-run: fuzz-parse
	for t in $(FUZZ_PARSERS) text; do \
	  $(MKDIR_P) tests/fuzz/corpus-$$t && \
	  cp $(top_srcdir)/tests/fuzz/seeds/$$t.txt tests/fuzz/corpus-$$t/ && \
	  tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 tests/fuzz/corpus-$$t \
	    || exit 1; \
	done

fuzz-parse-clean:
	for t in $(FUZZ_PARSERS) text; do rm -rf tests/fuzz/fuzz_$$t tests/fuzz/corpus-$$t; done

.PHONY: fuzz-parse fuzz-parse-run fuzz-parse-clean

EXTRA_DIST += tests/fuzz/fuzz.h tests/fuzz/fuzz_text.c tests/fuzz/seeds/text.txt \
	tests/fuzz/fuzz_stat.c tests/fuzz/seeds/stat.txt \
	tests/fuzz/fuzz_io.c tests/fuzz/seeds/io.txt \
	tests/fuzz/fuzz_status.c tests/fuzz/seeds/status.txt \
	tests/fuzz/fuzz_cgroup.c tests/fuzz/seeds/cgroup.txt \
	tests/fuzz/fuzz_mountinfo.c tests/fuzz/seeds/mountinfo.txt \
	tests/fuzz/fuzz_ns_link.c tests/fuzz/seeds/ns_link.txt \
	tests/fuzz/fuzz_proc_stat.c tests/fuzz/seeds/proc_stat.txt \
	tests/fuzz/fuzz_meminfo.c tests/fuzz/seeds/meminfo.txt \
	tests/fuzz/fuzz_loadavg.c tests/fuzz/seeds/loadavg.txt
