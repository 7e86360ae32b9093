use crate::declare_rule;
use crate::rules::support::{may_run_as_root, uses_gpu};

declare_rule! {
    /// ## What it does
    /// Flags Kubernetes containers that request a GPU (or another accelerator) and run privileged or
    /// may run as root.
    ///
    /// ## Why is this bad
    /// GPU workloads load model weights and third-party code (pickled checkpoints, custom CUDA
    /// kernels, fast-moving ML libraries) and run on nodes whose device plugins and drivers expose
    /// host interfaces. A compromised model loader running privileged or as root can take over the
    /// node, read other tenants' models and data, and reach the node's cloud credentials.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: { name: trainer }
    /// spec:
    ///   containers:
    ///     - name: trainer
    ///       image: nvcr.io/nvidia/pytorch:24.05-py3
    ///       securityContext: { privileged: true }
    ///       resources: { limits: { nvidia.com/gpu: 1 } }
    /// ```
    ///
    /// ## Remediation
    /// Remove `privileged: true` (the NVIDIA device plugin exposes GPUs without it), set
    /// `runAsNonRoot: true` and a non-zero `runAsUser`, and drop all capabilities.
    pub struct K8sGpuWorkloadPrivileged;
    meta {
        id: "TR-K8S-006",
        title: "GPU workload runs privileged or as root",
        severity: High,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: true,
        remediation: "Set `securityContext: { privileged: false, runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }` on GPU containers.",
        references: [
            ("Kubernetes: Pod Security Standards (restricted)", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"),
            ("MITRE ATLAS AML.T0010: AI Supply Chain Compromise", "https://atlas.mitre.org/techniques/AML.T0010"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
        ],
        compliance: [(OwaspLlm, "LLM03"), (MitreAtlas, "AML.T0010"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            for c in w.containers.iter().filter(|c| uses_gpu(c)) {
                if c.privileged.is(&true) {
                    out.at_attr(&w.meta, &c.privileged, "securityContext.privileged", format!("GPU container `{}` runs privileged", c.name));
                } else if let Some(r) = may_run_as_root(w, c) {
                    out.push(&w.meta, r.origin, Some(r.attribute), format!("GPU {}", r.message));
                }
            }
        }
    }
}
