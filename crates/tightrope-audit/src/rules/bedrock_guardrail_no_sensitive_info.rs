use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags Bedrock guardrails without a sensitive-information policy (PII entities or regexes).
    ///
    /// ## Why is this bad
    /// Without a sensitive-information policy the guardrail neither blocks nor masks personal data
    /// and secrets in prompts and model responses, so a model or a retrieval source can leak them
    /// to users.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrock_guardrail" "chat" {
    ///   name                      = "chat"
    ///   blocked_input_messaging   = "Sorry, I cannot help with that."
    ///   blocked_outputs_messaging = "Sorry, I cannot help with that."
    ///   content_policy_config { ... }
    ///   # no sensitive_information_policy_config
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add a `sensitive_information_policy_config` with `pii_entities_config` (`ANONYMIZE` or
    /// `BLOCK`) for the entity types you handle, and `regexes_config` for your own identifiers.
    pub struct BedrockGuardrailNoSensitiveInfo;
    meta {
        id: "TR-AWS-BEDROCK-003",
        title: "Bedrock guardrail has no sensitive-information policy",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Add `sensitive_information_policy_config { pii_entities_config { type = \"EMAIL\", action = \"ANONYMIZE\" } ... }` (CloudFormation: `SensitiveInformationPolicyConfig`).",
        references: [
            ("AWS: Remove PII from conversations by using sensitive information filters", "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-sensitive-filters.html"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
            ("NIST AI 600-1: Generative AI Profile (Data Privacy)", "https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.600-1.pdf"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (MitreAtlas, "AML.T0057"), (NistAiRmf, "MEASURE 2.7"), (NistAiRmf, "MEASURE 2.10")],
    }
    fn check(state, out) {
        for g in &state.aws.bedrock.guardrails {
            if g.sensitive_information.is(&false) || g.sensitive_information.is_absent() {
                out.at_attr(&g.meta, &g.sensitive_information, "sensitive_information_policy_config", "guardrail has no sensitive-information (PII) policy");
            }
        }
    }
}
