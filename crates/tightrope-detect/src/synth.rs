//! Synthetic CloudTrail: a benign multi-persona history with realistic distributions, written as
//! CloudTrail records (`write_event`). Shared by `examples/gen_cloudtrail.rs` (benchmarks) and
//! `tightrope drill` (scenario backgrounds); the model is documented in `docs/detect.md`.

use std::fmt::Write as _;

pub const ACCOUNT: &str = "111122223333";

/// A small deterministic xorshift generator (seeded; no external dependency).
pub struct Rng(pub u64);
impl Rng {
    /// The next 64 random bits (not an `Iterator`: the stream never ends).
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-12), self.unit());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda > 30.0 {
            return (lambda + lambda.sqrt() * self.normal()).round().max(0.0) as u64;
        }
        let l = (-lambda).exp();
        let (mut k, mut p) = (0, 1.0);
        loop {
            p *= self.unit();
            if p <= l {
                return k;
            }
            k += 1;
        }
    }
    /// Zipf-weighted choice among n items (rank 1 most likely).
    pub fn zipf(&mut self, n: usize) -> usize {
        let h: f64 = (1..=n).map(|k| 1.0 / k as f64).sum();
        let mut x = self.unit() * h;
        for k in 1..=n {
            x -= 1.0 / k as f64;
            if x <= 0.0 {
                return k - 1;
            }
        }
        n - 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Persona {
    Inference,
    Training,
    Cicd,
    Person,
    Lambda,
    Auditor,
}

pub struct Identity {
    pub persona: Persona,
    pub arn: String,
    pub kind: &'static str,
    pub issuer: Option<String>,
    pub key: String,
    pub rate: f64,
    pub networks: Vec<String>,
    pub agents: Vec<&'static str>,
    pub actions: Vec<(&'static str, &'static str)>,
    pub models: Vec<&'static str>,
    pub buckets: Vec<String>,
}

pub const MODELS: [&str; 4] = [
    "anthropic.claude-3-haiku-20240307-v1:0",
    "anthropic.claude-3-5-sonnet-20240620-v1:0",
    "amazon.titan-embed-text-v2:0",
    "meta.llama3-8b-instruct-v1:0",
];

pub fn actions_for(p: Persona) -> Vec<(&'static str, &'static str)> {
    match p {
        Persona::Inference => vec![
            ("bedrock", "InvokeModel"),
            ("bedrock", "InvokeModelWithResponseStream"),
            ("sts", "AssumeRole"),
            ("s3", "GetObject"),
            ("kms", "Decrypt"),
            ("logs", "PutLogEvents"),
            ("bedrock", "Converse"),
        ],
        Persona::Training => vec![
            ("s3", "GetObject"),
            ("s3", "PutObject"),
            ("sagemaker", "DescribeTrainingJob"),
            ("s3", "ListObjectsV2"),
            ("kms", "GenerateDataKey"),
            ("sagemaker", "CreateTrainingJob"),
            ("ecr", "BatchGetImage"),
            ("bedrock", "GetModelCustomizationJob"),
        ],
        Persona::Cicd => vec![
            ("ec2", "DescribeInstances"),
            ("iam", "GetRole"),
            ("s3", "GetBucketPolicy"),
            ("cloudformation", "DescribeStacks"),
            ("lambda", "GetFunction"),
            ("bedrock", "GetGuardrail"),
            ("iam", "PassRole"),
            ("lambda", "UpdateFunctionCode"),
            ("ec2", "CreateTags"),
            ("bedrock", "UpdateGuardrail"),
        ],
        Persona::Person => vec![
            ("s3", "ListBuckets"),
            ("ec2", "DescribeInstances"),
            ("signin", "ConsoleLogin"),
            ("cloudwatch", "GetMetricData"),
            ("logs", "FilterLogEvents"),
            ("sts", "GetCallerIdentity"),
            ("sagemaker", "ListNotebookInstances"),
            ("bedrock", "ListFoundationModels"),
            ("s3", "GetObject"),
        ],
        Persona::Lambda => vec![
            ("dynamodb", "GetItem"),
            ("dynamodb", "PutItem"),
            ("sqs", "ReceiveMessage"),
            ("s3", "GetObject"),
            ("kms", "Decrypt"),
            ("sqs", "DeleteMessage"),
            ("secretsmanager", "GetSecretValue"),
        ],
        Persona::Auditor => vec![
            ("iam", "ListRoles"),
            ("iam", "GetAccountAuthorizationDetails"),
            ("s3", "GetBucketAcl"),
            ("ec2", "DescribeSecurityGroups"),
            ("config", "DescribeConfigRules"),
            ("cloudtrail", "DescribeTrails"),
            ("bedrock", "GetModelInvocationLoggingConfiguration"),
            ("guardduty", "ListDetectors"),
        ],
    }
}

pub fn identities(rng: &mut Rng) -> Vec<Identity> {
    let plan = [
        (Persona::Inference, 6, 40.0),
        (Persona::Training, 4, 12.0),
        (Persona::Cicd, 3, 6.0),
        (Persona::Person, 12, 3.0),
        (Persona::Lambda, 18, 25.0),
        (Persona::Auditor, 1, 4.0),
    ];
    let mut out = Vec::new();
    for (persona, n, base) in plan {
        for i in 0..n {
            let (arn, kind, issuer, name) = match persona {
                Persona::Person => {
                    let name = format!("user{i:02}");
                    (
                        format!("arn:aws:iam::{ACCOUNT}:user/{name}"),
                        "IAMUser",
                        None,
                        name,
                    )
                }
                _ => {
                    let role = match persona {
                        Persona::Inference => format!("ml-inference-{i}"),
                        Persona::Training => format!("ml-training-{i}"),
                        Persona::Cicd => format!("cicd-deploy-{i}"),
                        Persona::Lambda => format!("lambda-svc-{i}"),
                        _ => format!("security-audit-{i}"),
                    };
                    (
                        format!("arn:aws:sts::{ACCOUNT}:assumed-role/{role}/session"),
                        "AssumedRole",
                        Some(format!("arn:aws:iam::{ACCOUNT}:role/{role}")),
                        role,
                    )
                }
            };
            let networks = match persona {
                Persona::Person => vec![
                    "198.51.100".to_string(),
                    format!(
                        "{}.{}.{}",
                        70 + rng.below(30),
                        rng.below(250),
                        rng.below(250)
                    ),
                ],
                Persona::Cicd => vec!["203.0.113".to_string()],
                Persona::Auditor => vec!["192.0.2".to_string()],
                _ => vec![format!("10.{}", rng.below(4))],
            };
            let agents: Vec<&'static str> = match persona {
                Persona::Person => vec![
                    "console.amazonaws.com",
                    "aws-cli/2.15.30 Python/3.11.8 Linux/6.5 exe/x86_64",
                ],
                Persona::Cicd => {
                    vec!["APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io)"]
                }
                Persona::Lambda => vec![
                    "aws-sdk-js/3.540.0 ua/2.0 os/linux lang/js md/nodejs#20.11.1 exec-env/AWS_Lambda_nodejs20.x",
                ],
                _ => vec![
                    "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.11.8",
                ],
            };
            let models = (0..1 + rng.below(2))
                .map(|_| MODELS[rng.below(3)])
                .collect();
            out.push(Identity {
                persona,
                arn,
                kind,
                issuer,
                key: format!("ASIA{:016X}", rng.next() >> 4),
                rate: base * (0.6 * rng.normal()).exp(),
                networks,
                agents,
                actions: actions_for(persona),
                models,
                buckets: vec![
                    format!("acme-{name}-data"),
                    "acme-training-data".to_string(),
                ],
            });
        }
    }
    out
}

