/* users.h: uid -> user name, cached for the sampler's lifetime.
 *
 * Live runs ask NSS (getpwuid_r) once per uid; a --sysroot run reads the
 * fixture's etc/passwd instead so golden outputs do not depend on the
 * host. A uid with no entry is named by its number, as ps does. */
#ifndef NSTOP_SAMPLE_USERS_H
#define NSTOP_SAMPLE_USERS_H

#include <stdint.h>

struct users;

/* passwd_path NULL: use NSS. */
struct users *users_new(const char *passwd_path);
struct users *users_free(struct users *u);
/* Never NULL unless out of memory; the string lives as long as u. */
const char *users_name(struct users *u, uint32_t uid);
/* Resolves a name (or a decimal uid) to a uid; 0 or -ENOENT / -errno. */
int users_lookup(const char *passwd_path, const char *name, uint32_t *ret_uid);

#endif
