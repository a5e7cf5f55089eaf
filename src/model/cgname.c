/* cgname.c: human names for well-known cgroup paths; see cgname.h.
 *
 * The path is split from its end into its last few components (only the
 * last one is named; up to three above it give context). Each rule below
 * either claims the component, writing kind, container flag and text, or
 * passes. Rules go from the most specific (a 64-hex container id in a
 * known wrapper) to the most generic (any systemd unit name), so
 * "docker-<id>.scope" is a docker container before it is a scope. */
#include "config.h"

#include "model/cgname.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

enum {
        ID_LEN = 64,       /* docker, containerd, cri-o and podman ids: sha256 in hex */
        ID_SHORT = 12,     /* what `docker ps` shows */
        UID_MAX_LEN = 64,  /* pod uids are 36-char UUIDs or 32-hex static-pod hashes */
        UNIT_MAX_LEN = 255 /* systemd's UNIT_NAME_MAX minus the NUL */
};

/* One path component: s[0..n), not NUL-terminated. */
struct part {
        const char *s;
        size_t n;
};

/* Splits path from its end: parts[0] is the last component, parts[1] its
 * parent, ... Empty components (repeated or trailing slashes) are skipped.
 * Returns how many were found, at most max. */
static size_t path_tail(const char *path, struct part *parts, size_t max)
{
        size_t end = strlen(path), count = 0;
        while (count < max) {
                while (end > 0 && path[end - 1] == '/')
                        end--;
                if (end == 0)
                        break;
                size_t start = end;
                while (start > 0 && path[start - 1] != '/')
                        start--;
                parts[count++] = (struct part){path + start, end - start};
                end = start;
        }
        return count;
}

static bool part_is(const struct part *p, const char *lit)
{
        size_t n = strlen(lit);
        return p->n == n && memcmp(p->s, lit, n) == 0;
}

static bool part_starts(const struct part *p, const char *lit)
{
        size_t n = strlen(lit);
        return p->n >= n && memcmp(p->s, lit, n) == 0;
}

static bool part_ends(const struct part *p, const char *lit)
{
        size_t n = strlen(lit);
        return p->n >= n && memcmp(p->s + p->n - n, lit, n) == 0;
}