/// Relative activity at an hour (UTC) and weekday (0 = Monday).
pub fn diurnal(p: Persona, hour: u32, weekday: u32) -> f64 {
    let office = (8..19).contains(&hour) && weekday < 5;
    match p {
        Persona::Person | Persona::Cicd => {
            if office {
                1.0
            } else {
                0.02
            }
        }
        Persona::Auditor => {
            if hour == 3 {
                6.0
            } else {
                0.2
            }
        }
        _ => {
            0.6 + 0.4 * (((hour as f64 - 14.0) / 24.0 * 2.0 * std::f64::consts::PI).cos() + 1.0)
                / 2.0
                * 2.0
        }
    }
}

pub struct Ev<'a> {
    pub t: i64,
    pub who: &'a Identity,
    pub service: &'a str,
    pub name: &'a str,
    pub ip: String,
    pub agent: &'a str,
    pub region: &'a str,
    pub error: Option<&'a str>,
    pub params: String,
    pub id: u64,
}

/// `YYYY-MM-DDTHH:MM:SSZ`, as CloudTrail writes `eventTime`.
pub fn time_str(t: i64) -> String {
    tightrope_cloudtrail::time::format_time(t)
}

pub fn write_event(out: &mut String, e: &Ev<'_>) {
    let w = e.who;
    let read_only = e.name.starts_with("Get")
        || e.name.starts_with("List")
        || e.name.starts_with("Describe")
        || e.name.starts_with("Invoke")
        || e.name == "Converse"
        || e.name == "ReceiveMessage"
        || e.name == "Decrypt";
    let identity = match &w.issuer {
        Some(issuer) => format!(
            r#"{{"type":"AssumedRole","principalId":"AROAEXAMPLE:session","arn":"{}","accountId":"{ACCOUNT}","accessKeyId":"{}","sessionContext":{{"sessionIssuer":{{"type":"Role","principalId":"AROAEXAMPLE","arn":"{issuer}","accountId":"{ACCOUNT}","userName":"{}"}},"attributes":{{"creationDate":"{}","mfaAuthenticated":"false"}}}}}}"#,
            w.arn,
            w.key,
            issuer.rsplit('/').next().unwrap_or(""),
            time_str(e.t - 600)
        ),
        None => format!(
            r#"{{"type":"{}","principalId":"AIDAEXAMPLE","arn":"{}","accountId":"{ACCOUNT}","accessKeyId":"{}","userName":"{}"}}"#,
            w.kind,
            w.arn,
            w.key,
            w.arn.rsplit('/').next().unwrap_or("")
        ),
    };
    let _ = write!(
        out,
        r#"{{"eventVersion":"1.09","userIdentity":{identity},"eventTime":"{}","eventSource":"{}.amazonaws.com","eventName":"{}","awsRegion":"{}","sourceIPAddress":"{}","userAgent":"{}","#,
        time_str(e.t),
        if e.service == "cloudwatch" {
            "monitoring"
        } else {
            e.service
        },
        e.name,
        e.region,
        e.ip,
        e.agent
    );
    if let Some(code) = e.error {
        let _ = write!(
            out,
            r#""errorCode":"{code}","errorMessage":"User is not authorized to perform this operation","#
        );
    }
    let _ = write!(
        out,
        r#""requestParameters":{},"responseElements":null,"requestID":"{:016x}","eventID":"ev-{:012x}","readOnly":{read_only},"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"{ACCOUNT}","eventCategory":"Management","tlsDetails":{{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"{}.{}.amazonaws.com"}}}}"#,
        if e.params.is_empty() {
            "null"
        } else {
            &e.params
        },
        e.id.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        e.id,
        e.service,
        e.region
    );
}

