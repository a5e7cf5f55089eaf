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

const struct ns_type_info ns_types[NS_TYPE_COUNT] = {
        [NS_MNT] = {"mnt", "CLONE_NEWNS", CLONE_NEWNS, "2.4.19", 'm', "mount points"},
        [NS_UTS] = {"uts", "CLONE_NEWUTS", CLONE_NEWUTS, "2.6.19", 'u', "hostname and NIS domain name"},
        [NS_IPC] = {"ipc", "CLONE_NEWIPC", CLONE_NEWIPC, "2.6.19", 'i',
                    "System V IPC objects and POSIX message queues"},
        [NS_NET] = {"net", "CLONE_NEWNET", CLONE_NEWNET, "2.6.24", 'n',
                    "network devices, addresses, routes, firewall rules and sockets"},
        [NS_PID] = {"pid", "CLONE_NEWPID", CLONE_NEWPID, "2.6.24", 'p', "process IDs"},
        [NS_USER] = {"user", "CLONE_NEWUSER", CLONE_NEWUSER, "3.8", 'U', "user and group IDs and capabilities"},
        [NS_CGROUP] = {"cgroup", "CLONE_NEWCGROUP", CLONE_NEWCGROUP, "4.6", 'C',
                       "the cgroup root directory a process sees"},
        [NS_TIME] = {"time", "CLONE_NEWTIME", CLONE_NEWTIME, "5.6", 'T',
                     "CLOCK_MONOTONIC and CLOCK_BOOTTIME offsets"},
};

int ns_type_lookup(const char *name, size_t len)
{
        for (int i = 0; i < NS_TYPE_COUNT; i++)
                if (strlen(ns_types[i].name) == len && memcmp(ns_types[i].name, name, len) == 0)
                        return i;
        return -1;
}
