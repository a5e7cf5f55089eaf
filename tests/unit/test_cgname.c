/* test_cgname.c: table-driven tests of cg_name_of() (model/cgname.h).
 *
 * The table holds cgroup paths as container engines, Kubernetes (both
 * cgroup drivers), LXC and systemd create them, near misses that must not
 * be named, and hostile names (control characters raw and escaped, bidi
 * marks, invalid UTF-8). Separate checks cover long names that must be cut
 * at a character boundary, a NULL path or result, and a deterministic
 * pseudo-random sweep that checks the text invariants on thousands of
 * generated paths. Every path is passed in a heap buffer of exactly its
 * size and every result in a heap struct pre-filled with continuation
 * bytes, so over-reads, over-writes and reads of stale bytes show up under
 * --enable-sanitizers. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgname.h"
#include "tap.h"
#include "util/utf8.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A container id, the same with one digit less and in upper case. */
#define ID "3f2a9c1b7e4d5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5"
#define ID2 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ID63 "3f2a9c1b7e4d5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c"
#define IDUP "3F2A9C1B7E4D5A6B7C8D9E0F1A2B3C4D5E6F708192A3B4C5D6E7F80912A3B4C5"
#define SHORT "3f2a9c1b7e4d"
/* A pod uid as the cgroupfs driver writes it, as the systemd driver does,
 * and a static pod's 32-hex config hash. */
#define UID "6f1d2b3c-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
#define UID_ "6f1d2b3c_4e5f_4a6b_8c7d_9e0f1a2b3c4d"
#define HASH32 "8d5ce2e1d4a0f0b5b6c1a5e1d2f3a4b5"
#define KSLICE "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" UID_ ".slice"
#define KBE "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" UID_ ".slice"

static const unsigned char POISON = 0xa5; /* a UTF-8 continuation byte */

static char *heap_copy(const char *s)
{
        size_t n = strlen(s) + 1;
        char *p = malloc(n);
        if (!p) {
                perror("malloc");
                exit(99);
        }
        memcpy(p, s, n);
        return p;
}

static struct cg_name *poisoned_result(void)
{
        struct cg_name *r = malloc(sizeof(*r));
        if (!r) {
                perror("malloc");
                exit(99);
        }
        memset(r, POISON, sizeof(*r));
        return r;
}

/* The text contract: NUL within the buffer, valid UTF-8, nothing that
 * utf8_is_dangerous() rejects, empty exactly when the kind is NONE, and
 * only container kinds may say container. Returns a reason or NULL. */
static const char *text_violation(enum cg_kind kind, const struct cg_name *r)
{
        size_t n = strnlen(r->text, sizeof(r->text));
        if (n == sizeof(r->text))
                return "text not NUL-terminated";
        if (r->kind != kind)
                return "returned kind differs from ret->kind";
        if ((kind == CG_KIND_NONE) != (n == 0))
                return "text empty iff kind NONE broken";
        if (r->container && kind != CG_KIND_DOCKER && kind != CG_KIND_CONTAINERD && kind != CG_KIND_CRIO &&
            kind != CG_KIND_PODMAN && kind != CG_KIND_LXC)
                return "container set on a non-container kind";
        const unsigned char *p = (const unsigned char *)r->text;
        while (n > 0) {
                uint32_t cp;
                size_t len = utf8_decode(p, n, &cp);
                if (len == 0)
                        return "invalid UTF-8 in text";
                if (utf8_is_dangerous(cp))
                        return "dangerous character in text";
                p += len;
                n -= len;
        }
        return NULL;
}

struct row {
        const char *path;
        enum cg_kind kind;
        bool container;
        const char *text;
};