pub fn params_for(rng: &mut Rng, w: &Identity, service: &str, name: &str) -> String {
    match (service, name) {
        ("bedrock", n) if n.starts_with("Invoke") || n == "Converse" => {
            format!(r#"{{"modelId":"{}"}}"#, w.models[rng.below(w.models.len())])
        }
        ("s3", "GetObject" | "PutObject") => format!(
            r#"{{"bucketName":"{}","key":"part-{:05}.parquet"}}"#,
            w.buckets[rng.below(w.buckets.len())],
            rng.below(20_000)
        ),
        ("s3", _) => format!(r#"{{"bucketName":"{}"}}"#, w.buckets[0]),
        ("sagemaker", "CreateTrainingJob") => {
            format!(r#"{{"trainingJobName":"job-{}"}}"#, rng.below(1_000_000))
        }
        ("bedrock", "GetGuardrail" | "UpdateGuardrail") => {
            r#"{"guardrailIdentifier":"gr-prod-1"}"#.to_string()
        }
        _ => String::new(),
    }
}


/// 2024-05-06T00:00:00Z, a Monday.
pub const START: i64 = 1_714_953_600;

/// The regions benign traffic uses (70 / 25 / 5 %).
pub const REGIONS: [&str; 3] = ["us-east-1", "us-west-2", "eu-west-1"];

/// The factor that makes the expected number of benign events over `days` equal `events`.
pub fn rate_scale(ids: &[Identity], days: i64, events: f64) -> f64 {
    let expected: f64 = ids
        .iter()
        .map(|w| {
            (0..24 * 7)
                .map(|h| w.rate * diurnal(w.persona, h % 24, h / 24))
                .sum::<f64>()
                / 7.0
                * days as f64
        })
        .sum();
    events / expected
}

/// The benign events of one hour starting at `t0` (day index `day` since [`START`]): each record is
/// passed to `emit(region, time, json)`; `next_id` numbers the events.
pub fn benign_hour(
    rng: &mut Rng,
    ids: &[Identity],
    scale: f64,
    day: i64,
    hour: i64,
    next_id: &mut u64,
    mut emit: impl FnMut(&str, i64, String),
) {
    let t0 = START + day * 86_400 + hour * 3600;
    let weekday = (day % 7) as u32;
    for w in ids {
        let n = rng.poisson(w.rate * scale * diurnal(w.persona, hour as u32, weekday));
        for _ in 0..n {
            let (service, name) = w.actions[rng.zipf(w.actions.len())];
            let r = rng.unit();
            let region = if r < 0.7 {
                REGIONS[0]
            } else if r < 0.95 {
                REGIONS[1]
            } else {
                REGIONS[2]
            };
            let net = &w.networks[if w.persona == Persona::Person && rng.unit() < 0.3 {
                1
            } else {
                0
            }];
            let ip = if net.starts_with("10.") {
                format!("{net}.{}.{}", rng.below(256), 1 + rng.below(250))
            } else {
                format!("{net}.{}", 1 + rng.below(250))
            };
            let error = (rng.unit() < 0.015).then(|| {
                if rng.unit() < 0.7 {
                    "AccessDenied"
                } else {
                    "ThrottlingException"
                }
            });
            let agent = w.agents[rng.below(w.agents.len())];
            let params = params_for(rng, w, service, name);
            *next_id += 1;
            let e = Ev {
                t: t0 + rng.below(3600) as i64,
                who: w,
                service,
                name,
                ip,
                agent,
                region,
                error,
                params,
                id: *next_id,
            };
            let mut s = String::with_capacity(1200);
            write_event(&mut s, &e);
            emit(region, e.t, s);
        }
    }
}
