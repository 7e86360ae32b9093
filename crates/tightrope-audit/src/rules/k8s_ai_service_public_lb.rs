use crate::declare_rule;
use crate::rules::support::served_ai_workloads;
use tightrope_core::state::kubernetes::Service;

/// Annotations that make a cloud load balancer internal (no public address).
const INTERNAL: &[(&str, &str)] = &[
    ("service.beta.kubernetes.io/aws-load-balancer-internal", "true"),
    ("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
    ("networking.gke.io/load-balancer-type", "internal"),
    ("cloud.google.com/load-balancer-type", "internal"),
    ("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
];

/// The Service's load balancer is internal, or only some client ranges may reach it.
fn restricted(svc: &Service) -> bool {
    let internal = svc.annotations.iter().any(|(k, v)| INTERNAL.iter().any(|(ik, iv)| k == ik && v.eq_ignore_ascii_case(iv)));
    let ranges = !svc.load_balancer_source_ranges.is_empty()
        && svc.load_balancer_source_ranges.iter().all(|r| r.is_unknown() || r.get().is_some_and(|c| c != "0.0.0.0/0" && c != "::/0"));
    internal || ranges
}

declare_rule! {
    /// ## What it does
    /// Flags Kubernetes Services of type `LoadBalancer` that send traffic to AI workloads (GPU
    /// pods, model-serving images such as vLLM, Triton, KServe, Ray, TGI, Ollama) through an
    /// internet-facing load balancer: no internal-load-balancer annotation and no
    /// `loadBalancerSourceRanges` other than `0.0.0.0/0`.
    ///
    /// ## Why is this bad
    /// Model servers ship without authentication: vLLM's and TGI's OpenAI-compatible APIs, the Ray
    /// dashboard and job API (remote code execution by design), Triton's model-control API. A public
    /// load balancer in front of them gives anyone free GPU inference, model extraction, and often
    /// code execution in the cluster.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata: { name: llm, namespace: serving }
    /// spec:
    ///   type: LoadBalancer
    ///   selector: { app: vllm }
    ///   ports: [{ port: 80, targetPort: 8000 }]
    /// ```
    ///
    /// ## Remediation
    /// Use an internal load balancer (`service.beta.kubernetes.io/aws-load-balancer-scheme: internal`)
    /// or `ClusterIP` behind an ingress or gateway that authenticates, and restrict
    /// `loadBalancerSourceRanges`.
    pub struct K8sAiServicePublicLb;
    meta {
        id: "TR-K8S-009",
        title: "AI inference service is exposed by an internet-facing LoadBalancer",
        severity: High,
        step: Audit,
        provider: "kubernetes",
        service: "services",
        ai: true,
        remediation: "Make the load balancer internal (e.g. `service.beta.kubernetes.io/aws-load-balancer-scheme: internal`), or expose the model through an authenticating ingress / API gateway, and set `loadBalancerSourceRanges` to known client ranges.",
        references: [
            ("OWASP LLM10: Unbounded Consumption", "https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/"),
            ("MITRE ATLAS AML.T0049: Exploit Public-Facing Application", "https://atlas.mitre.org/techniques/AML.T0049"),
            ("Kubernetes: Service type LoadBalancer", "https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer"),
            ("Ray security: do not expose Ray clusters to the internet", "https://docs.ray.io/en/latest/ray-security/index.html"),
        ],
        compliance: [(OwaspLlm, "LLM10"), (MitreAtlas, "AML.T0049"), (MitreAtlas, "AML.T0024")],
    }
    fn check(state, out) {
        for svc in &state.kubernetes.services {
            if !svc.service_type.eq_ignore_case("LoadBalancer") || restricted(svc) {
                continue;
            }
            let served = served_ai_workloads(state, svc);
            if let Some((w, why)) = served.first() {
                out.at_attr(&svc.meta, &svc.service_type, "spec.type", format!("LoadBalancer service exposes AI workload `{}` ({why}) to the internet without an internal annotation or source ranges", w.name));
            }
        }
    }
}
