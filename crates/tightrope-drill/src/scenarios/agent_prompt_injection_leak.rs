//! Prompt-injection-driven leak through an agent, after ATLAS AML.CS0037 (data exfiltration via
//! agent tools in Copilot Studio): an email planted in a public inbox the agent processes tells it
//! to search its knowledge base for customer records and mail them to the attacker. In CloudTrail
//! this is the agent's role harvesting the knowledge base (Retrieve, many queries in minutes) and
//! the tool Lambda's role sending mail, which it never did before.

use super::{Call, Ctx, Scenario};

pub const SCENARIO: Scenario = Scenario {
    id: "agent-prompt-injection-leak",
    case_study: Some("AML.CS0037"),
    generate,
};

fn generate(ctx: &mut Ctx<'_>) {
    let agent = ctx.role("bedrock-agent-support");
    let tools = ctx.role("agent-tools-lambda");
    let agent_ip = ctx.usual_ip(agent);
    // Prompt infiltration via a public-facing application (AML.T0093): the planted mail triggers
    // the agent, which reads its tool definitions through the model.
    ctx.call(0, agent, "bedrock:InvokeModel", &agent_ip, agent.agents[0], Call { params: r#"{"modelId":"anthropic.claude-3-haiku-20240307-v1:0"}"#, ..Call::default() }, "AML.T0093");
    // RAG database harvesting (AML.T0085.000).
    for k in 0..120 {
        let params = format!(r#"{{"knowledgeBaseId":"KB7XQ2LM1P","retrievalQuery":"***","nextToken":"{k}"}}"#);
        ctx.call(10 + k * 2, agent, "bedrock:Retrieve", &agent_ip, agent.agents[0], Call { params: &params, ..Call::default() }, "AML.T0085.000");
        if k % 10 == 0 {
            ctx.call(11 + k * 2, agent, "bedrock:InvokeModel", &agent_ip, agent.agents[0], Call { params: r#"{"modelId":"anthropic.claude-3-haiku-20240307-v1:0"}"#, ..Call::default() }, "AML.T0051");
        }
    }
    // Exfiltration via AI agent tool invocation (AML.T0086).
    let tool_ip = ctx.usual_ip(tools);
    for k in 0..6 {
        ctx.call(
            260 + k * 5,
            tools,
            "ses:SendEmail",
            &tool_ip,
            tools.agents[0],
            Call { params: r#"{"source":"support-agent@acme.example","destination":{"toAddresses":["***"]}}"#, ..Call::default() },
            "AML.T0086",
        );
    }
}
