# cgname.mk: human names for well-known cgroup paths (src/model/cgname.c):
# docker, containerd, Kubernetes, CRI-O, podman, LXC and systemd units.
src_libnstop_a_SOURCES += src/model/cgname.c src/model/cgname.h
check_PROGRAMS += tests/unit/test_cgname
tests_unit_test_cgname_SOURCES = tests/unit/test_cgname.c tests/unit/tap.h
TESTS += tests/unit/test_cgname
