//! Exposed notebook used for lateral movement, after ATLAS AML.CS0018 (arbitrary code execution
//! with shared notebooks): a shared notebook runs the attacker's code with the notebook's execution
//! role, which enumerates IAM, assumes a production role trusted by the notebook role, and collects
//! model artifacts and secrets; the stolen session is then also used from outside.

use super::{Call, Ctx, Scenario};
use tightrope_detect::synth::{ACCOUNT, Identity, Persona};

pub const SCENARIO: Scenario = Scenario {
    id: "notebook-lateral-movement",
    case_study: Some("AML.CS0018"),
    generate,
};

fn generate(ctx: &mut Ctx<'_>) {
    let nb = ctx.role("sagemaker-notebook-exec");
    let inside = ctx.usual_ip(nb);
    let agent = nb.agents[0];
    // User execution (AML.T0011): the shared notebook's cell runs with the notebook role.
    ctx.call(0, nb, "sts:GetCallerIdentity", &inside, agent, Call::default(), "AML.T0011");
    ctx.call(8, nb, "iam:ListRoles", &inside, agent, Call::default(), "AML.T0011");
    ctx.call(15, nb, "iam:ListAttachedRolePolicies", &inside, agent, Call { params: r#"{"roleName":"ml-prod-deployer"}"#, error: Some("AccessDenied"), region: None }, "AML.T0011");
    // Valid accounts (AML.T0012): a production role that trusts the notebook role.
    ctx.call(
        30,
        nb,
        "sts:AssumeRole",
        &inside,
        agent,
        Call { params: r#"{"roleArn":"arn:aws:iam::111122223333:role/ml-prod-deployer","roleSessionName":"nb-debug","durationSeconds":3600}"#, ..Call::default() },
        "AML.T0012",
    );
    let prod = Identity {
        persona: Persona::Cicd,
        arn: format!("arn:aws:sts::{ACCOUNT}:assumed-role/ml-prod-deployer/nb-debug"),
        kind: "AssumedRole",
        issuer: Some(format!("arn:aws:iam::{ACCOUNT}:role/ml-prod-deployer")),
        key: "ASIAQNB7EXAMPLE4242".to_string(),
        rate: 0.0,
        networks: nb.networks.clone(),
        agents: nb.agents.clone(),
        actions: Vec::new(),
        models: Vec::new(),
        buckets: Vec::new(),
    };
    // AI artifact collection (AML.T0035) with the production role.
    ctx.call(45, &prod, "secretsmanager:ListSecrets", &inside, agent, Call::default(), "AML.T0035");
    ctx.call(55, &prod, "sagemaker:ListModels", &inside, agent, Call::default(), "AML.T0035");
    for k in 0..8 {
        let params = format!(r#"{{"bucketName":"acme-model-artifacts","key":"fraud-model/v3/part-{k}.tar.gz"}}"#);
        ctx.call(70 + k * 5, &prod, "s3:GetObject", &inside, agent, Call { params: &params, ..Call::default() }, "AML.T0035");
    }
    // Exfiltration via cyber means (AML.T0025): the notebook session is used from outside.
    let outside = ctx.outside_ip();
    let ua = "aws-cli/2.15.30 Python/3.11.8 Linux/6.5 exe/x86_64";
    ctx.call(600, nb, "sts:GetCallerIdentity", &outside, ua, Call::default(), "AML.T0025");
    for k in 0..10 {
        let params = format!(r#"{{"bucketName":"acme-training-data","key":"features/part-{k:05}.parquet"}}"#);
        ctx.call(620 + k * 4, nb, "s3:GetObject", &outside, ua, Call { params: &params, ..Call::default() }, "AML.T0025");
    }
}