static const struct row rows[] = {
        /* docker, systemd driver (also rootless, under the user's manager) and cgroupfs driver */
        {"/system.slice/docker-" ID ".scope", CG_KIND_DOCKER, true, "docker " SHORT},
        {"/user.slice/user-1000.slice/user@1000.service/app.slice/docker-" ID ".scope", CG_KIND_DOCKER, true,
         "docker " SHORT},
        {"/docker/" ID, CG_KIND_DOCKER, true, "docker " SHORT},
        {"/docker/" ID "/", CG_KIND_DOCKER, true, "docker " SHORT},
        {"//docker//" ID "//", CG_KIND_DOCKER, true, "docker " SHORT},
        {"docker/" ID, CG_KIND_DOCKER, true, "docker " SHORT},
        {"/docker/" ID2 "/docker/" ID, CG_KIND_DOCKER, true, "docker " SHORT},
        {"/system.slice/docker.service", CG_KIND_SYSTEMD_SERVICE, false, "docker.service"},
        {"/system.slice/docker.socket", CG_KIND_NONE, false, ""},
        {"/docker", CG_KIND_NONE, false, ""},
        {"/" ID, CG_KIND_NONE, false, ""},
        {"/docker/" ID63, CG_KIND_NONE, false, ""},
        {"/docker/" ID "0", CG_KIND_NONE, false, ""},
        {"/docker/" IDUP, CG_KIND_NONE, false, ""},
        {"/dockerx/" ID, CG_KIND_NONE, false, ""},
        {"/system.slice/docker-" ID63 ".scope", CG_KIND_SYSTEMD_SCOPE, false, "docker-" ID63 ".scope"},
        {"/system.slice/docker-" IDUP ".scope", CG_KIND_SYSTEMD_SCOPE, false, "docker-" IDUP ".scope"},
        {"/system.slice/docker-" ID ".scope/init.scope", CG_KIND_SYSTEMD_SCOPE, false, "init.scope"},
        {"/system.slice/docker-" ID ".slice", CG_KIND_SYSTEMD_SLICE, false, "docker-" ID ".slice"},

        /* containerd: CRI with the systemd driver, nerdctl, CRI with cgroupfs (also in a kind node) */
        {KSLICE "/cri-containerd-" ID ".scope", CG_KIND_CONTAINERD, true, "containerd " SHORT},
        {"/system.slice/nerdctl-" ID ".scope", CG_KIND_CONTAINERD, true, "containerd " SHORT},
        {"/kubepods/burstable/pod" UID "/" ID, CG_KIND_CONTAINERD, true, "k8s container " SHORT},
        {"/kubepods/besteffort/pod" UID "/" ID, CG_KIND_CONTAINERD, true, "k8s container " SHORT},
        {"/kubepods/pod" UID "/" ID, CG_KIND_CONTAINERD, true, "k8s container " SHORT},
        {"/docker/" ID2 "/kubepods/burstable/pod" UID "/" ID, CG_KIND_CONTAINERD, true, "k8s container " SHORT},
        {"/kubepods/other/pod" UID "/" ID, CG_KIND_NONE, false, ""},
        {"/other/burstable/pod" UID "/" ID, CG_KIND_NONE, false, ""},
        {"/kubepods/burstable/pod/" ID, CG_KIND_NONE, false, ""},
        {"/system.slice/containerd.service", CG_KIND_SYSTEMD_SERVICE, false, "containerd.service"},

        /* Kubernetes pods, systemd driver (uid with '_') and cgroupfs driver */
        {KSLICE, CG_KIND_KUBERNETES_POD, false, "k8s pod " UID " (burstable)"},
        {KBE, CG_KIND_KUBERNETES_POD, false, "k8s pod " UID " (besteffort)"},
        {"/kubepods.slice/kubepods-pod" UID_ ".slice", CG_KIND_KUBERNETES_POD, false,
         "k8s pod " UID " (guaranteed)"},
        {"/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" HASH32 ".slice",
         CG_KIND_KUBERNETES_POD, false, "k8s pod " HASH32 " (burstable)"},
        {"/kubepods/burstable/pod" UID, CG_KIND_KUBERNETES_POD, false, "k8s pod " UID " (burstable)"},
        {"/kubepods/besteffort/pod" UID, CG_KIND_KUBERNETES_POD, false, "k8s pod " UID " (besteffort)"},
        {"/kubepods/pod" UID, CG_KIND_KUBERNETES_POD, false, "k8s pod " UID " (guaranteed)"},
        {"/kubepods/pod" HASH32 "/", CG_KIND_KUBERNETES_POD, false, "k8s pod " HASH32 " (guaranteed)"},
        {"/kubepods/burstable/pod6F1D", CG_KIND_NONE, false, ""},
        {"/kubepods/burstable/pod", CG_KIND_NONE, false, ""},
        {"/kubepods/burstable/pods", CG_KIND_NONE, false, ""},
        {"/elsewhere/pod" UID, CG_KIND_NONE, false, ""},
        {"/kubepods.slice/kubepods-burstable-pod.slice", CG_KIND_SYSTEMD_SLICE, false,
         "kubepods-burstable-pod.slice"},
        {"/kubepods.slice/kubepods-burstable-podXYZ.slice", CG_KIND_SYSTEMD_SLICE, false,
         "kubepods-burstable-podXYZ.slice"},
        {"/kubepods.slice/kubepods-burstable-pod" UID_ "!.slice", CG_KIND_NONE, false, ""},

        /* Kubernetes QoS levels */
        {"/kubepods.slice", CG_KIND_KUBERNETES_QOS, false, "k8s pods"},
        {"/kubepods.slice/kubepods-burstable.slice", CG_KIND_KUBERNETES_QOS, false, "k8s qos burstable"},
        {"/kubepods.slice/kubepods-besteffort.slice", CG_KIND_KUBERNETES_QOS, false, "k8s qos besteffort"},
        {"/kubepods", CG_KIND_KUBERNETES_QOS, false, "k8s pods"},
        {"/kubepods/burstable", CG_KIND_KUBERNETES_QOS, false, "k8s qos burstable"},
        {"/kubepods/besteffort/", CG_KIND_KUBERNETES_QOS, false, "k8s qos besteffort"},
        {"/burstable", CG_KIND_NONE, false, ""},
        {"/other/besteffort", CG_KIND_NONE, false, ""},
        {"/kubepods/guaranteed", CG_KIND_NONE, false, ""},

        /* CRI-O: systemd and cgroupfs managers, and its conmon */
        {KBE "/crio-" ID ".scope", CG_KIND_CRIO, true, "cri-o " SHORT},
        {KBE "/crio-conmon-" ID ".scope", CG_KIND_CRIO, false, "cri-o conmon " SHORT},
        {"/kubepods/besteffort/pod" UID "/crio-" ID, CG_KIND_CRIO, true, "cri-o " SHORT},
        {"/kubepods/besteffort/pod" UID "/crio-conmon-" ID, CG_KIND_CRIO, false, "cri-o conmon " SHORT},
        {"/system.slice/crio.service", CG_KIND_SYSTEMD_SERVICE, false, "crio.service"},
        {"/crio-" ID63, CG_KIND_NONE, false, ""},

        /* podman: machine.slice, rootless, conmon, pods, the cgroupfs manager */
        {"/machine.slice/libpod-" ID ".scope", CG_KIND_PODMAN, true, "podman " SHORT},
        {"/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID ".scope", CG_KIND_PODMAN, true,
         "podman " SHORT},
        {"/machine.slice/libpod-conmon-" ID ".scope", CG_KIND_PODMAN, false, "podman conmon " SHORT},
        {"/machine.slice/machine-libpod_pod_" ID ".slice", CG_KIND_PODMAN, false, "podman pod " SHORT},
        {"/machine.slice/machine-libpod_pod_" ID ".slice/libpod-" ID2 ".scope", CG_KIND_PODMAN, true,
         "podman 0123456789ab"},
        {"/libpod_parent", CG_KIND_PODMAN, false, "podman parent"},
        {"/libpod_parent/libpod-" ID, CG_KIND_PODMAN, true, "podman " SHORT},
        {"/libpod_parent/libpod-conmon-" ID, CG_KIND_PODMAN, false, "podman conmon " SHORT},
        {"/libpod_parent/" ID, CG_KIND_PODMAN, false, "podman pod " SHORT},
        {"/libpod_parent/" ID "/libpod-" ID2, CG_KIND_PODMAN, true, "podman 0123456789ab"},
        {"/machine.slice/libpod-" ID ".scope/container", CG_KIND_NONE, false, ""},
        {"/machine.slice", CG_KIND_SYSTEMD_SLICE, false, "machine.slice"},

        /* LXC 4+ and LXD, LXC 3, legacy /lxc/<name>; systemd inside a container */
        {"/lxc.payload.web1", CG_KIND_LXC, true, "lxc web1"},
        {"/lxc.monitor.web1", CG_KIND_LXC, false, "lxc monitor web1"},
        {"/lxc.payload.myproject_c1", CG_KIND_LXC, true, "lxc myproject_c1"},
        {"/lxc.payload/web1", CG_KIND_LXC, true, "lxc web1"},
        {"/lxc.monitor/web1", CG_KIND_LXC, false, "lxc monitor web1"},
        {"/lxc/web1", CG_KIND_LXC, true, "lxc web1"},
        {"/lxc/web.service", CG_KIND_LXC, true, "lxc web.service"},
        {"/lxc/outer/lxc/inner", CG_KIND_LXC, true, "lxc inner"},
        {"/lxc.payload.web1/system.slice/nginx.service", CG_KIND_SYSTEMD_SERVICE, false, "nginx.service"},
        {"/lxc.payload.web1/init.scope", CG_KIND_SYSTEMD_SCOPE, false, "init.scope"},
        {"/lxc.payload.caf\xc3\xa9", CG_KIND_LXC, true, "lxc caf\xc3\xa9"},
        {"/lxc.payload.", CG_KIND_NONE, false, ""},
        {"/lxc", CG_KIND_NONE, false, ""},
        {"/lxc/web1/ns", CG_KIND_NONE, false, ""},
        {"/notlxc/web1", CG_KIND_NONE, false, ""},

        /* systemd units */
        {"/system.slice/sshd.service", CG_KIND_SYSTEMD_SERVICE, false, "sshd.service"},
        {"/system.slice/ssh.service/", CG_KIND_SYSTEMD_SERVICE, false, "ssh.service"},
        {"/init.scope", CG_KIND_SYSTEMD_SCOPE, false, "init.scope"},
        {"/system.slice", CG_KIND_SYSTEMD_SLICE, false, "system.slice"},
        {"/-.slice", CG_KIND_SYSTEMD_SLICE, false, "-.slice"},
        {"/user.slice/user-1000.slice", CG_KIND_SYSTEMD_SLICE, false, "user-1000.slice"},
        {"/user.slice/user-1000.slice/user@1000.service", CG_KIND_SYSTEMD_USER, false, "user 1000"},
        {"/user.slice/user-0.slice/user@0.service", CG_KIND_SYSTEMD_USER, false, "user 0"},
        {"/user.slice/user-4294967294.slice/user@4294967294.service", CG_KIND_SYSTEMD_USER, false,
         "user 4294967294"},
        {"/user.slice/user-1000.slice/user@1000.service/init.scope", CG_KIND_SYSTEMD_SCOPE, false, "init.scope"},
        {"/user.slice/user-1000.slice/session-3.scope", CG_KIND_SYSTEMD_SCOPE, false, "session 3"},
        {"/user.slice/user-120.slice/session-c1.scope", CG_KIND_SYSTEMD_SCOPE, false, "session c1"},
        {"/system.slice/system-getty.slice/getty@tty1.service", CG_KIND_SYSTEMD_SERVICE, false,
         "getty@tty1.service"},
        {"/system.slice/system-systemd\\x2dfsck.slice", CG_KIND_SYSTEMD_SLICE, false,
         "system-systemd-fsck.slice"},
        {"/system.slice/system-systemd\\x2dfsck.slice/systemd-fsck@dev-disk-by\\x2duuid-0A1B\\x2d2C3D.service",
         CG_KIND_SYSTEMD_SERVICE, false, "systemd-fsck@dev-disk-by-uuid-0A1B-2C3D.service"},
        {"/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-firefox-4242.scope",
         CG_KIND_SYSTEMD_SCOPE, false, "app-gnome-firefox-4242.scope"},
        {"/system.slice/foo\\x20bar.service", CG_KIND_SYSTEMD_SERVICE, false, "foo bar.service"},
        {"/system.slice/\\xc3\\xa9t\\xc3\\xa9.service", CG_KIND_SYSTEMD_SERVICE, false, "\xc3\xa9t\xc3\xa9.service"},
        {"/system.slice/x\\x2Fy.service", CG_KIND_SYSTEMD_SERVICE, false, "x/y.service"},
        {"/system.slice/a\\x.service", CG_KIND_SYSTEMD_SERVICE, false, "a\\x.service"},
        {"/system.slice/a\\x4.service", CG_KIND_SYSTEMD_SERVICE, false, "a\\x4.service"},
        {"/system.slice/a\\xzz.service", CG_KIND_SYSTEMD_SERVICE, false, "a\\xzz.service"},
        {"/system.slice/user@abc.service", CG_KIND_SYSTEMD_SERVICE, false, "user@abc.service"},
        {"/system.slice/user@.service", CG_KIND_SYSTEMD_SERVICE, false, "user@.service"},
        {"/system.slice/user@12345678901.service", CG_KIND_SYSTEMD_SERVICE, false, "user@12345678901.service"},
        {"/user.slice/session-.scope", CG_KIND_SYSTEMD_SCOPE, false, "session-.scope"},
        {"/user.slice/session-3_x.scope", CG_KIND_SYSTEMD_SCOPE, false, "session-3_x.scope"},
        {"/system.slice/.service", CG_KIND_NONE, false, ""},
        {"/.scope", CG_KIND_NONE, false, ""},
        {"/system.slice/foo.mount", CG_KIND_NONE, false, ""},
        {"/system.slice/foo.service.d", CG_KIND_NONE, false, ""},
        {"/system.slice/my service.service", CG_KIND_NONE, false, ""},
        {"/system.slice/foo\\x2", CG_KIND_NONE, false, ""},
        {"/nstop-test-abc", CG_KIND_NONE, false, ""},
        {"/user.slice/user-1000.slice/user@1000.service/app.slice/caf\xc3\xa9.service", CG_KIND_NONE, false, ""},

        /* hostile: raw control bytes in the last component are never named */
        {"/system.slice/ss\x1bhd.service", CG_KIND_NONE, false, ""},
        {"/system.slice/sshd.service\n", CG_KIND_NONE, false, ""},
        {"/lxc/web\x01", CG_KIND_NONE, false, ""},
        {"/lxc.payload.web\x7f", CG_KIND_NONE, false, ""},
        {"/lxc.payload.\x1b[2J", CG_KIND_NONE, false, ""},
        {"/docker/" ID "\t", CG_KIND_NONE, false, ""},
        /* ... while escaped ones, C1 controls, bidi marks, bad UTF-8 become '?' */
        {"/system.slice/evil\\x1b\\x5b31m.service", CG_KIND_SYSTEMD_SERVICE, false, "evil?[31m.service"},
        {"/system.slice/a\\x0ab.service", CG_KIND_SYSTEMD_SERVICE, false, "a?b.service"},
        {"/system.slice/a\\x7fb.service", CG_KIND_SYSTEMD_SERVICE, false, "a?b.service"},
        {"/system.slice/bidi\\xe2\\x80\\xae.service", CG_KIND_SYSTEMD_SERVICE, false, "bidi?.service"},
        {"/system.slice/c1\\xc2\\x9b.service", CG_KIND_SYSTEMD_SERVICE, false, "c1?.service"},
        {"/system.slice/\\xff\\xfe.service", CG_KIND_SYSTEMD_SERVICE, false, "??.service"},
        {"/system.slice/half\\xe2\\x82.service", CG_KIND_SYSTEMD_SERVICE, false, "half??.service"},
        {"/system.slice/nul\\x00.service", CG_KIND_SYSTEMD_SERVICE, false, "nul?.service"},
        {"/lxc/web\xe2\x80\xae" "1", CG_KIND_LXC, true, "lxc web?1"},
        {"/lxc/web\xc2\x9b" "1", CG_KIND_LXC, true, "lxc web?1"},
        {"/lxc/\xff\xfe", CG_KIND_LXC, true, "lxc ??"},
        {"/lxc/ab\xe2\x82", CG_KIND_LXC, true, "lxc ab??"},
        {"/lxc/\xc0\xaf", CG_KIND_LXC, true, "lxc ??"},
        /* control bytes elsewhere in the path do not matter, or spoil only the context */
        {"/sys\x1btem.slice/sshd.service", CG_KIND_SYSTEMD_SERVICE, false, "sshd.service"},
        {"/docker\n/" ID, CG_KIND_NONE, false, ""},
        {"/kubepods\x1b/pod" UID, CG_KIND_NONE, false, ""},

        /* empty and degenerate */
        {"", CG_KIND_NONE, false, ""},
        {"/", CG_KIND_NONE, false, ""},
        {"///", CG_KIND_NONE, false, ""},
        {".", CG_KIND_NONE, false, ""},
        {"/..", CG_KIND_NONE, false, ""},
};

