use crate::declare_rule;
use crate::rules::support::{ai_workload_signal, stated};

declare_rule! {
    /// ## What it does
    /// Flags AI workloads (heuristic in `rules/support.rs`) that mount a Kubernetes service-account
    /// token, because `automountServiceAccountToken` is not set to `false`.
    ///
    /// ## Why is this bad
    /// Model servers and notebooks execute what they are given: prompts that drive tools, pickled
    /// models, user notebooks. A mounted token lets that code call the Kubernetes API as the pod's
    /// service account, to read secrets or start pods on the GPU nodes.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Deployment
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: server
    ///           image: ghcr.io/huggingface/text-generation-inference:2.4
    /// ```
    ///
    /// ## Remediation
    /// Set `automountServiceAccountToken: false` on the pod spec (or the service account) unless the
    /// workload calls the Kubernetes API.
    pub struct K8sAiTokenAutomount;
    meta {
        id: "TR-K8S-008",
        title: "AI workload mounts a service-account token",
        severity: Medium,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: true,
        remediation: "Set `spec.automountServiceAccountToken: false` (pod template) or on the ServiceAccount; mount a projected token only where the API is needed.",
        references: [
            ("Kubernetes: Opt out of API credential automounting", "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting"),
            ("CIS Kubernetes Benchmark 5.1.6", "https://www.cisecurity.org/benchmark/kubernetes"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
        ],
        compliance: [(OwaspLlm, "LLM06"), (MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            if !w.automount_service_account_token.is(&true) {
                continue;
            }
            if let Some(why) = ai_workload_signal(w) {
                let what = stated(&w.automount_service_account_token, "mounts a service-account token");
                out.at_attr(&w.meta, &w.automount_service_account_token, "spec.automountServiceAccountToken", format!("AI workload ({why}) {what}"));
            }
        }
    }
}
