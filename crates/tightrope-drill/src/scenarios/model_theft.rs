//! Model theft, after ATLAS AML.CS0023 (ShadowRay): credentials found in the environment of an
//! exposed Ray cluster (the training role's session) are used from the attacker's host to find
//! and download the model artifacts.

use super::{Call, Ctx, Scenario};
use tightrope_detect::synth::Persona;

pub const SCENARIO: Scenario = Scenario {
    id: "model-theft",
    case_study: Some("AML.CS0023"),
    generate,
};

const CLI: &str = "aws-cli/1.32.60 md/Botocore#1.34.60 ua/2.0 os/linux#5.4.0-169-generic md/arch#x86_64 lang/python#3.8.10 md/pyimpl#CPython cfg/retry-mode#legacy botocore/1.34.60";

fn generate(ctx: &mut Ctx<'_>) {
    let victim = ctx.pick(Persona::Training);
    let ip = ctx.outside_ip();
    // Unsecured credentials (AML.T0055): the session found in the cluster environment is tested.
    ctx.call(0, victim, "sts:GetCallerIdentity", &ip, CLI, Call::default(), "AML.T0055");
    // AI artifact collection (AML.T0035): where the models are.
    ctx.call(15, victim, "s3:ListBuckets", &ip, CLI, Call::default(), "AML.T0035");
    ctx.call(25, victim, "sagemaker:ListModels", &ip, CLI, Call::default(), "AML.T0035");
    ctx.call(32, victim, "sagemaker:DescribeModel", &ip, CLI, Call { params: r#"{"modelName":"support-bot-v6"}"#, ..Call::default() }, "AML.T0035");
    ctx.call(40, victim, "s3:ListObjectsV2", &ip, CLI, Call { params: r#"{"bucketName":"acme-model-artifacts","prefix":"support-bot/","list-type":"2"}"#, ..Call::default() }, "AML.T0035");
    ctx.call(48, victim, "s3:GetObject", &ip, CLI, Call { params: r#"{"bucketName":"acme-model-registry","key":"index.json"}"#, error: Some("AccessDenied"), region: None }, "AML.T0035");
    // Exfiltration via cyber means (AML.T0025): every weight shard is downloaded.
    for k in 0..60 {
        let params = format!(r#"{{"bucketName":"acme-model-artifacts","key":"support-bot/v6/model-{:05}-of-00060.safetensors"}}"#, k + 1);
        ctx.call(60 + k * 6, victim, "s3:GetObject", &ip, CLI, Call { params: &params, ..Call::default() }, "AML.T0025");
    }
}
