//! Training-data exfiltration through the pipeline: a data-pipeline Lambda role (its code was
//! changed to loop over the corpus) lists and reads the training corpus at many times its usual
//! rate from its own network, then adds a replication rule to a bucket in another account.
//! No ATLAS case study describes this in CloudTrail terms.

use super::{Call, Ctx, Scenario};
use tightrope_detect::synth::Persona;

pub const SCENARIO: Scenario = Scenario {
    id: "training-data-exfiltration",
    case_study: None,
    generate,
};

fn generate(ctx: &mut Ctx<'_>) {
    let pipeline = ctx.pick(Persona::Lambda);
    let ip = ctx.usual_ip(pipeline);
    let agent = pipeline.agents[0];
    ctx.call(0, pipeline, "s3:ListObjectsV2", &ip, agent, Call { params: r#"{"bucketName":"acme-training-data","prefix":"customers/","list-type":"2"}"#, ..Call::default() }, "AML.T0035");
    let n = 1200 + ctx.rng.below(800) as i64;
    for k in 0..n {
        let params = format!(r#"{{"bucketName":"acme-training-data","key":"customers/part-{k:05}.parquet"}}"#);
        ctx.call(10 + k * 240 / n, pipeline, "s3:GetObject", &ip, agent, Call { params: &params, ..Call::default() }, "AML.T0035");
    }
    ctx.call(
        300,
        pipeline,
        "s3:PutBucketReplication",
        &ip,
        agent,
        Call {
            params: r#"{"bucketName":"acme-training-data","ReplicationConfiguration":{"Role":"arn:aws:iam::111122223333:role/lambda-svc-0","Rule":{"Status":"Enabled","Destination":{"Bucket":"arn:aws:s3:::dl-archive-7731","Account":"444455556666"}}}}"#,
            ..Call::default()
        },
        "AML.T0025",
    );
}
