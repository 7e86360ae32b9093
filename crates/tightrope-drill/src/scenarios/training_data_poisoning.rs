//! Training-data poisoning, after ATLAS AML.CS0025 (split-view poisoning of web-scale datasets):
//! the crawl job refreshes its dataset from URLs whose expired domains the attacker bought
//! (the content it writes is the attacker's), then the fine-tuning job is pointed at the refreshed
//! prefix, a source this training role never used.

use super::{Call, Ctx, Scenario};
use tightrope_detect::synth::Persona;

pub const SCENARIO: Scenario = Scenario {
    id: "training-data-poisoning",
    case_study: Some("AML.CS0025"),
    generate,
};

fn generate(ctx: &mut Ctx<'_>) {
    let trainer = ctx.pick(Persona::Training);
    let ip = ctx.usual_ip(trainer);
    let agent = trainer.agents[0];
    // Publish poisoned datasets (AML.T0019): the refreshed crawl lands in a new prefix.
    for k in 0..12 {
        let params = format!(
            r#"{{"bucketName":"acme-web-crawl-2024","key":"refresh-2024-05/shard-{k:04}.jsonl.gz"}}"#
        );
        ctx.call(k * 15, trainer, "s3:PutObject", &ip, agent, Call { params: &params, ..Call::default() }, "AML.T0019");
    }
    // Poison training data (AML.T0020): the customisation job trains on it.
    ctx.call(
        600,
        trainer,
        "bedrock:CreateModelCustomizationJob",
        &ip,
        agent,
        Call {
            params: r#"{"jobName":"support-bot-ft-0512","customModelName":"support-bot-ft","roleArn":"arn:aws:iam::111122223333:role/ml-training-0","baseModelIdentifier":"amazon.titan-text-express-v1","customizationType":"FINE_TUNING","trainingDataConfig":{"s3Uri":"s3://acme-web-crawl-2024/refresh-2024-05/"},"outputDataConfig":{"s3Uri":"s3://acme-training-data/custom-models/"}}"#,
            ..Call::default()
        },
        "AML.T0020",
    );
    ctx.call(660, trainer, "bedrock:GetModelCustomizationJob", &ip, agent, Call { params: r#"{"jobIdentifier":"support-bot-ft-0512"}"#, ..Call::default() }, "AML.T0020");
}
