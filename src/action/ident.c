/* ident.c: process identity checks; see ident.h. */
#include "config.h"

#include "action/ident.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

#include "action/cause.h"
#include "sample/parse.h"
#include "sample/readfile.h"

int ident_check(int32_t pid, uint64_t start_ticks, char **cause)
{
        char name[32], buf[2048];
        snprintf(name, sizeof(name), "/proc/%d/stat", (int)pid);
        ssize_t n = read_small_at(AT_FDCWD, name, buf, sizeof(buf));
        if (n == -ENOENT || n == -ESRCH)
                return cause_set(cause, ESRCH, "pid %d has exited", (int)pid);
        if (n < 0)
                return cause_errno(cause, (int)-n, "reading %s", name);
        struct pstat st;
        int r = parse_stat(buf, (size_t)n, &st);
        if (r < 0)
                return cause_errno(cause, -r, "reading %s", name);
        if (st.start_ticks != start_ticks)
                return cause_set(cause, ESRCH, "pid %d is now another process", (int)pid);
        return 0;
}
