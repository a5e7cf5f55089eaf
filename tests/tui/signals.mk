# The terminal after signals, a resize storm and a tiny terminal (issue 8).
nstop_SOURCES += ui/termsig.c ui/termsig.h
TESTS += tests/tui/signals.sh
EXTRA_DIST += tests/tui/signals.sh
