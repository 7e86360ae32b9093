use crate::declare_rule;
use crate::rules::support::{find_role, role_policies};
use tightrope_core::policy::Statement;

/// The statement grants every action, or every action of Bedrock.
fn wildcard(s: &Statement) -> Option<&str> {
    if s.grants_all_actions() {
        return Some("*");
    }
    s.actions.iter().map(String::as_str).find(|a| {
        let a = a.to_ascii_lowercase();
        a.starts_with("bedrock") && a.ends_with(":*")
    })
}

declare_rule! {
    /// ## What it does
    /// Flags Bedrock agents whose service role is shared with another agent or knowledge base, or
    /// whose policies (declared in the scan) grant a wildcard action (`*`, `bedrock:*`).
    ///
    /// ## Why is this bad
    /// An agent acts on model output, which prompt injection controls. Its role is the blast
    /// radius: a shared role gives each agent the other's tools and data, and a wildcard lets an
    /// injected instruction invoke any model, read any knowledge base or change guardrails.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrockagent_agent" "support" {
    ///   agent_resource_role_arn = aws_iam_role.agents.arn   # also used by aws_bedrockagent_agent.sales
    ///   ...
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Give each agent its own role allowing `bedrock:InvokeModel` on its foundation model and only
    /// the knowledge bases and action-group Lambdas it uses.
    pub struct BedrockAgentRoleBroad;
    meta {
        id: "TR-AWS-BEDROCK-010",
        title: "Bedrock agent role is shared or grants wildcard actions",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Create one service role per agent, trusted by `bedrock.amazonaws.com` with an `aws:SourceArn` condition, allowing only `bedrock:InvokeModel` on its model and the specific knowledge bases and Lambdas it needs.",
        references: [
            ("AWS: Create a service role for Amazon Bedrock Agents", "https://docs.aws.amazon.com/bedrock/latest/userguide/agents-permissions.html"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
            ("MITRE ATLAS AML.T0051: LLM Prompt Injection", "https://atlas.mitre.org/techniques/AML.T0051"),
        ],
        compliance: [(OwaspLlm, "LLM06"), (MitreAtlas, "AML.T0051")],
    }
    fn check(state, out) {
        let b = &state.aws.bedrock;
        for (i, a) in b.agents.iter().enumerate() {
            let Some(role_link) = a.role.get() else { continue };
            let shared_with = b
                .agents
                .iter()
                .enumerate()
                .filter(|(j, other)| *j != i && other.role.get() == Some(role_link))
                .map(|(_, other)| other.meta.address.as_str())
                .chain(b.knowledge_bases.iter().filter(|k| k.role.get() == Some(role_link)).map(|k| k.meta.address.as_str()))
                .collect::<Vec<_>>();
            if !shared_with.is_empty() {
                out.at_attr(&a.meta, &a.role, "agent_resource_role_arn", format!("agent role is shared with {}", shared_with.join(", ")));
            }
            let Some(role) = find_role(state, &a.role) else { continue };
            let hit = role_policies(state, role).into_iter().find_map(|(_, doc)| doc.get()?.allows().find_map(wildcard).map(str::to_string));
            if let Some(action) = hit {
                out.at_attr(&a.meta, &a.role, "agent_resource_role_arn", format!("agent role `{}` is allowed action `{action}`", role.meta.address));
            }
        }
    }
}