static void test_table(void)
{
        for (size_t i = 0; i < N_ELEM(rows); i++) {
                const struct row *w = &rows[i];
                char *path = heap_copy(w->path);
                struct cg_name *r = poisoned_result();
                enum cg_kind k = cg_name_of(path, r);
                char name[512];
                snprintf(name, sizeof(name), "row %zu: %s", i, w->text[0] ? w->text : "(none)");
                is_int(k, w->kind, name);
                is_int(r->container, w->container, "  container");
                is_str(r->text, w->text, "  text");
                const char *why = text_violation(k, r);
                if (why)
                        ok(false, why);
                free(r);
                free(path);
        }
}

static char *repeat(const char *prefix, const char *unit, size_t times, const char *suffix)
{
        size_t pl = strlen(prefix), ul = strlen(unit), sl = strlen(suffix);
        char *s = malloc(pl + ul * times + sl + 1);
        if (!s) {
                perror("malloc");
                exit(99);
        }
        memcpy(s, prefix, pl);
        for (size_t i = 0; i < times; i++)
                memcpy(s + pl + i * ul, unit, ul);
        memcpy(s + pl + ul * times, suffix, sl + 1);
        return s;
}

/* Names the path and returns the text in a static copy, checking the
 * contract on the way. */
static const char *name_text(const char *path, enum cg_kind want, const char *what)
{
        static char text[sizeof(((struct cg_name *)0)->text)];
        struct cg_name *r = poisoned_result();
        enum cg_kind k = cg_name_of(path, r);
        is_int(k, want, what);
        const char *why = text_violation(k, r);
        ok(!why, why ? why : "  text contract holds");
        memcpy(text, r->text, sizeof(text));
        text[sizeof(text) - 1] = '\0';
        free(r);
        return text;
}

