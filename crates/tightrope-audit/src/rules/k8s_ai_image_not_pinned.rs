use crate::declare_rule;
use crate::rules::support::ai_workload_signal;

declare_rule! {
    /// ## What it does
    /// Flags containers of AI workloads (GPU requests, model-serving or training images, serving
    /// labels; see `rules/support.rs`) whose image is not pinned by digest (`image@sha256:...`).
    ///
    /// ## Why is this bad
    /// A tag such as `vllm/vllm-openai:latest` or `:v0.6` can be moved to other content at any time.
    /// Serving and training images are large, pulled from public registries and rebuilt often: a
    /// compromised upstream or registry account swaps what runs next to your models, data and GPU
    /// credentials on the next restart.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: server
    ///     image: vllm/vllm-openai:latest
    ///     resources: { limits: { nvidia.com/gpu: 1 } }
    /// ```
    ///
    /// ## Remediation
    /// Pin by digest (`vllm/vllm-openai@sha256:<digest>`), mirror images to a private registry and
    /// verify signatures at admission.
    pub struct K8sAiImageNotPinned;
    meta {
        id: "TR-K8S-007",
        title: "AI workload image is not pinned by digest",
        severity: Medium,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: true,
        remediation: "Reference images as `repository@sha256:<digest>` (optionally `repository:tag@sha256:<digest>`), and enforce it with an admission policy.",
        references: [
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
            ("MITRE ATLAS AML.T0010: AI Supply Chain Compromise", "https://atlas.mitre.org/techniques/AML.T0010"),
            ("Kubernetes: Images (image names and digests)", "https://kubernetes.io/docs/concepts/containers/images/"),
        ],
        compliance: [(OwaspLlm, "LLM03"), (MitreAtlas, "AML.T0010"), (Iso42001, "A.10.3")],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            let Some(why) = ai_workload_signal(w) else { continue };
            for c in &w.containers {
                let Some(image) = c.image.get() else { continue };
                if !image.contains("@sha256:") {
                    let origin = if c.image.origin == tightrope_core::Origin::Unknown { w.meta.origin.clone() } else { c.image.origin.clone() };
                    out.push(&w.meta, origin, Some("image"), format!("container `{}` of an AI workload ({why}) uses `{image}`, not pinned by digest", c.name));
                }
            }
        }
    }
}
