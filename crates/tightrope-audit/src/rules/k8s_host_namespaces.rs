use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags workloads that share the node's PID, network or IPC namespace (`hostPID`,
    /// `hostNetwork`, `hostIPC`).
    ///
    /// ## Why is this bad
    /// `hostPID` lets the pod see and signal (often ptrace) every process on the node, including
    /// other pods' and their environment secrets; `hostNetwork` lets it bind node ports, sniff node
    /// traffic and reach the instance metadata service directly; `hostIPC` exposes shared memory of
    /// other processes.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: { name: debug }
    /// spec:
    ///   hostPID: true
    ///   containers:
    ///     - name: debug
    ///       image: busybox:1.36
    /// ```
    ///
    /// ## Remediation
    /// Remove `hostPID`, `hostNetwork` and `hostIPC` (they default to false).
    pub struct K8sHostNamespaces;
    meta {
        id: "TR-K8S-003",
        title: "Workload shares the node's PID, network or IPC namespace",
        severity: High,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: false,
        remediation: "Remove `hostPID: true`, `hostNetwork: true` and `hostIPC: true` from the pod spec.",
        references: [
            ("Kubernetes: Pod Security Standards (baseline: host namespaces)", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"),
        ],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            for (attr, name) in [(&w.host_pid, "hostPID"), (&w.host_network, "hostNetwork"), (&w.host_ipc, "hostIPC")] {
                if attr.is(&true) {
                    out.at_attr(&w.meta, attr, name, format!("pod shares the node's namespace: `{name}: true`"));
                }
            }
        }
    }
}
