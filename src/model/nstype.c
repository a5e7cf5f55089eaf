/* nstype.c: the namespace type table; see nstype.h. */
#include "config.h"

#include "model/nstype.h"

#include <sched.h>
#include <string.h>

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* The explain texts are nstop's own summaries of namespaces(7) and the
 * per-type pages it points to (mount_namespaces(7), pid_namespaces(7), ...). */
const struct ns_type_info ns_types[NS_TYPE_COUNT] = {
        [NS_MNT] = {
                .name = "mnt", .flag = "CLONE_NEWNS", .clone_flag = CLONE_NEWNS, .since = "2.4.19",
                .letter = 'm', .isolates = "mount points", .option = "mount",
                .explain = "Each mount namespace has its own list of mounts: what is mounted or unmounted "
                           "inside does not change the host's view (unless a mount is shared by propagation). "
                           "Container engines build a root filesystem in one and switch to it with pivot_root.",
        },
        [NS_UTS] = {
                .name = "uts", .flag = "CLONE_NEWUTS", .clone_flag = CLONE_NEWUTS, .since = "2.6.19",
                .letter = 'u', .isolates = "hostname and NIS domain name", .option = "uts",
                .explain = "Its processes can give themselves another host name (sethostname) and NIS "
                           "domain name without renaming the machine for everybody else.",
        },
        [NS_IPC] = {
                .name = "ipc", .flag = "CLONE_NEWIPC", .clone_flag = CLONE_NEWIPC, .since = "2.6.19",
                .letter = 'i', .isolates = "System V IPC objects and POSIX message queues", .option = "ipc",
                .explain = "System V shared memory, semaphores and message queues, and POSIX message queues, "
                           "can only be found and used by processes in the same IPC namespace.",
        },
        [NS_NET] = {
                .name = "net", .flag = "CLONE_NEWNET", .clone_flag = CLONE_NEWNET, .since = "2.6.24",
                .letter = 'n', .isolates = "network devices, addresses, routes, firewall rules and sockets",
                .option = "net",
                .explain = "A network namespace is a separate network stack: its own interfaces (a new one "
                           "holds only a loopback device, down), addresses, routing tables, firewall rules, "
                           "port numbers, /proc/net and /sys/class/net. A veth pair links it to another one.",
        },
        [NS_PID] = {
                .name = "pid", .flag = "CLONE_NEWPID", .clone_flag = CLONE_NEWPID, .since = "2.6.24",
                .letter = 'p', .isolates = "process IDs", .option = "pid",
                .explain = "Its processes are numbered again from 1: the first one is PID 1 inside, and "
                           "adopts orphans as init does. Pid namespaces nest: the parent namespace still "
                           "sees every process inside, under another PID.",
        },
        [NS_USER] = {
                .name = "user", .flag = "CLONE_NEWUSER", .clone_flag = CLONE_NEWUSER, .since = "3.8",
                .letter = 'U', .isolates = "user and group IDs and capabilities", .option = "user",
                .explain = "User and group IDs are translated (uid_map, gid_map), so a process can be root "
                           "with every capability inside while it is an ordinary user outside. User "
                           "namespaces nest, and every other namespace belongs to one: privilege over a "
                           "namespace comes from capabilities in its owning user namespace.",
        },
        [NS_CGROUP] = {
                .name = "cgroup", .flag = "CLONE_NEWCGROUP", .clone_flag = CLONE_NEWCGROUP, .since = "4.6",
                .letter = 'C', .isolates = "the cgroup root directory a process sees", .option = "cgroup",
                .explain = "Its processes see one cgroup directory as the root: paths in /proc/PID/cgroup "
                           "and new cgroupfs mounts start there, and the groups above it are hidden.",
        },
        [NS_TIME] = {
                .name = "time", .flag = "CLONE_NEWTIME", .clone_flag = CLONE_NEWTIME, .since = "5.6",
                .letter = 'T', .isolates = "CLOCK_MONOTONIC and CLOCK_BOOTTIME offsets", .option = "time",
                .explain = "Its processes read CLOCK_MONOTONIC and CLOCK_BOOTTIME shifted by fixed offsets "
                           "(/proc/PID/timens_offsets), e.g. so a container moved to another machine keeps "
                           "its uptime; the wall clock (CLOCK_REALTIME) is the same for everybody.",
        },
};

int ns_type_lookup(const char *name, size_t len)
{
        for (int i = 0; i < NS_TYPE_COUNT; i++)
                if (strlen(ns_types[i].name) == len && memcmp(ns_types[i].name, name, len) == 0)
                        return i;
        return -1;
}
