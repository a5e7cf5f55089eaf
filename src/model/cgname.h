/* cgname.h: a human name for a well-known cgroup path.
 *
 * Container engines and systemd name their cgroups after what runs inside:
 * "/system.slice/docker-<64 hex>.scope" is a docker container,
 * "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid>.slice"
 * a Kubernetes pod. cg_name_of() recognises these layouts and says what the
 * LAST path component is, using the components above it only as context
 * (the QoS class of a cgroupfs pod, the "docker" parent of a cgroupfs
 * container). It is a pure function: no I/O, no allocation, no state.
 *
 * Recognised (the last component, in the context of its parents):
 *   docker          docker-<id>.scope; <id> under a "docker" parent (cgroupfs driver)
 *   containerd      cri-containerd-<id>.scope, nerdctl-<id>.scope; <id> under a
 *                   cgroupfs Kubernetes pod ("/kubepods/[QOS/]pod<uid>/<id>": the CRI
 *                   runtime is not in such a path, containerd is assumed for the
 *                   kind and the text says "k8s container <id>")
 *   k8s pod         kubepods-burstable-pod<uid>.slice, kubepods-besteffort-pod<uid>.slice,
 *                   kubepods-pod<uid>.slice (guaranteed); pod<uid> under "kubepods",
 *                   "kubepods/burstable" or "kubepods/besteffort" (cgroupfs driver)
 *   k8s QoS         kubepods.slice, kubepods (the root of all pods),
 *                   kubepods-burstable.slice, kubepods-besteffort.slice,
 *                   burstable / besteffort under "kubepods"
 *   cri-o           crio-<id>.scope, crio-<id>; crio-conmon-<id>[.scope] (not a container)
 *   podman          libpod-<id>.scope, libpod-<id>; libpod-conmon-<id>[.scope] and
 *                   machine-libpod_pod_<id>.slice, <id> under libpod_parent (pods),
 *                   libpod_parent itself: those are not containers
 *   lxc             lxc.payload.<name>, <name> under "lxc" or "lxc.payload";
 *                   lxc.monitor.<name>, <name> under "lxc.monitor" (not containers)
 *   systemd         user@<uid>.service ("user <uid>"), session-<id>.scope
 *                   ("session <id>"), any other valid unit name ending in
 *                   .service, .scope or .slice (the unit name, \xNN unescaped)
 * <id> is exactly 64 lowercase hex digits and is shown shortened to its first
 * 12, as `docker ps` does. <uid> is 1-64 characters of [0-9a-f_-] (UUIDs, with
 * '_' for '-' in systemd slices, or the 32-hex hash of a static pod); the text
 * shows it with '-'. Container patterns win over the generic systemd ones.
 *
 * Untrusted input: a path is whatever a process or a cgroupfs directory says.
 *   - A last component holding a raw byte < 0x20 or 0x7f is never named:
 *     the result is CG_KIND_NONE (no engine or systemd creates such names).
 *   - systemd unit names must be valid (only [A-Za-z0-9:_.@\-] and backslash
 *     escapes, at most 255 bytes), else CG_KIND_NONE.
 *   - Whatever reaches the text is valid UTF-8 without control characters:
 *     invalid UTF-8, C1 controls, bidi formatting marks and control
 *     characters produced by \xNN escapes each become '?'.
 *   - A text that does not fit ends in "..." cut at a character boundary.
 * A NULL or empty path, "/" or a path of slashes gives CG_KIND_NONE. */
#ifndef NSTOP_MODEL_CGNAME_H
#define NSTOP_MODEL_CGNAME_H

#include <stdbool.h>

enum cg_kind {
        CG_KIND_NONE,
        CG_KIND_DOCKER,
        CG_KIND_CONTAINERD,
        CG_KIND_KUBERNETES_POD,
        CG_KIND_KUBERNETES_QOS,
        CG_KIND_CRIO,
        CG_KIND_PODMAN,
        CG_KIND_LXC,
        CG_KIND_SYSTEMD_SERVICE,
        CG_KIND_SYSTEMD_SCOPE,
        CG_KIND_SYSTEMD_SLICE,
        CG_KIND_SYSTEMD_USER
};

struct cg_name {
        enum cg_kind kind;
        bool container; /* the cgroup holds one container (docker/containerd/cri-o/podman/lxc) */
        char text[128]; /* e.g. "docker 3f2a9c1b7e4d", "k8s pod 6f1d...-... (burstable)", "lxc web1",
                         * "sshd.service", "user 1000"; "" for CG_KIND_NONE */
};

/* Names the LAST path component in the context of the whole path (a cgroup
 * path relative to its hierarchy root, e.g.
 * "/system.slice/docker-<64hex>.scope"; repeated and trailing slashes are
 * allowed). Returns the kind; CG_KIND_NONE (text "") when nothing matches.
 * *ret (when not NULL) is always written. */
enum cg_kind cg_name_of(const char *path, struct cg_name *ret);

#endif
