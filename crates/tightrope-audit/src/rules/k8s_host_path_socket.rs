use crate::declare_rule;

/// Host paths that hand over the node: its root, and container runtime sockets (or the
/// directories that hold them).
const DANGEROUS_HOST_PATHS: [&str; 8] = [
    "/",
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/var/run/containerd/containerd.sock",
    "/run/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
    "/var/run",
    "/run",
];

fn dangerous(path: &str) -> bool {
    let p = path.trim();
    let p = if p.len() > 1 {
        p.trim_end_matches('/')
    } else {
        p
    };
    DANGEROUS_HOST_PATHS.contains(&p)
}

declare_rule! {
    /// ## What it does
    /// Flags workloads that mount the node's root filesystem (`/`) or a container runtime socket
    /// (Docker, containerd, CRI-O, or the `/var/run` directory holding them) through `hostPath`.
    ///
    /// ## Why is this bad
    /// The runtime socket lets the pod start a privileged container on the node; the root
    /// filesystem gives it the kubelet's credentials and every other pod's data. Either is a full
    /// node takeover.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: { name: builder }
    /// spec:
    ///   containers:
    ///     - name: builder
    ///       image: docker:27
    ///       volumeMounts: [{ name: sock, mountPath: /var/run/docker.sock }]
    ///   volumes:
    ///     - name: sock
    ///       hostPath: { path: /var/run/docker.sock }
    /// ```
    ///
    /// ## Remediation
    /// Remove the `hostPath` volume. Build images with a rootless builder (Kaniko, BuildKit
    /// rootless) and read node data through a purpose-built agent.
    pub struct K8sHostPathSocket;
    meta {
        id: "TR-K8S-002",
        title: "Workload mounts the node's root filesystem or a container runtime socket",
        severity: Critical,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: false,
        remediation: "Remove `hostPath` volumes for `/` and container runtime sockets.",
        references: [
            ("Kubernetes: Volumes (hostPath)", "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"),
            ("Kubernetes: Pod Security Standards (baseline: HostPath volumes)", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"),
        ],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            for v in &w.volumes {
                if let Some(path) = v.host_path.get().filter(|p| dangerous(p)) {
                    out.at_attr(&w.meta, &v.host_path, "volumes.hostPath.path", format!("volume `{}` mounts host path `{path}`", v.name));
                }
            }
        }
    }
}