static void test_long(void)
{
        char want[256];
        char *p;

        /* "lxc " + 123 bytes is exactly 127: no cut. One more byte: cut. */
        p = repeat("/lxc.payload.", "a", 123, "");
        snprintf(want, sizeof(want), "lxc %.123s", p + 13);
        is_str(name_text(p, CG_KIND_LXC, "lxc name filling the text exactly"), want, "  not cut");
        free(p);
        p = repeat("/lxc.payload.", "a", 124, "");
        snprintf(want, sizeof(want), "lxc %.120s...", p + 13);
        is_str(name_text(p, CG_KIND_LXC, "lxc name one byte too long"), want, "  cut with ...");
        free(p);
        p = repeat("/lxc/", "b", 5000, "");
        const char *t = name_text(p, CG_KIND_LXC, "5000-byte lxc name");
        is_int(strlen(t), 127, "  text is 127 bytes");
        ok(strcmp(t + 124, "...") == 0, "  ends in ...");
        free(p);

        /* Two-byte characters: the cut moves back to a lead byte. */
        p = repeat("/lxc/x", "\xc3\xa9", 100, "");
        t = name_text(p, CG_KIND_LXC, "lxc name of 2-byte characters, odd offset");
        is_int(strlen(t), 126, "  cut before a split character (126 bytes)");
        ok(strncmp(t, "lxc x\xc3\xa9", 7) == 0 && strcmp(t + 123, "...") == 0, "  starts and ends right");
        free(p);
        p = repeat("/lxc/", "\xf0\x9f\x98\x80", 40, "");
        t = name_text(p, CG_KIND_LXC, "lxc name of 4-byte characters");
        is_int(strlen(t), 4 + 4 * 30 + 3, "  30 whole characters and ...");
        free(p);
        p = repeat("/lxc/", "\xe2\x80\xae", 200, "");
        t = name_text(p, CG_KIND_LXC, "lxc name of bidi marks only");
        is_int(strlen(t), 127, "  each mark one '?', cut at 127");
        ok(strspn(t + 4, "?") == 120, "  only '?' before the ...");
        free(p);

        /* systemd: 255 bytes is the longest valid unit name. */
        p = repeat("/system.slice/", "a", 247, ".service");
        snprintf(want, sizeof(want), "%.124s...", p + 14);
        is_str(name_text(p, CG_KIND_SYSTEMD_SERVICE, "255-byte unit name"), want, "  cut with ...");
        free(p);
        p = repeat("/system.slice/", "a", 248, ".service");
        is_str(name_text(p, CG_KIND_NONE, "256-byte unit name is not a unit"), "", "  no text");
        free(p);
        /* Escapes shrink when decoded; a cut inside a decoded character
         * moves back to its lead byte: 85 'a' + 20 escaped é (253 bytes raw,
         * 133 decoded) keeps 85 'a', 19 é and "...". */
        char *esc = repeat("", "\\xc3\\xa9", 20, ".service");
        p = repeat("/system.slice/", "a", 85, esc);
        char *plain = repeat("", "\xc3\xa9", 19, "...");
        snprintf(want, sizeof(want), "%.85s%s", p + 14, plain);
        t = name_text(p, CG_KIND_SYSTEMD_SERVICE, "escaped 2-byte characters past the end");
        is_str(t, want, "  decoded, cut at a character boundary");
        is_int(strlen(t), 126, "  126 bytes");
        free(plain);
        free(p);
        free(esc);

        /* A very long path: only its end matters. */
        p = repeat("", "/a.slice", 2000, "/docker-" ID ".scope");
        is_str(name_text(p, CG_KIND_DOCKER, "16 KB path"), "docker " SHORT, "  named by its end");
        free(p);
}

