# nsaction.mk: entering and creating namespaces (src/action/enter*.c,
# create*.c): the syscall layer of the enter and create dialogs.
src_libnstop_a_SOURCES += \
	src/action/nsproc.c src/action/nsproc.h src/action/sysnum.h \
	src/action/enter.c src/action/enter.h src/action/enterplan.h \
	src/action/enterjoin.c src/action/enterrun.c \
	src/action/create.c src/action/create.h src/action/createplan.h \
	src/action/createspawn.c

# On the real kernel, as root (skips otherwise): boxes the tests make
# themselves, killed by pid and removed at exit (tests/unit/nsbox.c).
check_PROGRAMS += tests/unit/test_nsenter tests/unit/test_nscreate
tests_unit_test_nsenter_SOURCES = tests/unit/test_nsenter.c tests/unit/nsbox.c tests/unit/nsbox.h tests/unit/tap.h
tests_unit_test_nscreate_SOURCES = tests/unit/test_nscreate.c tests/unit/nsbox.c tests/unit/nsbox.h tests/unit/tap.h
TESTS += tests/unit/test_nsenter tests/unit/test_nscreate