static bool is_lower_hex(char c)
{
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool is_id(const char *s, size_t n)
{
        if (n != ID_LEN)
                return false;
        for (size_t i = 0; i < n; i++)
                if (!is_lower_hex(s[i]))
                        return false;
        return true;
}

/* A Kubernetes pod uid as it appears in a cgroup name: '-' (cgroupfs
 * driver) or '_' (systemd driver, where '-' separates slice levels). */
static bool is_uid(const char *s, size_t n)
{
        if (n == 0 || n > UID_MAX_LEN)
                return false;
        for (size_t i = 0; i < n; i++)
                if (!is_lower_hex(s[i]) && s[i] != '-' && s[i] != '_')
                        return false;
        return true;
}

static bool is_digits(const char *s, size_t n, size_t max)
{
        if (n == 0 || n > max)
                return false;
        for (size_t i = 0; i < n; i++)
                if (s[i] < '0' || s[i] > '9')
                        return false;
        return true;
}

static bool is_alnum(char c)
{
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool has_raw_control(const struct part *p)
{
        for (size_t i = 0; i < p->n; i++) {
                unsigned char c = (unsigned char)p->s[i];
                if (c < 0x20 || c == 0x7f)
                        return true;
        }
        return false;
}

/* ---- the text: bounded, valid UTF-8, no control characters ---- */

struct text {
        char *buf; /* sizeof(struct cg_name.text) bytes */
        size_t len;
        bool full; /* something did not fit */
};

enum { TEXT_CAP = sizeof(((struct cg_name *)0)->text) };

static void text_put(struct text *t, const char *s, size_t n)
{
        if (t->full)
                return;
        if (t->len + n > TEXT_CAP - 1) {
                t->full = true;
                return;
        }
        memcpy(t->buf + t->len, s, n);
        t->len += n;
}

static void text_lit(struct text *t, const char *lit)
{
        text_put(t, lit, strlen(lit));
}

/* Appends untrusted bytes character by character, so a cut never splits
 * one; what must not be shown becomes '?'. */
static void text_untrusted(struct text *t, const char *s, size_t n)
{
        const unsigned char *p = (const unsigned char *)s;
        while (n > 0 && !t->full) {
                uint32_t cp;
                size_t len = utf8_decode(p, n, &cp);
                if (len == 0 || utf8_is_dangerous(cp))
                        text_put(t, "?", 1);
                else
                        text_put(t, (const char *)p, len);
                len = len ? len : 1;
                p += len;
                n -= len;
        }
}

static void text_finish(struct text *t)
{
        if (t->full) {
                /* Back off to a character boundary that leaves room for
                 * "...". Only bytes written here are looked at: a cut that
                 * lands on a continuation byte moves back to its lead byte. */
                size_t written = t->len;
                if (t->len > TEXT_CAP - 4)
                        t->len = TEXT_CAP - 4;
                while (t->len > 0 && t->len < written && ((unsigned char)t->buf[t->len] & 0xc0) == 0x80)
                        t->len--;
                memcpy(t->buf + t->len, "...", 3);
                t->len += 3;
        }
        t->buf[t->len] = '\0';
}

/* Starts a result: kind, container flag, and the text writer on it. */
static struct text claim(struct cg_name *ret, enum cg_kind kind, bool container)
{
        ret->kind = kind;
        ret->container = container;
        return (struct text){ret->text, 0, false};
}

/* "<label> <first 12 hex digits of id>" */
static enum cg_kind claim_id(struct cg_name *ret, enum cg_kind kind, bool container, const char *label,
                             const char *id)
{
        struct text t = claim(ret, kind, container);
        text_lit(&t, label);
        text_lit(&t, " ");
        text_put(&t, id, ID_SHORT);
        text_finish(&t);
        return kind;
}

/* ---- container engines: <prefix><64 hex><suffix> ---- */

struct engine_pattern {
        const char *prefix, *suffix, *label;
        enum cg_kind kind;
        bool container; /* false: the engine's helper (conmon) or a pod, not one container */
};

/* Systemd-driver names end in ".scope"/".slice"; cri-o and podman with
 * their cgroupfs managers use the same names without the suffix. */
static const struct engine_pattern engine_patterns[] = {
        {"docker-", ".scope", "docker", CG_KIND_DOCKER, true},
        {"cri-containerd-", ".scope", "containerd", CG_KIND_CONTAINERD, true},
        {"nerdctl-", ".scope", "containerd", CG_KIND_CONTAINERD, true},
        {"crio-conmon-", ".scope", "cri-o conmon", CG_KIND_CRIO, false},
        {"crio-conmon-", "", "cri-o conmon", CG_KIND_CRIO, false},
        {"crio-", ".scope", "cri-o", CG_KIND_CRIO, true},
        {"crio-", "", "cri-o", CG_KIND_CRIO, true},
        {"libpod-conmon-", ".scope", "podman conmon", CG_KIND_PODMAN, false},
        {"libpod-conmon-", "", "podman conmon", CG_KIND_PODMAN, false},
        {"libpod-", ".scope", "podman", CG_KIND_PODMAN, true},
        {"libpod-", "", "podman", CG_KIND_PODMAN, true},
        {"machine-libpod_pod_", ".slice", "podman pod", CG_KIND_PODMAN, false},
};

static enum cg_kind name_engine(const struct part *c, struct cg_name *ret)
{
        for (size_t i = 0; i < N_ELEM(engine_patterns); i++) {
                const struct engine_pattern *e = &engine_patterns[i];
                size_t pl = strlen(e->prefix), sl = strlen(e->suffix);
                if (c->n != pl + ID_LEN + sl || !part_starts(c, e->prefix) || !part_ends(c, e->suffix))
                        continue;
                if (is_id(c->s + pl, ID_LEN))
                        return claim_id(ret, e->kind, e->container, e->label, c->s + pl);
        }
        return CG_KIND_NONE;
}

/* ---- Kubernetes ---- */

/* Is parts[i] a cgroupfs-driver pod directory: pod<uid> directly under
 * "kubepods" (guaranteed) or under "kubepods/burstable|besteffort"? */
static bool k8s_cgroupfs_pod(const struct part *parts, size_t count, size_t i, const char **ret_qos)
{
        const struct part *p = &parts[i];
        if (i + 1 >= count || !part_starts(p, "pod") || !is_uid(p->s + 3, p->n - 3))
                return false;
        if (part_is(&parts[i + 1], "kubepods")) {
                *ret_qos = "guaranteed";
                return true;
        }
        if (i + 2 < count && part_is(&parts[i + 2], "kubepods") &&
            (part_is(&parts[i + 1], "burstable") || part_is(&parts[i + 1], "besteffort"))) {
                *ret_qos = part_is(&parts[i + 1], "burstable") ? "burstable" : "besteffort";
                return true;
        }
        return false;
}

static enum cg_kind claim_pod(struct cg_name *ret, const char *uid, size_t n, const char *qos)
{
        struct text t = claim(ret, CG_KIND_KUBERNETES_POD, false);
        text_lit(&t, "k8s pod ");
        for (size_t i = 0; i < n; i++)
                text_put(&t, uid[i] == '_' ? "-" : &uid[i], 1);
        text_lit(&t, " (");
        text_lit(&t, qos);
        text_lit(&t, ")");
        text_finish(&t);
        return CG_KIND_KUBERNETES_POD;
}

static enum cg_kind claim_qos(struct cg_name *ret, const char *text)
{
        struct text t = claim(ret, CG_KIND_KUBERNETES_QOS, false);
        text_lit(&t, text);
        text_finish(&t);
        return CG_KIND_KUBERNETES_QOS;
}

/* The systemd driver's pod slices: kubepods[-QOS]-pod<uid with _>.slice */
static enum cg_kind name_k8s_pod_slice(const struct part *c, struct cg_name *ret)
{
        static const struct {
                const char *prefix, *qos;
        } forms[] = {
                {"kubepods-burstable-pod", "burstable"},
                {"kubepods-besteffort-pod", "besteffort"},
                {"kubepods-pod", "guaranteed"},
        };
        if (!part_ends(c, ".slice"))
                return CG_KIND_NONE;
        for (size_t i = 0; i < N_ELEM(forms); i++) {
                size_t pl = strlen(forms[i].prefix);
                if (c->n <= pl + 6 || !part_starts(c, forms[i].prefix))
                        continue;
                const char *uid = c->s + pl;
                size_t n = c->n - pl - 6;
                if (is_uid(uid, n))
                        return claim_pod(ret, uid, n, forms[i].qos);
        }
        return CG_KIND_NONE;
}

static enum cg_kind name_k8s(const struct part *parts, size_t count, struct cg_name *ret)
{
        const struct part *c = &parts[0];
        const char *qos;
        if (part_is(c, "kubepods.slice") || part_is(c, "kubepods"))
                return claim_qos(ret, "k8s pods");
        if (part_is(c, "kubepods-burstable.slice") ||
            (count > 1 && part_is(c, "burstable") && part_is(&parts[1], "kubepods")))
                return claim_qos(ret, "k8s qos burstable");
        if (part_is(c, "kubepods-besteffort.slice") ||
            (count > 1 && part_is(c, "besteffort") && part_is(&parts[1], "kubepods")))
                return claim_qos(ret, "k8s qos besteffort");
        if (k8s_cgroupfs_pod(parts, count, 0, &qos))
                return claim_pod(ret, c->s + 3, c->n - 3, qos);
        return name_k8s_pod_slice(c, ret);
}

/* ---- a bare 64-hex id named by its parent (cgroupfs drivers) ---- */

static enum cg_kind name_bare_id(const struct part *parts, size_t count, struct cg_name *ret)
{
        const char *qos;
        if (count < 2 || !is_id(parts[0].s, parts[0].n))
                return CG_KIND_NONE;
        if (part_is(&parts[1], "docker"))
                return claim_id(ret, CG_KIND_DOCKER, true, "docker", parts[0].s);
        if (part_is(&parts[1], "libpod_parent"))
                return claim_id(ret, CG_KIND_PODMAN, false, "podman pod", parts[0].s);
        /* The CRI runtime is not in the path; containerd is the common one. */
        if (k8s_cgroupfs_pod(parts, count, 1, &qos))
                return claim_id(ret, CG_KIND_CONTAINERD, true, "k8s container", parts[0].s);
        return CG_KIND_NONE;
}

/* ---- LXC: lxc.payload.<name> (LXC 4+), <name> under lxc/ (older) ---- */

static enum cg_kind claim_lxc(struct cg_name *ret, bool container, const char *name, size_t n)
{
        struct text t = claim(ret, CG_KIND_LXC, container);
        text_lit(&t, container ? "lxc " : "lxc monitor ");
        text_untrusted(&t, name, n);
        text_finish(&t);
        return CG_KIND_LXC;
}

static enum cg_kind name_lxc(const struct part *parts, size_t count, struct cg_name *ret)
{
        const struct part *c = &parts[0];
        static const char payload[] = "lxc.payload.", monitor[] = "lxc.monitor.";
        if (c->n > strlen(payload) && part_starts(c, payload))
                return claim_lxc(ret, true, c->s + strlen(payload), c->n - strlen(payload));
        if (c->n > strlen(monitor) && part_starts(c, monitor))
                return claim_lxc(ret, false, c->s + strlen(monitor), c->n - strlen(monitor));
        if (count < 2)
                return CG_KIND_NONE;
        if (part_is(&parts[1], "lxc") || part_is(&parts[1], "lxc.payload"))
                return claim_lxc(ret, true, c->s, c->n);
        if (part_is(&parts[1], "lxc.monitor"))
                return claim_lxc(ret, false, c->s, c->n);
        return CG_KIND_NONE;
}

/* ---- podman's cgroupfs parent ---- */

static enum cg_kind name_podman_parent(const struct part *c, struct cg_name *ret)
{
        if (!part_is(c, "libpod_parent"))
                return CG_KIND_NONE;
        struct text t = claim(ret, CG_KIND_PODMAN, false);
        text_lit(&t, "podman parent");
        text_finish(&t);
        return CG_KIND_PODMAN;
}

/* ---- systemd units ---- */

static bool is_unit_name(const struct part *c)
{
        if (c->n == 0 || c->n > UNIT_MAX_LEN)
                return false;
        for (size_t i = 0; i < c->n; i++)
                if (!is_alnum(c->s[i]) && (c->s[i] == '\0' || !strchr(":_.@\\-", c->s[i])))
                        return false;
        return true;
}

static int hex_val(char c)
{
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -1;
}

/* systemd escapes every byte outside its unit-name alphabet as \xNN (and
 * '/' in paths as '-', which stays as it is: it cannot be told apart). */
static size_t unit_unescape(const struct part *c, char *out)
{
        size_t o = 0;
        for (size_t i = 0; i < c->n; i++) {
                if (c->s[i] == '\\' && i + 3 < c->n && c->s[i + 1] == 'x' && hex_val(c->s[i + 2]) >= 0 &&
                    hex_val(c->s[i + 3]) >= 0) {
                        out[o++] = (char)(hex_val(c->s[i + 2]) * 16 + hex_val(c->s[i + 3]));
                        i += 3;
                } else {
                        out[o++] = c->s[i];
                }
        }
        return o;
}

static enum cg_kind name_systemd(const struct part *c, struct cg_name *ret)
{
        static const struct {
                const char *suffix;
                enum cg_kind kind;
        } types[] = {
                {".service", CG_KIND_SYSTEMD_SERVICE},
                {".scope", CG_KIND_SYSTEMD_SCOPE},
                {".slice", CG_KIND_SYSTEMD_SLICE},
        };
        if (!is_unit_name(c))
                return CG_KIND_NONE;
        if (c->n > 5 + 8 && part_starts(c, "user@") && part_ends(c, ".service") &&
            is_digits(c->s + 5, c->n - 5 - 8, 10)) {
                struct text t = claim(ret, CG_KIND_SYSTEMD_USER, false);
                text_lit(&t, "user ");
                text_put(&t, c->s + 5, c->n - 5 - 8);
                text_finish(&t);
                return CG_KIND_SYSTEMD_USER;
        }
        if (part_starts(c, "session-") && part_ends(c, ".scope") && c->n > 8 + 6) {
                size_t n = c->n - 8 - 6;
                bool ok = true;
                for (size_t i = 0; i < n; i++)
                        ok = ok && is_alnum(c->s[8 + i]);
                if (ok) {
                        struct text t = claim(ret, CG_KIND_SYSTEMD_SCOPE, false);
                        text_lit(&t, "session ");
                        text_put(&t, c->s + 8, n);
                        text_finish(&t);
                        return CG_KIND_SYSTEMD_SCOPE;
                }
        }
        for (size_t i = 0; i < N_ELEM(types); i++) {
                if (c->n <= strlen(types[i].suffix) || !part_ends(c, types[i].suffix))
                        continue;
                char plain[UNIT_MAX_LEN];
                size_t n = unit_unescape(c, plain);
                struct text t = claim(ret, types[i].kind, false);
                text_untrusted(&t, plain, n);
                text_finish(&t);
                return types[i].kind;
        }
        return CG_KIND_NONE;
}

enum cg_kind cg_name_of(const char *path, struct cg_name *ret)
{
        struct cg_name scratch;
        struct part parts[4];
        if (!ret)
                ret = &scratch;
        ret->kind = CG_KIND_NONE;
        ret->container = false;
        ret->text[0] = '\0';
        if (!path)
                return CG_KIND_NONE;
        size_t count = path_tail(path, parts, N_ELEM(parts));
        if (count == 0 || has_raw_control(&parts[0]))
                return CG_KIND_NONE;
        enum cg_kind k = name_engine(&parts[0], ret);
        if (k == CG_KIND_NONE)
                k = name_bare_id(parts, count, ret);
        if (k == CG_KIND_NONE)
                k = name_lxc(parts, count, ret);
        if (k == CG_KIND_NONE)
                k = name_k8s(parts, count, ret);
        if (k == CG_KIND_NONE)
                k = name_podman_parent(&parts[0], ret);
        if (k == CG_KIND_NONE)
                k = name_systemd(&parts[0], ret);
        return k;
}
