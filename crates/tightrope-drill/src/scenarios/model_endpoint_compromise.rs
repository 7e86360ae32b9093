//! Compromised model endpoint, after ATLAS AML.CS0019 (PoisonGPT): a surgically edited model is
//! registered and the production endpoint is switched to it. The deployer role's session is used
//! from outside the CI runners with the AWS CLI; the first CreateModel attempt fails on a missing
//! iam:PassRole for the attacker's own role, then the existing execution role is reused.

use super::{Call, Ctx, Scenario};
use tightrope_detect::synth::Persona;

pub const SCENARIO: Scenario = Scenario {
    id: "model-endpoint-compromise",
    case_study: Some("AML.CS0019"),
    generate,
};

const CLI: &str = "aws-cli/2.15.17 md/awscrt#0.19.19 ua/2.0 os/macos#23.2.0 md/arch#arm64 lang/python#3.11.7 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#sagemaker.update-endpoint";

fn generate(ctx: &mut Ctx<'_>) {
    let deployer = ctx.pick(Persona::Cicd);
    let ip = ctx.outside_ip();
    let exec = "arn:aws:iam::111122223333:role/sagemaker-endpoint-exec";
    // Acquire / poison the model (AML.T0018.000): the edited weights are uploaded next to the
    // production artifacts.
    ctx.call(
        0,
        deployer,
        "s3:PutObject",
        &ip,
        CLI,
        Call { params: r#"{"bucketName":"acme-model-artifacts","key":"support-bot/v7/model.tar.gz"}"#, ..Call::default() },
        "AML.T0018.000",
    );
    // Supply chain: model (AML.T0010.003): the tampered model is registered and deployed.
    let bad = r#"{"modelName":"support-bot-v7","primaryContainer":{"image":"763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310-cu121-ubuntu20.04","modelDataUrl":"s3://acme-model-artifacts/support-bot/v7/model.tar.gz"},"executionRoleArn":"arn:aws:iam::111122223333:role/attacker-exec"}"#;
    ctx.call(40, deployer, "sagemaker:CreateModel", &ip, CLI, Call { params: bad, error: Some("AccessDenied"), region: None }, "AML.T0010.003");
    let good = format!(r#"{{"modelName":"support-bot-v7","primaryContainer":{{"image":"763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310-cu121-ubuntu20.04","modelDataUrl":"s3://acme-model-artifacts/support-bot/v7/model.tar.gz"}},"executionRoleArn":"{exec}"}}"#);
    ctx.call(70, deployer, "sagemaker:CreateModel", &ip, CLI, Call { params: &good, ..Call::default() }, "AML.T0010.003");
    ctx.call(
        95,
        deployer,
        "sagemaker:CreateEndpointConfig",
        &ip,
        CLI,
        Call { params: r#"{"endpointConfigName":"support-bot-v7-cfg","productionVariants":[{"variantName":"AllTraffic","modelName":"support-bot-v7","instanceType":"ml.g5.2xlarge","initialInstanceCount":1}]}"#, ..Call::default() },
        "AML.T0010.003",
    );
    ctx.call(
        130,
        deployer,
        "sagemaker:UpdateEndpoint",
        &ip,
        CLI,
        Call { params: r#"{"endpointName":"support-bot-prod","endpointConfigName":"support-bot-v7-cfg"}"#, ..Call::default() },
        "AML.T0010.003",
    );
    // Erode model integrity (AML.T0031): the attacker checks the planted behaviour.
    for k in 0..5 {
        ctx.call(
            900 + k * 20,
            deployer,
            "sagemaker:InvokeEndpoint",
            &ip,
            CLI,
            Call { params: r#"{"endpointName":"support-bot-prod","contentType":"application/json"}"#, ..Call::default() },
            "AML.T0031",
        );
    }
}
