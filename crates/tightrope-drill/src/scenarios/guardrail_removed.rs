//! Guardrail removed: the deployer role (from its own CI runner, with its usual Terraform client)
//! first weakens the production guardrail's content filters, then deletes it and switches off model
//! invocation logging. No ATLAS case study covers this in CloudTrail terms.

use super::{Call, Ctx, Scenario};
use tightrope_detect::synth::Persona;

pub const SCENARIO: Scenario = Scenario {
    id: "guardrail-removed",
    case_study: None,
    generate,
};

fn generate(ctx: &mut Ctx<'_>) {
    let ci = ctx.pick(Persona::Cicd);
    let ip = ctx.usual_ip(ci);
    let agent = ci.agents[0];
    ctx.call(0, ci, "bedrock:GetGuardrail", &ip, agent, Call { params: r#"{"guardrailIdentifier":"gr-prod-1","guardrailVersion":"DRAFT"}"#, ..Call::default() }, "AML.T0054");
    ctx.call(
        20,
        ci,
        "bedrock:UpdateGuardrail",
        &ip,
        agent,
        Call {
            params: r#"{"guardrailIdentifier":"gr-prod-1","name":"prod","blockedInputMessaging":"***","blockedOutputsMessaging":"***","contentPolicyConfig":{"filtersConfig":[{"type":"PROMPT_ATTACK","inputStrength":"NONE","outputStrength":"NONE"},{"type":"VIOLENCE","inputStrength":"NONE","outputStrength":"NONE"}]}}"#,
            ..Call::default()
        },
        "AML.T0054",
    );
    ctx.call(400, ci, "bedrock:DeleteGuardrail", &ip, agent, Call { params: r#"{"guardrailIdentifier":"gr-prod-1"}"#, ..Call::default() }, "AML.T0031");
    ctx.call(430, ci, "bedrock:DeleteModelInvocationLoggingConfiguration", &ip, agent, Call::default(), "AML.T0031");
}
