//! Synthetic CloudTrail generator: a benign history with realistic distributions and labelled
//! injected attacks, written as AWS delivers it (gzipped `{"Records": [...]}` files under
//! `AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/`).
//!
//! ```text
//! cargo run --release -p tightrope-detect --example gen_cloudtrail -- \
//!     --out /tmp/ct --events 2000000 --history-days 14 --test-days 3 --seed 7
//! ```
//! writes `/tmp/ct/history/AWSLogs/...` (benign only), `/tmp/ct/test/AWSLogs/...` (benign plus
//! attacks) and `/tmp/ct/labels.json` (one entry per injected attack instance: kind, identity, time
//! span, event ids).
//!
//! Benign model (documented in docs/detect.md):
//! * 44 identities in 6 personas (inference roles, training pipelines, CI/CD, people, Lambda
//!   service roles, a security auditor), each with its own action mix (Zipf-weighted), networks
//!   (VPC-private /16s for workloads, an office /24 plus a home /24 per person), clients, regions
//!   (70/25/5 %) and models.
//! * Volume per identity per hour is Poisson with a per-identity rate (log-normal across identities)
//!   times a diurnal/weekly profile (people and CI work office hours on weekdays; workloads run
//!   around the clock with a daytime peak); 1.5 % of calls fail (AccessDenied, Throttling).
//! * Attacks (test period only, `--attacks` instances of each kind, at random times and victims):
//!   LLM-jacking (stolen inference-role key: Bedrock reconnaissance then an InvokeModel burst on a new
//!   model from a new network), credential exfiltration (a person's key used from a new network:
//!   discovery then CreateAccessKey), guardrail deletion (CI role deletes a guardrail and the model
//!   invocation logging), training-data source change (training role points a customisation job at
//!   an unknown bucket), mass S3 reads (a Lambda role reads thousands of objects in minutes).

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