static void test_null(void)
{
        struct cg_name *r = poisoned_result();
        is_int(cg_name_of(NULL, r), CG_KIND_NONE, "NULL path is NONE");
        ok(r->kind == CG_KIND_NONE && !r->container && r->text[0] == '\0', "  result cleared");
        free(r);
        is_int(cg_name_of("/system.slice/docker-" ID ".scope", NULL), CG_KIND_DOCKER, "NULL result: kind only");
        is_int(cg_name_of(NULL, NULL), CG_KIND_NONE, "NULL path and result");

        /* A result is always rewritten, including after a longer one. */
        struct cg_name n;
        cg_name_of("/kubepods/burstable/pod" UID, &n);
        cg_name_of("/init.scope", &n);
        is_str(n.text, "init.scope", "reused result holds only the new text");
        cg_name_of("/nothing", &n);
        ok(n.kind == CG_KIND_NONE && !n.container && n.text[0] == '\0', "reused result cleared for NONE");
}

/* Deterministic pseudo-random paths built from the pieces real names are
 * made of plus arbitrary bytes; the contract must hold for every one. */
static uint32_t lcg_state = 12345;

static uint32_t lcg(void)
{
        lcg_state = lcg_state * 1103515245u + 12345u;
        return lcg_state >> 8;
}

