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

use std::io::Write;
use std::path::PathBuf;
use tightrope_detect::synth::{
    ACCOUNT, Ev, Identity, Persona, Rng, START, benign_hour, identities, rate_scale, time_str,
    write_event,
};

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

fn main() {
    let a = args();
    let mut rng = Rng(a.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let ids = identities(&mut rng);
    // Scale rates so the expected total matches --events.
    let days = a.history_days + a.test_days;
    let scale = rate_scale(&ids, days, a.events);
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
                benign_hour(&mut rng, &ids, scale, day, hour, &mut next_id, |region, t, s| {
                    sink.push(region, t, s)
                });
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
