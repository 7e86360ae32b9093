use crate::declare_rule;
use crate::rules::support::{may_run_as_root, uses_gpu};

declare_rule! {
    /// ## What it does
    /// Flags containers that request a GPU (or other accelerator) and may run as root: UID 0, or
    /// neither `runAsNonRoot: true` nor a non-root `runAsUser`.
    ///
    /// ## Why is this bad
    /// GPU containers talk to the host's device driver through `/dev/nvidia*` and the container
    /// toolkit, a large attack surface with a history of container escapes (CVE-2024-0132). Root in
    /// the container makes such an escape, and reading other tenants' GPU memory, much easier.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: trainer
    ///     image: nvcr.io/nvidia/pytorch:24.01-py3
    ///     resources: { limits: { nvidia.com/gpu: 8 } }
    /// ```
    ///
    /// ## Remediation
    /// Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser`; build images with a
    /// non-root user.
    pub struct K8sGpuRunsAsRoot;
    meta {
        id: "TR-K8S-009",
        title: "GPU container may run as root",
        severity: High,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: true,
        remediation: "Set `securityContext: {runAsNonRoot: true, runAsUser: 1000}` on GPU containers (or the pod), and keep `allowPrivilegeEscalation: false`.",
        references: [
            ("NVIDIA Container Toolkit security bulletin (CVE-2024-0132)", "https://nvidia.custhelp.com/app/answers/detail/a_id/5582"),
            ("Kubernetes: Pod Security Standards (restricted)", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"),
            ("MITRE ATLAS AML.T0010: AI Supply Chain Compromise", "https://atlas.mitre.org/techniques/AML.T0010"),
        ],
        compliance: [(MitreAtlas, "AML.T0010"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            for c in w.containers.iter().filter(|c| uses_gpu(c)) {
                if let Some(reason) = may_run_as_root(w, c) {
                    out.push(&w.meta, reason.origin, Some(reason.attribute), format!("GPU {}", reason.message));
                }
            }
        }
    }
}