static void test_sweep(void)
{
        static const char *pieces[] = {
                "/", "/", "docker-", ID, ID63, ".scope", ".slice", ".service", "lxc.payload.", "lxc.monitor.",
                "/lxc/", "kubepods", "-burstable", "-besteffort", "-pod", "pod", UID, UID_, "/kubepods/",
                "burstable/", "crio-", "libpod-", "conmon-", "libpod_parent", "cri-containerd-", "user@", "1000",
                "session-", "\\x", "2d", "1b", "c3", "a9", "e2\\x80\\xae", "\\", "@", "-", "_", ".", "a",
        };
        unsigned bad = 0, named = 0;
        char first_bad[300] = "";
        for (int iter = 0; iter < 50000; iter++) {
                char buf[600];
                size_t len = 0;
                int npieces = 1 + (int)(lcg() % 12);
                for (int j = 0; j < npieces; j++) {
                        const char *piece;
                        char byte[2];
                        if (lcg() % 5 == 0) {
                                byte[0] = (char)(1 + lcg() % 255);
                                byte[1] = '\0';
                                piece = byte;
                        } else {
                                piece = pieces[lcg() % N_ELEM(pieces)];
                        }
                        size_t pl = strlen(piece);
                        if (len + pl >= 300)
                                break;
                        memcpy(buf + len, piece, pl);
                        len += pl;
                }
                buf[len] = '\0';
                char *path = heap_copy(buf);
                struct cg_name *r = poisoned_result();
                enum cg_kind k = cg_name_of(path, r);
                if (k != CG_KIND_NONE)
                        named++;
                if (text_violation(k, r) && !bad++)
                        snprintf(first_bad, sizeof(first_bad), "%s", text_violation(k, r));
                free(r);
                free(path);
        }
        if (!ok(bad == 0, "50000 generated paths keep the text contract"))
                printf("#   %u violations, first: %s\n", bad, first_bad);
        ok(named > 1000, "the sweep reaches the naming rules");
        printf("#   %u of 50000 generated paths were named\n", named);
}

int main(void)
{
        test_table();
        test_long();
        test_null();
        test_sweep();
        return tap_done();
}
