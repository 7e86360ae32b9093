use crate::declare_rule;
use crate::rules::support::may_run_as_root;

declare_rule! {
    /// ## What it does
    /// Flags Kubernetes containers that may run as root: they set `runAsUser: 0`, or neither the
    /// container nor the pod sets `runAsNonRoot: true` and no non-root `runAsUser` is given, so the
    /// image's user (often root) applies.
    ///
    /// ## Why is this bad
    /// Root in a container is root on the node's kernel: any container breakout, writable host
    /// mount or kernel bug becomes a node compromise.
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
    /// ```
    ///
    /// ## Remediation
    /// Set `securityContext: { runAsNonRoot: true, runAsUser: 10001 }` on the pod or container, and
    /// build images with a non-root `USER`.
    pub struct K8sRunAsRoot;
    meta {
        id: "TR-K8S-004",
        title: "Container may run as root",
        severity: Medium,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: false,
        remediation: "Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser` on the pod or each container.",
        references: [
            ("Kubernetes: Pod Security Standards (restricted: running as non-root)", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"),
            ("Kubernetes: Configure a security context for a pod or container", "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"),
        ],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            for c in &w.containers {
                if let Some(r) = may_run_as_root(w, c) {
                    out.push(&w.meta, r.origin, Some(r.attribute), r.message);
                }
            }
        }
    }
}
