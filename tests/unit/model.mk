# model.mk: unit tests of the pure model (grouping, deltas, views, problem
# notes, number formatting) and of the command-line parser.
MODEL_UNIT_TESTS = \
	tests/unit/test_model \
	tests/unit/test_options
check_PROGRAMS += $(MODEL_UNIT_TESTS)
TESTS += $(MODEL_UNIT_TESTS)
tests_unit_test_model_SOURCES = tests/unit/test_model.c tests/unit/tap.h
tests_unit_test_options_SOURCES = tests/unit/test_options.c tests/unit/tap.h