const ACCOUNT: &str = "111122223333";

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-12), self.unit());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
    fn poisson(&mut self, lambda: f64) -> u64 {
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
    fn zipf(&mut self, n: usize) -> usize {
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

#[derive(Clone, Copy, PartialEq)]
enum Persona {
    Inference,
    Training,
    Cicd,
    Person,
    Lambda,
    Auditor,
}

struct Identity {
    persona: Persona,
    arn: String,
    kind: &'static str,
    issuer: Option<String>,
    key: String,
    rate: f64,
    networks: Vec<String>,
    agents: Vec<&'static str>,
    actions: Vec<(&'static str, &'static str)>,
    models: Vec<&'static str>,
    buckets: Vec<String>,
}

const MODELS: [&str; 4] = [
    "anthropic.claude-3-haiku-20240307-v1:0",
    "anthropic.claude-3-5-sonnet-20240620-v1:0",
    "amazon.titan-embed-text-v2:0",
    "meta.llama3-8b-instruct-v1:0",
];

fn actions_for(p: Persona) -> Vec<(&'static str, &'static str)> {
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

fn identities(rng: &mut Rng) -> Vec<Identity> {
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
fn diurnal(p: Persona, hour: u32, weekday: u32) -> f64 {
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

struct Ev<'a> {
    t: i64,
    who: &'a Identity,
    service: &'a str,
    name: &'a str,
    ip: String,
    agent: &'a str,
    region: &'a str,
    error: Option<&'a str>,
    params: String,
    id: u64,
}

fn time_str(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

fn write_event(out: &mut String, e: &Ev<'_>) {
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

fn params_for(rng: &mut Rng, w: &Identity, service: &str, name: &str) -> String {
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

struct Sink {
    root: PathBuf,
    region_files: std::collections::HashMap<(String, i64), Vec<String>>,
    flushed: u64,
    /// Files written so far: part of every file name, so a later flush of the same hour (the
    /// injected attacks) never overwrites an earlier file.
    files: u64,
}

impl Sink {
    fn push(&mut self, region: &str, t: i64, json: String) {
        let hour = t.div_euclid(3600);
        let bucket = self
            .region_files
            .entry((region.to_string(), hour))
            .or_default();
        bucket.push(json);
    }

    fn flush(&mut self) {
        let mut keys: Vec<(String, i64)> = self.region_files.keys().cloned().collect();
        keys.sort();
        for key in keys {
            let Some(records) = self.region_files.remove(&key) else {
                continue;
            };
            let (region, hour) = key;
            let ts = time_str(hour * 3600);
            let (y, m, d) = (&ts[0..4], &ts[5..7], &ts[8..10]);
            let dir = self
                .root
                .join(format!("AWSLogs/{ACCOUNT}/CloudTrail/{region}/{y}/{m}/{d}"));
            std::fs::create_dir_all(&dir).expect("create output directory");
            for (n, chunk) in records.chunks(20_000).enumerate() {
                self.files += 1;
                let stamp = format!("{y}{m}{d}T{}Z", &ts[11..13]);
                let path = dir.join(format!(
                    "{ACCOUNT}_CloudTrail_{region}_{stamp}_{:06}_{n:03}.json.gz",
                    self.files
                ));
                let file = std::fs::File::create(&path).expect("create output file");
                let mut gz = flate2::write::GzEncoder::new(
                    std::io::BufWriter::new(file),
                    flate2::Compression::fast(),
                );
                let _ = gz.write_all(b"{\"Records\":[");
                for (i, r) in chunk.iter().enumerate() {
                    if i > 0 {
                        let _ = gz.write_all(b",");
                    }
                    let _ = gz.write_all(r.as_bytes());
                }
                let _ = gz.write_all(b"]}");
                gz.finish().expect("finish gzip");
                self.flushed += chunk.len() as u64;
            }
        }
    }
}

struct Args {
    out: PathBuf,
    events: f64,
    history_days: i64,
    test_days: i64,
    attacks: usize,
    seed: u64,
}

fn args() -> Args {
    let mut a = Args {
        out: PathBuf::from("ct-gen"),
        events: 1e6,
        history_days: 14,
        test_days: 3,
        attacks: 5,
        seed: 7,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        let v = pair.get(1).map(String::as_str).unwrap_or("");
        match pair[0].as_str() {
            "--out" => a.out = PathBuf::from(v),
            "--events" => a.events = v.parse().expect("--events N"),
            "--history-days" => a.history_days = v.parse().expect("--history-days N"),
            "--test-days" => a.test_days = v.parse().expect("--test-days N"),
            "--attacks" => a.attacks = v.parse().expect("--attacks N"),
            "--seed" => a.seed = v.parse().expect("--seed N"),
            other => panic!("unknown argument {other} (see the file's doc comment)"),
        }
    }
    a
}

/// 2024-05-06T00:00:00Z, a Monday.
const START: i64 = 1_714_953_600;

fn main() {
    let a = args();
    let mut rng = Rng(a.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let ids = identities(&mut rng);
    // Scale rates so the expected total matches --events.
    let days = a.history_days + a.test_days;
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
    let scale = a.events / expected;
    let regions = ["us-east-1", "us-west-2", "eu-west-1"];
    let mut next_id = 0u64;
    let mut labels = Vec::new();
    for (phase, from_day, to_day) in [
        ("history", 0, a.history_days),
        ("test", a.history_days, days),
    ] {
        let mut sink = Sink {
            root: a.out.join(phase),
            region_files: Default::default(),
            flushed: 0,
            files: 0,
        };
        for day in from_day..to_day {
            for hour in 0..24 {
                let t0 = START + day * 86_400 + hour * 3600;
                let weekday = (day % 7) as u32;
                for w in &ids {
                    let n = rng.poisson(w.rate * scale * diurnal(w.persona, hour as u32, weekday));
                    for _ in 0..n {
                        let (service, name) = w.actions[rng.zipf(w.actions.len())];
                        let r = rng.unit();
                        let region = if r < 0.7 {
                            regions[0]
                        } else if r < 0.95 {
                            regions[1]
                        } else {
                            regions[2]
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
                        let params = params_for(&mut rng, w, service, name);
                        next_id += 1;
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
                            id: next_id,
                        };
                        let mut s = String::with_capacity(1200);
                        write_event(&mut s, &e);
                        sink.push(region, e.t, s);
                    }
                }
            }
            sink.flush();
        }
        if phase == "test" {
            inject(
                &mut rng,
                &ids,
                &mut sink,
                &mut next_id,
                &mut labels,
                a.history_days,
                a.test_days,
                a.attacks,
            );
            sink.flush();
        }
        eprintln!("{phase}: {} events written", sink.flushed);
    }
    let labels_text = serde_json::to_string_pretty(&labels).expect("labels");
    std::fs::write(a.out.join("labels.json"), labels_text).expect("write labels");
    eprintln!(
        "{} attack instances labelled in {}",
        labels.len(),
        a.out.join("labels.json").display()
    );
}

#[allow(clippy::too_many_arguments)]
fn inject(
    rng: &mut Rng,
    ids: &[Identity],
    sink: &mut Sink,
    next_id: &mut u64,
    labels: &mut Vec<serde_json::Value>,
    history_days: i64,
    test_days: i64,
    per_kind: usize,
) {
    let pick = |rng: &mut Rng, p: Persona| -> usize {
        let c: Vec<usize> = (0..ids.len()).filter(|&i| ids[i].persona == p).collect();
        c[rng.below(c.len())]
    };
    let kinds = [
        "llm-jacking",
        "credential-exfiltration",
        "guardrail-deletion",
        "training-data-change",
        "mass-s3-reads",
    ];
    for kind in kinds {
        for _ in 0..per_kind {
            let start = START
                + history_days * 86_400
                + rng.below((test_days * 86_400 - 7200) as usize) as i64;
            let attacker_ip = || {
                format!(
                    "{}.{}.{}.{}",
                    45,
                    130 + (start % 90),
                    (start / 7) % 250,
                    10 + start % 200
                )
            };
            #[allow(clippy::type_complexity)]
            let mut steps: Vec<(
                i64,
                usize,
                &'static str,
                &'static str,
                String,
                String,
                &'static str,
                Option<&'static str>,
            )> = Vec::new();
            match kind {
                "llm-jacking" => {
                    let v = pick(rng, Persona::Inference);
                    let ip = attacker_ip();
                    let ua = "python-requests/2.31.0";
                    for (k, n) in [
                        "GetModelInvocationLoggingConfiguration",
                        "ListFoundationModels",
                        "GetFoundationModelAvailability",
                    ]
                    .iter()
                    .enumerate()
                    {
                        steps.push((
                            start + k as i64 * 20,
                            v,
                            "bedrock",
                            n,
                            ip.clone(),
                            String::new(),
                            ua,
                            None,
                        ));
                    }
                    for k in 0..(150 + rng.below(200)) {
                        steps.push((
                            start + 90 + (k as i64 * 600) / 300,
                            v,
                            "bedrock",
                            "InvokeModel",
                            ip.clone(),
                            r#"{"modelId":"anthropic.claude-3-opus-20240229-v1:0"}"#.to_string(),
                            ua,
                            None,
                        ));
                    }
                }
                "credential-exfiltration" => {
                    let v = pick(rng, Persona::Person);
                    let ip = attacker_ip();
                    let ua = "aws-cli/2.13.0 Python/3.11.4 Darwin/22.5.0 exe/x86_64";
                    for (k, (s, n)) in [
                        ("sts", "GetCallerIdentity"),
                        ("s3", "ListBuckets"),
                        ("iam", "ListUsers"),
                        ("iam", "ListAttachedUserPolicies"),
                        ("iam", "CreateAccessKey"),
                    ]
                    .iter()
                    .enumerate()
                    {
                        steps.push((
                            start + k as i64 * 40,
                            v,
                            s,
                            n,
                            ip.clone(),
                            String::new(),
                            ua,
                            None,
                        ));
                    }
                }
                "guardrail-deletion" => {
                    let v = pick(rng, Persona::Cicd);
                    let ip = format!("{}.{}", ids[v].networks[0], 7); // the CI runner's own /24
                    let ua = ids[v].agents[0];
                    steps.push((
                        start,
                        v,
                        "bedrock",
                        "DeleteGuardrail",
                        ip.clone(),
                        r#"{"guardrailIdentifier":"gr-prod-1"}"#.into(),
                        ua,
                        None,
                    ));
                    steps.push((
                        start + 30,
                        v,
                        "bedrock",
                        "DeleteModelInvocationLoggingConfiguration",
                        ip,
                        String::new(),
                        ua,
                        None,
                    ));
                }
                "training-data-change" => {
                    let v = pick(rng, Persona::Training);
                    let ip = format!("{}.{}.{}", ids[v].networks[0], 3, 9);
                    let ua = ids[v].agents[0];
                    steps.push((
                        start,
                        v,
                        "bedrock",
                        "CreateModelCustomizationJob",
                        ip,
                        r#"{"jobName":"ft-prod","customModelName":"support-bot","trainingDataConfig":{"s3Uri":"s3://unknown-bucket-4471/train.jsonl"}}"#.into(),
                        ua,
                        None,
                    ));
                }
                _ => {
                    let v = pick(rng, Persona::Lambda);
                    let ip = format!("{}.{}.{}", ids[v].networks[0], 5, 5);
                    let ua = ids[v].agents[0];
                    for k in 0..(1500 + rng.below(1500)) {
                        steps.push((
                            start + (k as i64 * 240) / 3000,
                            v,
                            "s3",
                            "GetObject",
                            ip.clone(),
                            format!(r#"{{"bucketName":"acme-training-data","key":"customers/part-{k:05}.parquet"}}"#),
                            ua,
                            None,
                        ));
                    }
                }
            }
            let mut event_ids = Vec::new();
            let victim = steps.first().map(|s| s.1).unwrap_or(0);
            let (mut lo, mut hi) = (i64::MAX, i64::MIN);
            for (t, v, service, name, ip, params, agent, error) in steps {
                *next_id += 1;
                let e = Ev {
                    t,
                    who: &ids[v],
                    service,
                    name,
                    ip,
                    agent,
                    region: "us-east-1",
                    error,
                    params,
                    id: *next_id,
                };
                let mut s = String::new();
                write_event(&mut s, &e);
                sink.push("us-east-1", t, s);
                event_ids.push(format!("ev-{:012x}", *next_id));
                lo = lo.min(t);
                hi = hi.max(t);
            }
            let identity = ids[victim]
                .issuer
                .clone()
                .unwrap_or_else(|| ids[victim].arn.clone());
            labels.push(serde_json::json!({"kind": kind, "identity": identity, "start": lo, "end": hi, "events": event_ids.len(), "event_ids": event_ids}));
        }
    }
}
