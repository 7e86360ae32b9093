use crate::declare_rule;
use crate::rules::support::ai_workload_signal;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Flags namespaces that run AI workloads (GPU pods, model-serving or training images) when the
    /// scanned manifests declare no NetworkPolicy in that namespace. Reported once per namespace, at
    /// its first AI workload.
    ///
    /// ## Why is this bad
    /// Without a NetworkPolicy every pod in the cluster can reach the model server, and the model
    /// server can reach every pod and the internet: a compromised notebook or a prompt-injected tool
    /// can query other models, pull weights, or send data out.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: vllm, namespace: serving }
    /// # ... and no NetworkPolicy with namespace: serving
    /// ```
    ///
    /// ## Remediation
    /// Add a default-deny NetworkPolicy to the namespace and allow only the gateway's ingress and the
    /// egress the server needs.
    pub struct K8sAiNamespaceNoNetworkPolicy;
    meta {
        id: "TR-K8S-010",
        title: "Model-serving namespace has no NetworkPolicy",
        severity: Medium,
        step: Audit,
        provider: "kubernetes",
        service: "networkpolicies",
        ai: true,
        remediation: "Declare a default-deny `NetworkPolicy` (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) in the namespace, then allow the gateway's ingress and the egress the model server needs.",
        references: [
            ("Kubernetes: Network Policies", "https://kubernetes.io/docs/concepts/services-networking/network-policies/"),
            ("CIS Kubernetes Benchmark 5.3.2", "https://www.cisecurity.org/benchmark/kubernetes"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
        ],
        compliance: [(MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        let k = &state.kubernetes;
        let covered: BTreeSet<&str> = k.network_policies.iter().filter_map(|p| p.namespace.get().map(String::as_str)).collect();
        let mut reported = BTreeSet::new();
        for w in &k.workloads {
            let Some(ns) = w.namespace.get() else { continue };
            if covered.contains(ns.as_str()) || reported.contains(ns.as_str()) {
                continue;
            }
            if let Some(why) = ai_workload_signal(w) {
                reported.insert(ns.as_str());
                out.at_resource(&w.meta, format!("namespace `{ns}` runs AI workload `{}` ({why}) and has no NetworkPolicy", w.name));
            }
        }
    }
}
