/* privs.c: refusing setuid, setgid and secure-execution runs; see privs.h. */
#include "config.h"

#include "privs.h"

#include <errno.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

void privs_get(struct privs *ret)
{
        uid_t ruid, euid, suid;
        gid_t rgid, egid, sgid;
        /* getresuid cannot fail with valid pointers; fall back anyway. */
        if (getresuid(&ruid, &euid, &suid) < 0) {
                ruid = getuid();
                euid = geteuid();
        }
        if (getresgid(&rgid, &egid, &sgid) < 0) {
                rgid = getgid();
                egid = getegid();
        }
        *ret = (struct privs){.ruid = ruid, .euid = euid, .rgid = rgid, .egid = egid,
                              /* Why: AT_SECURE (Linux 2.6.0) is the kernel's own verdict,
                               * which also covers file capabilities, where the ids agree. */
                              .at_secure = getauxval(AT_SECURE)};
}

int privs_refusal(const struct privs *p, char *buf, size_t size)
{
        if (p->ruid != p->euid)
                snprintf(buf, size, "real uid %lu, effective uid %lu", (unsigned long)p->ruid,
                         (unsigned long)p->euid);
        else if (p->rgid != p->egid)
                snprintf(buf, size, "real gid %lu, effective gid %lu", (unsigned long)p->rgid,
                         (unsigned long)p->egid);
        else if (p->at_secure)
                snprintf(buf, size, "the kernel runs it in secure-execution mode (AT_SECURE: file "
                                    "capabilities or a security module transition)");
        else
                return 0;
        return -EPERM;
}
