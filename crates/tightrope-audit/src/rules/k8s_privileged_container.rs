use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags Kubernetes containers that run privileged.
    ///
    /// ## Why is this bad
    /// A privileged container has every capability and all host devices: it can mount the node's
    /// disk, load kernel modules and escape to the node, and from there reach every pod's secrets
    /// and the node's cloud credentials.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: web }
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: nginx:1.27
    ///           securityContext: { privileged: true }
    /// ```
    ///
    /// ## Remediation
    /// Remove `privileged: true`; add only the specific capabilities the container needs.
    pub struct K8sPrivilegedContainer;
    meta {
        id: "TR-K8S-001",
        title: "Container runs privileged",
        severity: High,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: false,
        remediation: "Set `securityContext.privileged: false` (or remove it) and grant individual capabilities instead.",
        references: [
            ("Kubernetes: Pod Security Standards (baseline: privileged containers)", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"),
            ("Kubernetes: Configure a security context for a pod or container", "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"),
        ],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            for c in w.containers.iter().filter(|c| c.privileged.is(&true)) {
                out.at_attr(&w.meta, &c.privileged, "securityContext.privileged", format!("container `{}` runs privileged", c.name));
            }
        }
    }
}
