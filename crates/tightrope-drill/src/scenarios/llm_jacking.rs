//! LLM-jacking, after ATLAS AML.CS0030: credentials stolen from a vulnerable web application are
//! checked with keychecker, Bedrock is probed (logging configuration, enabled models, a deliberately
//! invalid InvokeModel per model that fails with ValidationException, exactly as keychecker tests
//! access without paying), then an OAI reverse proxy invokes an expensive model at volume.

use super::{Call, Ctx, Scenario};
use tightrope_detect::synth::Persona;

pub const SCENARIO: Scenario = Scenario {
    id: "llm-jacking",
    case_study: Some("AML.CS0030"),
    generate,
};

const KEYCHECKER: &str = "Boto3/1.28.57 md/Botocore#1.31.57 ua/2.0 os/linux#6.2.0 md/arch#x86_64 lang/python#3.10.12 cfg/retry-mode#legacy";
const PROXY: &str = "aws-sdk-js/3.504.0 ua/2.0 os/linux#5.15.0 lang/js md/nodejs#18.19.0 api/bedrock-runtime#3.504.0";

fn generate(ctx: &mut Ctx<'_>) {
    let victim = ctx.pick(Persona::Inference);
    let ip = ctx.outside_ip();
    // Valid accounts (AML.T0012): the stolen application credentials are tried.
    ctx.call(0, victim, "sts:GetCallerIdentity", &ip, KEYCHECKER, Call::default(), "AML.T0012");
    // Cloud service discovery (AML.T0075): which models are enabled, is logging on.
    for (k, action) in [
        "bedrock:GetModelInvocationLoggingConfiguration",
        "bedrock:ListFoundationModels",
        "bedrock:GetFoundationModelAvailability",
    ]
    .iter()
    .enumerate()
    {
        ctx.call(5 + k as i64 * 3, victim, action, &ip, KEYCHECKER, Call::default(), "AML.T0075");
    }
    for (k, model) in [
        "anthropic.claude-v2",
        "anthropic.claude-3-sonnet-20240229-v1:0",
        "anthropic.claude-3-opus-20240229-v1:0",
    ]
    .iter()
    .enumerate()
    {
        let params = format!(r#"{{"modelId":"{model}"}}"#);
        ctx.call(
            20 + k as i64 * 2,
            victim,
            "bedrock:InvokeModel",
            &ip,
            KEYCHECKER,
            Call { params: &params, error: Some("ValidationException"), region: None },
            "AML.T0075",
        );
    }
    // Financial harm (AML.T0048.000): the reverse proxy resells access; hours later it invokes
    // the most expensive model from a second hosting address.
    let proxy_ip = ctx.outside_ip();
    let n = 150 + ctx.rng.below(150) as i64;
    for k in 0..n {
        let stream = if k % 3 == 0 { "bedrock:InvokeModelWithResponseStream" } else { "bedrock:InvokeModel" };
        ctx.call(
            1800 + k * 4,
            victim,
            stream,
            &proxy_ip,
            PROXY,
            Call { params: r#"{"modelId":"anthropic.claude-3-opus-20240229-v1:0"}"#, ..Call::default() },
            "AML.T0048.000",
        );
    }
}
