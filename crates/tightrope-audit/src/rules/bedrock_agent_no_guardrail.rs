use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags Bedrock agents that have no guardrail attached.
    ///
    /// ## Why is this bad
    /// An agent reads user input and tool output and can call actions with its role's permissions.
    /// Without a guardrail nothing screens prompts for injection or jailbreak attempts, nor responses
    /// for sensitive information, before the model acts on them.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrockagent_agent" "support" {
    ///   agent_name              = "support"
    ///   agent_resource_role_arn = aws_iam_role.agent.arn
    ///   foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
    ///   # no guardrail_configuration
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `guardrail_configuration { guardrail_identifier = ..., guardrail_version = ... }` pointing
    /// at a guardrail with a prompt-attack filter and a sensitive-information policy.
    pub struct BedrockAgentNoGuardrail;
    meta {
        id: "TR-AWS-BEDROCK-001",
        title: "Bedrock agent has no guardrail",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Add a `guardrail_configuration` block (CloudFormation: `GuardrailConfiguration`) naming a guardrail and its version.",
        references: [
            ("AWS: Implement safeguards for your agent with guardrails", "https://docs.aws.amazon.com/bedrock/latest/userguide/agents-guardrail.html"),
            ("OWASP LLM01: Prompt Injection", "https://genai.owasp.org/llmrisk/llm012025-prompt-injection/"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
            ("MITRE ATLAS AML.T0051: LLM Prompt Injection", "https://atlas.mitre.org/techniques/AML.T0051"),
        ],
        compliance: [(OwaspLlm, "LLM01"), (OwaspLlm, "LLM06"), (MitreAtlas, "AML.T0051"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for a in &state.aws.bedrock.agents {
            if a.guardrail.is_absent() {
                out.at_attr(&a.meta, &a.guardrail, "guardrail_configuration", "agent has no guardrail attached");
            }
        }
    }
}
