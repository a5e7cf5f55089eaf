/* cgmove.c: move, make and remove cgroups; see cgmove.h. */
#include "config.h"

#include "action/cgmove.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/cgfile.h"
#include "action/ident.h"

int cg_move_proc(const char *dir, int32_t pid, uint64_t start_ticks, char **cause)
{
        int r = ident_check(pid, start_ticks, cause);
        if (r < 0)
                return r;
        char value[16];
        snprintf(value, sizeof(value), "%d", (int)pid);
        r = cgfile_write(dir, "cgroup.procs", value, cause);
        /* Why the kernel refuses, in the cases people meet. */
        if (r == -EBUSY)
                cause_append(cause, "v2 puts processes only in cgroups that hand no controllers to children");
        else if (r == -ENOSPC)
                cause_append(cause, "the cgroup has no CPUs or memory nodes yet (cpuset.cpus, cpuset.mems)");
        else if (r == -EINVAL)
                cause_append(cause, "kernel threads and threaded cgroups refuse moves");
        return r;
}

int cg_name_check(const char *name, char **cause)
{
        if (!*name)
                return cause_set(cause, EINVAL, "a cgroup needs a name");
        if (!strcmp(name, ".") || !strcmp(name, ".."))
                return cause_set(cause, EINVAL, "'%s' is not a name for a cgroup", name);
        if (strlen(name) > 255)
                return cause_set(cause, EINVAL, "a cgroup name has at most 255 bytes");
        for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
                if (*p == '/')
                        return cause_set(cause, EINVAL, "'%s': a cgroup name cannot hold '/'", name);
                if (*p < 0x20 || *p == 0x7f)
                        return cause_set(cause, EINVAL, "'%s': a cgroup name cannot hold control characters", name);
        }
        return 0;
}

int cg_make(const char *parent_dir, const char *name, char **cause)
{
        int r = cg_name_check(name, cause);
        if (r < 0)
                return r;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", parent_dir, name);
        if (mkdir(path, 0755) < 0)
                return cause_errno(cause, errno, "making cgroup %s", path);
        return 0;
}

int cg_remove(const char *dir, char **cause)
{
        if (rmdir(dir) == 0)
                return 0;
        int err = errno;
        if (err == EBUSY)
                return cause_set(cause, EBUSY, "removing cgroup %s: it still holds processes or child cgroups "
                                 "(move or end them first)", dir);
        return cause_errno(cause, err, "removing cgroup %s", dir);
}
