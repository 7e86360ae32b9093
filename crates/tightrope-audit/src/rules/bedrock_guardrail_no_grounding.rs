use crate::declare_rule;

/// The contextual-grounding filter types a guardrail should configure.
const EXPECTED: [&str; 2] = ["GROUNDING", "RELEVANCE"];

declare_rule! {
    /// ## What it does
    /// Flags Bedrock guardrails without both contextual-grounding filters, `GROUNDING` and
    /// `RELEVANCE`.
    ///
    /// ## Why is this bad
    /// Contextual-grounding checks score each model response against the reference source and the
    /// user's query, and block answers that are not supported by the source (hallucinations) or do
    /// not address the query. Without them a RAG or summarisation application passes fabricated or
    /// off-topic answers straight to its users.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrock_guardrail" "rag" {
    ///   name                      = "rag"
    ///   blocked_input_messaging   = "Sorry, I cannot help with that."
    ///   blocked_outputs_messaging = "Sorry, I cannot help with that."
    ///   contextual_grounding_policy_config {
    ///     filters_config {
    ///       type      = "GROUNDING"
    ///       threshold = 0.7
    ///     }
    ///     # no RELEVANCE filter
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `contextual_grounding_policy_config` with a `filters_config` of `type = "GROUNDING"` and
    /// one of `type = "RELEVANCE"`, each with a `threshold` suited to the application (e.g. 0.7).
    pub struct BedrockGuardrailNoGrounding;
    meta {
        id: "TR-AWS-BEDROCK-006",
        title: "Bedrock guardrail has no contextual grounding check",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Add `contextual_grounding_policy_config { filters_config { type = \"GROUNDING\", threshold = 0.7 } filters_config { type = \"RELEVANCE\", threshold = 0.7 } }` (CloudFormation: `ContextualGroundingPolicyConfig.FiltersConfig`).",
        references: [
            ("AWS: Use contextual grounding check to filter hallucinations in responses", "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-contextual-grounding-check.html"),
            ("OWASP LLM09: Misinformation", "https://genai.owasp.org/llmrisk/llm092025-misinformation/"),
        ],
        compliance: [(OwaspLlm, "LLM09"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for g in &state.aws.bedrock.guardrails {
            // An unresolved filter type might be the missing one: never guess.
            if g.contextual_grounding.iter().any(|t| t.is_unknown()) {
                continue;
            }
            let missing: Vec<&str> = EXPECTED.into_iter().filter(|want| !g.contextual_grounding.iter().any(|t| t.eq_ignore_case(want))).collect();
            if missing.is_empty() {
                continue;
            }
            let message = if missing.len() == EXPECTED.len() {
                "guardrail has no contextual grounding filters (GROUNDING, RELEVANCE)".to_string()
            } else {
                format!("guardrail has no {} contextual grounding filter", missing.join(", "))
            };
            match g.contextual_grounding.first() {
                Some(t) => out.at_attr(&g.meta, t, "contextual_grounding_policy_config.filters_config.type", message),
                None => out.at_resource(&g.meta, message),
            };
        }
    }
}
