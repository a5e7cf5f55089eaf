/* users.c: uid -> name cache; see users.h. */
#include "config.h"

#include "sample/users.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"

struct user_entry {
        uint32_t uid;
        char *name;
};

struct users {
        struct user_entry *v;
        size_t n, cap;
        char *passwd_path;
        size_t last; /* most processes share a few uids: check the last hit first */
};

struct users *users_new(const char *passwd_path)
{
        struct users *u = calloc(1, sizeof(*u));
        if (u && passwd_path && !(u->passwd_path = strdup(passwd_path)))
                u = users_free(u);
        return u;
}

struct users *users_free(struct users *u)
{
        if (!u)
                return NULL;
        for (size_t i = 0; i < u->n; i++)
                free(u->v[i].name);
        free(u->v);
        free(u->passwd_path);
        free(u);
        return NULL;
}

/* Finds uid in a passwd-format file; returns a malloc'd name or NULL. */
static char *passwd_file_name(const char *path, uint32_t uid)
{
        FILE *f = fopen(path, "re");
        if (!f)
                return NULL;
        char *name = NULL;
        struct passwd *pw;
        while (!name && (pw = fgetpwent(f)))
                if (pw->pw_uid == uid)
                        name = strdup(pw->pw_name);
        fclose(f);
        return name;
}

static char *nss_name(uint32_t uid)
{
        struct passwd pw, *res = NULL;
        char buf[4096];
        if (getpwuid_r(uid, &pw, buf, sizeof(buf), &res) != 0 || !res)
                return NULL;
        return strdup(res->pw_name);
}

const char *users_name(struct users *u, uint32_t uid)
{
        if (u->last < u->n && u->v[u->last].uid == uid)
                return u->v[u->last].name;
        for (size_t i = 0; i < u->n; i++)
                if (u->v[i].uid == uid) {
                        u->last = i;
                        return u->v[i].name;
                }
        if (u->n == u->cap) {
                size_t cap = u->cap ? u->cap * 2 : 16;
                struct user_entry *v = realloc(u->v, cap * sizeof(*v));
                if (!v)
                        return NULL;
                u->v = v;
                u->cap = cap;
        }
        char *name = u->passwd_path ? passwd_file_name(u->passwd_path, uid) : nss_name(uid);
        if (!name) {
                char num[16];
                snprintf(num, sizeof(num), "%u", uid);
                name = strdup(num);
                if (!name)
                        return NULL;
        }
        u->v[u->n] = (struct user_entry){uid, name};
        u->last = u->n;
        return u->v[u->n++].name;
}

int users_lookup(const char *passwd_path, const char *name, uint32_t *ret_uid)
{
        uint64_t v;
        if (num_parse_u64(name, &v) == 0) {
                if (v >= UINT32_MAX)
                        return -ERANGE;
                *ret_uid = (uint32_t)v;
                return 0;
        }
        if (passwd_path) {
                FILE *f = fopen(passwd_path, "re");
                if (!f)
                        return -errno;
                struct passwd *pw;
                int r = -ENOENT;
                while ((pw = fgetpwent(f)))
                        if (strcmp(pw->pw_name, name) == 0) {
                                *ret_uid = pw->pw_uid;
                                r = 0;
                                break;
                        }
                fclose(f);
                return r;
        }
        struct passwd pw, *res = NULL;
        char buf[4096];
        int e = getpwnam_r(name, &pw, buf, sizeof(buf), &res);
        if (e != 0)
                return -e;
        if (!res)
                return -ENOENT;
        *ret_uid = res->pw_uid;
        return 0;
}
