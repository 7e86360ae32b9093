use crate::declare_rule;
use crate::secrets;

declare_rule! {
    /// ## What it does
    /// Flags Kubernetes container environment variables whose literal `value` looks like a secret: a
    /// recognisable token (AWS access key id, `hf_...`, `sk-...`, private key), or a credential-like
    /// value in a variable named like a secret.
    ///
    /// ## Why is this bad
    /// Literal values live in the manifest (and so in Git), in the API object readable by anyone who
    /// can `get` the workload, and in every `kubectl describe`. Model-provider and Hugging Face
    /// tokens pasted into a Deployment leak this way.
    ///
    /// ## Example
    /// ```yaml
    /// env:
    ///   - name: HF_TOKEN
    ///     value: hf_...
    /// ```
    ///
    /// ## Remediation
    /// Revoke the credential, store it in a Secret (ideally synced from Secrets Manager) and use
    /// `valueFrom.secretKeyRef`.
    pub struct K8sEnvSecrets;
    meta {
        id: "TR-K8S-005",
        title: "Container environment variable holds a literal secret",
        severity: High,
        step: Audit,
        provider: "kubernetes",
        service: "workloads",
        ai: false,
        remediation: "Replace `value:` with `valueFrom: { secretKeyRef: { name: ..., key: ... } }` and revoke the exposed credential.",
        references: [
            ("Kubernetes: Good practices for Kubernetes Secrets", "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for w in &state.kubernetes.workloads {
            for c in &w.containers {
                for e in c.env.iter().filter(|e| !e.from_secret) {
                    let Some(m) = e.value.get().and_then(|v| secrets::in_variable(&e.name, v)) else { continue };
                    out.at_attr(&w.meta, &e.value, "env.value", format!("container `{}`: variable `{}` holds a {}", c.name, e.name, m.kind))
                        .evidence = Some(m.evidence());
                }
            }
        }
    }
}
