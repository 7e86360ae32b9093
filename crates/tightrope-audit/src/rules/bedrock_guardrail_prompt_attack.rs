use crate::declare_rule;
use tightrope_core::state::aws::bedrock::ContentFilter;

/// Input strengths that count as a real prompt-attack filter.
const STRONG_ENOUGH: [&str; 2] = ["MEDIUM", "HIGH"];

fn is_prompt_attack(f: &ContentFilter) -> bool {
    f.filter_type.eq_ignore_case("PROMPT_ATTACK")
}

declare_rule! {
    /// ## What it does
    /// Flags Bedrock guardrails without a `PROMPT_ATTACK` content filter whose input strength is at
    /// least `MEDIUM`.
    ///
    /// ## Why is this bad
    /// The prompt-attack filter is the guardrail's defence against jailbreaks and prompt injection in
    /// user input. Without it, or at `NONE`/`LOW`, crafted prompts pass to the model unscreened.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrock_guardrail" "chat" {
    ///   name                      = "chat"
    ///   blocked_input_messaging   = "Sorry, I cannot help with that."
    ///   blocked_outputs_messaging = "Sorry, I cannot help with that."
    ///   content_policy_config {
    ///     filters_config {
    ///       type            = "PROMPT_ATTACK"
    ///       input_strength  = "LOW"
    ///       output_strength = "NONE"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add a `filters_config` with `type = "PROMPT_ATTACK"`, `input_strength = "HIGH"` (or at least
    /// `"MEDIUM"`) and `output_strength = "NONE"` (the only output strength this filter accepts).
    pub struct BedrockGuardrailPromptAttack;
    meta {
        id: "TR-AWS-BEDROCK-002",
        title: "Bedrock guardrail does not filter prompt attacks",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Add `content_policy_config { filters_config { type = \"PROMPT_ATTACK\", input_strength = \"HIGH\", output_strength = \"NONE\" } }`.",
        references: [
            ("AWS: Detect prompt attacks with Amazon Bedrock Guardrails", "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-prompt-attack.html"),
            ("OWASP LLM01: Prompt Injection", "https://genai.owasp.org/llmrisk/llm012025-prompt-injection/"),
            ("MITRE ATLAS AML.T0054: LLM Jailbreak", "https://atlas.mitre.org/techniques/AML.T0054"),
        ],
        compliance: [(OwaspLlm, "LLM01"), (MitreAtlas, "AML.T0051"), (MitreAtlas, "AML.T0054"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for g in &state.aws.bedrock.guardrails {
            // An unresolved filter type or strength might be the missing filter: never guess.
            if g.content_filters.iter().any(|f| f.filter_type.is_unknown() || (is_prompt_attack(f) && f.input_strength.is_unknown())) {
                continue;
            }
            let strong = |f: &&ContentFilter| STRONG_ENOUGH.iter().any(|s| f.input_strength.eq_ignore_case(s));
            match g.content_filters.iter().find(|f| is_prompt_attack(f)) {
                Some(f) if !g.content_filters.iter().filter(|f| is_prompt_attack(f)).any(|f| strong(&f)) => {
                    let level = f.input_strength.get().map_or("NONE", String::as_str);
                    out.at_attr(&g.meta, &f.input_strength, "content_policy_config.filters_config.input_strength", format!("the PROMPT_ATTACK filter's input strength is {level}, below MEDIUM"));
                }
                Some(_) => {}
                None => {
                    out.at_resource(&g.meta, "guardrail has no PROMPT_ATTACK content filter");
                }
            }
        }
    }
}
