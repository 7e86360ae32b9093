use crate::declare_rule;
use crate::secrets;
use base64::Engine;

/// The script as run: lifecycle scripts are written base64-encoded, so decode them when they are.
fn script_text(raw: &str) -> String {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| raw.to_string())
}

declare_rule! {
    /// ## What it does
    /// Flags SageMaker notebook lifecycle configurations whose `on_create` / `on_start` scripts
    /// contain secrets (access keys, tokens, passwords), decoding base64 scripts first.
    ///
    /// ## Why is this bad
    /// Lifecycle scripts are stored in plain text in the SageMaker API, readable by anyone with
    /// `sagemaker:DescribeNotebookInstanceLifecycleConfig`, and land in the notebook's logs and
    /// state files. A Hugging Face token or an AWS key written there is effectively public inside
    /// the account and often beyond.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "setup" {
    ///   name     = "setup"
    ///   on_start = base64encode("export HF_TOKEN=hf_...")
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Keep secrets in Secrets Manager and fetch them at start with the notebook's role.
    pub struct SageMakerLifecycleSecrets;
    meta {
        id: "TR-AWS-SAGEMAKER-018",
        title: "SageMaker notebook lifecycle configuration contains secrets",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Remove the secret from the lifecycle script, rotate it, and read it at start from Secrets Manager (`aws secretsmanager get-secret-value`) with the notebook's execution role.",
        references: [
            ("AWS: Customize a notebook instance using a lifecycle configuration script", "https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-lifecycle-config.html"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for lc in &state.aws.sagemaker.lifecycle_configs {
            for script in &lc.scripts {
                let Some(raw) = script.get() else { continue };
                let text = script_text(raw);
                let found = secrets::scan_text(&text);
                if found.is_empty() {
                    continue;
                }
                let kinds: Vec<&str> = found.iter().map(|m| m.kind).collect();
                let evidence: Vec<String> = found.iter().map(secrets::SecretMatch::evidence).collect();
                out.at_attr(&lc.meta, script, "on_start", format!("lifecycle script contains {} secret-looking value(s): {}", found.len(), kinds.join(", ")))
                    .evidence = Some(evidence.join("; "));
            }
        }
    }
}
