use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags Bedrock custom models and agents that are not encrypted with a customer-managed KMS key.
    ///
    /// ## Why is this bad
    /// A custom model's weights encode its training data; an agent's instructions, prompt templates
    /// and session data describe your business logic and hold user conversations. With the default
    /// AWS-owned key you cannot restrict, audit or revoke who may decrypt them.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrock_custom_model" "tuned" {
    ///   custom_model_name     = "support-tuned"
    ///   job_name              = "support-tuning-1"
    ///   base_model_identifier = "amazon.titan-text-express-v1"
    ///   role_arn              = aws_iam_role.bedrock.arn
    ///   # no custom_model_kms_key_id
    ///   ...
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `custom_model_kms_key_id` on custom models and `customer_encryption_key_arn` on agents.
    pub struct BedrockNoCmk;
    meta {
        id: "TR-AWS-BEDROCK-004",
        title: "Bedrock custom model or agent is not encrypted with a customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Set `custom_model_kms_key_id` (custom models) or `customer_encryption_key_arn` (agents) to a customer-managed KMS key.",
        references: [
            ("AWS: Encryption of custom models (Bedrock)", "https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-custom-job.html"),
            ("AWS: Encryption of agent resources (Bedrock)", "https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-agents-new.html"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        let b = &state.aws.bedrock;
        for m in &b.custom_models {
            if no_customer_key(&m.kms_key) {
                out.at_attr(&m.meta, &m.kms_key, "custom_model_kms_key_id", format!("custom model {}", key_problem(&m.kms_key)));
            }
        }
        for a in &b.agents {
            if no_customer_key(&a.kms_key) {
                out.at_attr(&a.meta, &a.kms_key, "customer_encryption_key_arn", format!("agent {}", key_problem(&a.kms_key)));
            }
        }
    }
}
