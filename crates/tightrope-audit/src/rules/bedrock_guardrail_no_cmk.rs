use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags Bedrock guardrails that are not encrypted with a customer-managed KMS key.
    ///
    /// ## Why is this bad
    /// A guardrail's configuration spells out exactly what the application refuses: denied topics,
    /// blocked words, PII patterns and filter strengths, a map for anyone crafting inputs to get
    /// around it. With the default AWS-owned key you cannot restrict, audit or revoke who may
    /// decrypt it.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrock_guardrail" "chat" {
    ///   name                      = "chat"
    ///   blocked_input_messaging   = "Sorry, I cannot help with that."
    ///   blocked_outputs_messaging = "Sorry, I cannot help with that."
    ///   content_policy_config { ... }
    ///   # no kms_key_arn
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `kms_key_arn` to a customer-managed KMS key whose policy lets guardrail creators and
    /// users decrypt.
    pub struct BedrockGuardrailNoCmk;
    meta {
        id: "TR-AWS-BEDROCK-007",
        title: "Bedrock guardrail is not encrypted with a customer-managed KMS key",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Set `kms_key_arn` (CloudFormation: `KmsKeyArn`) to a customer-managed KMS key, and grant guardrail creators and users `kms:Decrypt` in its key policy.",
        references: [
            ("AWS: Create a customer managed key for your guardrail", "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-kms.html"),
        ],
        compliance: [(NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for g in &state.aws.bedrock.guardrails {
            if no_customer_key(&g.kms_key) {
                out.at_attr(&g.meta, &g.kms_key, "kms_key_arn", format!("guardrail {}", key_problem(&g.kms_key)));
            }
        }
    }
}
