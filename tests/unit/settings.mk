# settings.mk: the TUI's settings file, nstoprc (src/settings.c): loading,
# rejecting bad files whole, path resolution, atomic saving.
src_libnstop_a_SOURCES += src/settings.c src/settings.h
check_PROGRAMS += tests/unit/test_settings
tests_unit_test_settings_SOURCES = tests/unit/test_settings.c tests/unit/tap.h
TESTS += tests/unit/test_settings
