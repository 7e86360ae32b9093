//! The benign background a scenario is injected into: the multi-persona history of
//! `tightrope_detect::synth` plus the AI identities the drill scenarios need (a notebook execution
//! role, an endpoint execution role, a Bedrock agent and its tool Lambda), each with its own normal
//! activity. Deterministic for a seed.

use tightrope_detect::synth::{self, ACCOUNT, Identity, Persona, Rng};

/// Size of the generated background.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Days of history the baseline is learned from.
    pub history_days: i64,
    /// Days after the history into which the attack is injected.
    pub test_days: i64,
    /// Expected benign events over history and test together.
    pub events: f64,
}

impl Default for Size {
    fn default() -> Self {
        Size {
            history_days: 7,
            test_days: 1,
            events: 60_000.0,
        }
    }
}

/// A generated background: identities and CloudTrail records (JSON objects) per period.
pub struct Background {
    pub identities: Vec<Identity>,
    pub history: Vec<String>,
    pub test: Vec<String>,
    pub size: Size,
    /// Unix time of the first second of the test period.
    pub test_start: i64,
}

fn role(
    name: &str,
    persona: Persona,
    network: &str,
    agent: &'static str,
    rate: f64,
    actions: Vec<(&'static str, &'static str)>,
    rng: &mut Rng,
) -> Identity {
    Identity {
        persona,
        arn: format!("arn:aws:sts::{ACCOUNT}:assumed-role/{name}/session"),
        kind: "AssumedRole",
        issuer: Some(format!("arn:aws:iam::{ACCOUNT}:role/{name}")),
        key: format!("ASIA{:016X}", rng.next() >> 4),
        rate,
        networks: vec![network.to_string()],
        agents: vec![agent],
        actions,
        models: vec![synth::MODELS[0], synth::MODELS[2]],
        buckets: vec![format!("acme-{name}-data"), "acme-training-data".to_string()],
    }
}

const BOTO3: &str =
    "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.11.8";

/// The AI identities the scenarios act through, besides the synth personas.
fn drill_identities(rng: &mut Rng) -> Vec<Identity> {
    vec![
        role(
            "sagemaker-notebook-exec",
            Persona::Training,
            "10.8",
            BOTO3,
            8.0,
            vec![
                ("s3", "GetObject"),
                ("s3", "ListObjectsV2"),
                ("sagemaker", "DescribeTrainingJob"),
                ("logs", "PutLogEvents"),
                ("s3", "PutObject"),
                ("sagemaker", "ListTrainingJobs"),
                ("ecr", "BatchGetImage"),
            ],
            rng,
        ),
        role(
            "sagemaker-endpoint-exec",
            Persona::Inference,
            "10.9",
            BOTO3,
            10.0,
            vec![
                ("s3", "GetObject"),
                ("logs", "PutLogEvents"),
                ("cloudwatch", "PutMetricData"),
                ("ecr", "GetAuthorizationToken"),
                ("kms", "Decrypt"),
            ],
            rng,
        ),
        role(
            "bedrock-agent-support",
            Persona::Inference,
            "10.10",
            BOTO3,
            20.0,
            vec![
                ("bedrock", "InvokeModel"),
                ("bedrock", "Retrieve"),
                ("logs", "PutLogEvents"),
            ],
            rng,
        ),
        role(
            "agent-tools-lambda",
            Persona::Lambda,
            "10.11",
            "aws-sdk-js/3.540.0 ua/2.0 os/linux lang/js md/nodejs#20.11.1 exec-env/AWS_Lambda_nodejs20.x",
            5.0,
            vec![
                ("dynamodb", "GetItem"),
                ("dynamodb", "Query"),
                ("logs", "PutLogEvents"),
            ],
            rng,
        ),
    ]
}

/// Generate the background for `seed`.
pub fn generate(seed: u64, size: Size) -> Background {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut identities = synth::identities(&mut rng);
    identities.extend(drill_identities(&mut rng));
    let days = size.history_days + size.test_days;
    let scale = synth::rate_scale(&identities, days, size.events);
    let mut next_id = 0u64;
    let (mut history, mut test) = (Vec::new(), Vec::new());
    for day in 0..days {
        let out = if day < size.history_days {
            &mut history
        } else {
            &mut test
        };
        for hour in 0..24 {
            synth::benign_hour(
                &mut rng,
                &identities,
                scale,
                day,
                hour,
                &mut next_id,
                |_, _, json| out.push(json),
            );
        }
    }
    Background {
        identities,
        history,
        test,
        size,
        test_start: synth::START + size.history_days * 86_400,
    }
}

/// The identity whose role (or user) name is `name`.
pub fn find<'a>(ids: &'a [Identity], name: &str) -> Option<&'a Identity> {
    ids.iter().find(|i| {
        i.issuer
            .as_deref()
            .unwrap_or(&i.arn)
            .rsplit('/')
            .next()
            .is_some_and(|n| n == name)
    })
}

/// Records as one CloudTrail log file body (`{"Records":[...]}`), as AWS delivers it.
pub fn log_file<'a>(records: impl IntoIterator<Item = &'a String>) -> Vec<u8> {
    let mut out = b"{\"Records\":[".to_vec();
    for (i, r) in records.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(r.as_bytes());
    }
    out.extend_from_slice(b"]}");
    out
}
