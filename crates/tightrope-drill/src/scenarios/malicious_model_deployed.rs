//! Malicious model deployed, after ATLAS AML.CS0031 (malicious models on Hugging Face): a model
//! published on a public hub with a pickle payload is deployed; when the serving container loads it
//! the payload opens a reverse shell, and the attacker uses the endpoint's execution role, first
//! from inside the container, then with the copied session from outside.

use super::{Call, Ctx, Scenario};
use tightrope_detect::synth::Persona;

pub const SCENARIO: Scenario = Scenario {
    id: "malicious-model-deployed",
    case_study: Some("AML.CS0031"),
    generate,
};

fn generate(ctx: &mut Ctx<'_>) {
    let ci = ctx.pick(Persona::Cicd);
    let ci_ip = ctx.usual_ip(ci);
    let exec = ctx.role("sagemaker-endpoint-exec");
    // Supply chain compromise (AML.T0010): the hub model is deployed by the normal pipeline.
    ctx.call(
        0,
        ci,
        "sagemaker:CreateModel",
        &ci_ip,
        ci.agents[0],
        Call {
            params: r#"{"modelName":"sentiment-hub-model","primaryContainer":{"image":"763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04","environment":{"HF_MODEL_ID":"baller423/goober2","HF_TASK":"text-classification"}},"executionRoleArn":"arn:aws:iam::111122223333:role/sagemaker-endpoint-exec"}"#,
            ..Call::default()
        },
        "AML.T0010",
    );
    ctx.call(30, ci, "sagemaker:CreateEndpointConfig", &ci_ip, ci.agents[0], Call { params: r#"{"endpointConfigName":"sentiment-cfg","productionVariants":[{"variantName":"AllTraffic","modelName":"sentiment-hub-model","instanceType":"ml.m5.xlarge","initialInstanceCount":1}]}"#, ..Call::default() }, "AML.T0010");
    ctx.call(45, ci, "sagemaker:CreateEndpoint", &ci_ip, ci.agents[0], Call { params: r#"{"endpointName":"sentiment","endpointConfigName":"sentiment-cfg"}"#, ..Call::default() }, "AML.T0010");
    // Unsafe AI artifacts (AML.T0011.000): the container loads the pickle; the model files are read.
    let inside = ctx.usual_ip(exec);
    ctx.call(400, exec, "s3:GetObject", &inside, exec.agents[0], Call { params: r#"{"bucketName":"acme-sagemaker-endpoint-exec-data","key":"hub-cache/baller423/goober2/pytorch_model.bin"}"#, ..Call::default() }, "AML.T0011.000");
    // Reverse shell (AML.T0072): commands run in the container with the execution role.
    let shell = "Boto3/1.28.0 md/Botocore#1.31.0 ua/2.0 os/linux#5.10.205-195.807.amzn2.x86_64 md/arch#x86_64 lang/python#3.10.13";
    ctx.call(460, exec, "sts:GetCallerIdentity", &inside, shell, Call::default(), "AML.T0072");
    ctx.call(470, exec, "secretsmanager:ListSecrets", &inside, shell, Call::default(), "AML.T0072");
    ctx.call(480, exec, "iam:ListAttachedRolePolicies", &inside, shell, Call { params: r#"{"roleName":"sagemaker-endpoint-exec"}"#, error: Some("AccessDenied"), region: None }, "AML.T0072");
    let outside = ctx.outside_ip();
    for (k, id) in ["prod/db/password", "prod/stripe/api-key", "prod/hf/token"].iter().enumerate() {
        let params = format!(r#"{{"secretId":"{id}"}}"#);
        ctx.call(900 + k as i64 * 10, exec, "secretsmanager:GetSecretValue", &outside, shell, Call { params: &params, ..Call::default() }, "AML.T0072");
    }
}
