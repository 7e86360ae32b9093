//! Command-line arguments and entry points, called by the `tightrope` binary.

use crate::context::{Context, NoContext, StateContext};
use crate::detector::Settings;
use crate::engine::{detect_paths, learn_paths};
use crate::model::Model;
use crate::output::{RunReport, json, ocsf, table};
use crate::sigma::{SigmaSet, Unsupported};
use crate::window::DEFAULT_WINDOW_SECS;
use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use tightrope_core::{Severity, exit};
use tightrope_report::{Format as ReportFormat, Report, RuleDescriptor, render};
use tightrope_store::DbArgs;

const LONG_ABOUT: &str = "\
Learn what normal looks like in CloudTrail, then flag what deviates, with a reason for every alert.

`learn` builds per-identity profiles (actions, services, regions, source networks, user agents,
hours, error rates, Bedrock/SageMaker volume) from a window of history and stores the model.
`run` scores new events against it: first-seen actions/regions/networks/clients, rarity, volume
bursts against the learned 99th percentile, error spikes, a travel proxy, the LLM-jacking sequence
(Bedrock reconnaissance then invocations from a new network), an isolation forest over 5-minute
windows, and SigmaHQ CloudTrail rules. Alerts are ranked by anomaly strength × context from the
cloud state (admin-like identities, buckets tagged with a data classification, public buckets)
and mapped to MITRE ATT&CK and ATLAS techniques.

Input: CloudTrail as AWS delivers it (`{\"Records\": [...]}` files, gzipped or not, in
`AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/` trees) or JSON Lines (`.jsonl`).

Examples:
  tightrope detect learn AWSLogs/2024/04/ --model baseline.json
  tightrope detect run AWSLogs/2024/05/01/ --model baseline.json --sigma sigma/rules/cloud/aws
  tightrope detect run today.jsonl.gz --model baseline.json --state infra/ --format ocsf -o alerts.json
  tightrope detect sigma AWSLogs/ --rules sigma/rules/cloud/aws --format json
  tightrope detect serve --sqs-queue https://sqs.../trail-events --model baseline.json

Exit codes: 0 no alert at or above --min-severity, 1 alerts, 2 usage error or unreadable input
(bad records are reported and the rest is still scored).";

/// Arguments of `tightrope detect`.
#[derive(Args, Debug)]
#[command(long_about = LONG_ABOUT)]
pub struct DetectArgs {
    #[command(subcommand)]
    pub command: DetectCommand,
}

/// The `detect` subcommands.
#[derive(Subcommand, Debug)]
pub enum DetectCommand {
    /// Build the behavioural baseline from a window of CloudTrail history.
    Learn(LearnArgs),
    /// Score new CloudTrail events against the baseline (and Sigma rules); report ranked alerts.
    Run(RunArgs),
    /// Evaluate SigmaHQ CloudTrail rules only (no baseline needed).
    Sigma(SigmaArgs),
    /// Score CloudTrail objects as they arrive (S3 event notifications on SQS), alerts to the store.
    #[command(long_about = SERVE_ABOUT)]
    Serve(ServeArgs),
}

const SERVE_ABOUT: &str = "\
Score CloudTrail objects as they arrive: consume the S3 event notifications (S3 → SQS, or S3 → SNS →
SQS) of the bucket CloudTrail delivers to, fetch and decompress each new log object, score its
events against the learned model (and Sigma rules), write the alerts to the store, and delete the
message only after they are committed.

Delivery is at least once and ingestion idempotent: each object is recorded with its alerts in one
transaction, and an object already recorded is skipped, so a redelivered message or a worker killed
between commit and delete never scores an object twice. Run as many workers as the volume needs,
on one machine or many, all on the same queue and store (`--db postgres://...` for several
machines). Each object is scored on its own: behaviour windows do not span objects.

Examples:
  tightrope detect serve --sqs-queue https://sqs.eu-west-1.amazonaws.com/123456789012/trail-events \\
      --model baseline.json --sigma sigma/rules/cloud/aws --db postgres://tightrope@db/tightrope
  tightrope detect serve --print-policy > worker-policy.json

Exit codes: 0 stopped cleanly, 2 usage error, configuration or queue error.";

/// Where the model lives: a file (portable) or the tightrope store.
#[derive(Args, Debug)]
pub struct ModelArgs {
    /// Model file (JSON). Without it the model is kept in the tightrope store under --name.
    #[arg(long, short = 'm', value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Name of the model in the store (document kind `detect-model`).
    #[arg(long, default_value = "default", value_name = "NAME")]
    pub name: String,

    #[command(flatten)]
    pub db: DbArgs,
}

/// Arguments of `tightrope detect learn`.
#[derive(Args, Debug)]
pub struct LearnArgs {
    /// CloudTrail files or directories (history to learn from).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub model: ModelArgs,

    /// SigmaHQ rules to run over the history too, so that rules matching an identity routinely
    /// weigh less for it at run time (use the same rules as `detect run --sigma`).
    #[arg(long, value_name = "DIR")]
    pub sigma: Option<PathBuf>,

    /// Window length in seconds for volume percentiles and the isolation forest.
    #[arg(long, default_value_t = DEFAULT_WINDOW_SECS, value_name = "SECS", value_parser = clap::value_parser!(i64).range(10..=86_400))]
    pub window: i64,
}

/// Output formats of `detect run` and `detect sigma`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable blocks, highest risk first.
    Table,
    /// The full report: alerts with signals, context, techniques; read statistics; bad records.
    Json,
    /// OCSF 1.3 Detection Finding (class 2004), one per alert, as a JSON array.
    Ocsf,
    /// SARIF 2.1.0 (through the shared renderer).
    Sarif,
}

/// Output options shared by `run` and `sigma`.
#[derive(Args, Debug)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit 1 only for alerts at or above this severity (info, low, medium, high, critical).
    #[arg(long, default_value = "medium")]
    pub min_severity: Severity,

    /// No colours in the table.
    #[arg(long)]
    pub no_color: bool,
}

/// How events are scored: shared by `run` and `serve`.
#[derive(Args, Debug, Clone)]
pub struct ScoreArgs {
    /// SigmaHQ rules (a directory of `.yml` files, e.g. sigma/rules/cloud/aws) to run as well.
    #[arg(long, value_name = "DIR")]
    pub sigma: Option<PathBuf>,

    /// IaC sources or snapshot describing the cloud state, for risk context (privileged identities,
    /// classified buckets, public buckets). Repeatable.
    #[arg(long, value_name = "SOURCE")]
    pub state: Vec<PathBuf>,

    /// Combined anomaly strength (0–1) at or above which a window becomes an alert.
    #[arg(long, default_value_t = 0.98, value_name = "P")]
    pub threshold: f64,

    /// Identities with fewer baseline events get no rarity or hour-of-day signals.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub min_history: u64,
}

impl Default for ScoreArgs {
    fn default() -> Self {
        ScoreArgs {
            sigma: None,
            state: Vec::new(),
            threshold: 0.98,
            min_history: 50,
        }
    }
}

/// Arguments of `tightrope detect run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// CloudTrail files or directories to score.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub model: ModelArgs,

    #[command(flatten)]
    pub score: ScoreArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

/// Arguments of `tightrope detect serve`: score CloudTrail objects as S3 announces them on an SQS
/// queue, and write the alerts to the store. Carried out by the `tightrope` binary when built with
/// its `aws` feature (the AWS SDK lives outside this crate).
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// URL of the SQS queue receiving the S3 event notifications (`s3:ObjectCreated:*`) of the
    /// CloudTrail bucket, directly or through SNS.
    #[arg(long, value_name = "URL", required_unless_present = "print_policy")]
    pub sqs_queue: Option<String>,

    #[command(flatten)]
    pub model: ModelArgs,

    #[command(flatten)]
    pub score: ScoreArgs,

    /// Messages this process works on at once. Run several processes (on several machines) on one
    /// queue to scale out: SQS hands each message to one of them at a time.
    #[arg(long, default_value_t = 4, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,

    /// Long-poll wait of each receive, in seconds (0–20).
    #[arg(long, default_value_t = 20, value_name = "SECS", value_parser = clap::value_parser!(i32).range(0..=20))]
    pub wait_seconds: i32,

    /// How long a received message stays hidden from other workers, in seconds. The worker extends
    /// it while an object takes longer; a worker that dies lets it reappear after this time.
    #[arg(long, default_value_t = 120, value_name = "SECS", value_parser = clap::value_parser!(i32).range(2..=43_200))]
    pub visibility_timeout: i32,

    /// Stop when a receive finds the queue empty (batch use, tests). Default: run until Ctrl-C /
    /// SIGTERM, finishing the messages in hand.
    #[arg(long)]
    pub exit_when_empty: bool,

    /// Refuse log objects larger than this many bytes (compressed size as stored).
    #[arg(long, default_value_t = 1 << 30, value_name = "BYTES")]
    pub max_object_bytes: u64,

    /// AWS profile for the queue and the bucket (default: the standard credential chain).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Region of the queue and the bucket (default: from the profile or environment).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Send every AWS call to this endpoint (an emulator or a VPC endpoint).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Print the IAM policy the worker needs, then exit.
    #[arg(long)]
    pub print_policy: bool,

    /// Testing aid: pause this long before committing each object and again before deleting its
    /// message, so a test can kill the worker mid-batch.
    #[arg(long, default_value_t = 0, hide = true, value_name = "MS")]
    pub debug_delay_ms: u64,
}

/// Arguments of `tightrope detect sigma`.
#[derive(Args, Debug)]
pub struct SigmaArgs {
    /// CloudTrail files or directories to evaluate.
    #[arg(value_name = "PATH", required_unless_present = "list")]
    pub paths: Vec<PathBuf>,

    /// SigmaHQ rules directory or file.
    #[arg(long, value_name = "DIR", required = true)]
    pub rules: PathBuf,

    /// List loaded and unsupported rules, then exit.
    #[arg(long)]
    pub list: bool,

    #[command(flatten)]
    pub out: OutputArgs,
}

/// Run `tightrope detect`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(args: &DetectArgs) -> anyhow::Result<u8> {
    match &args.command {
        DetectCommand::Learn(a) => run_learn(a),
        DetectCommand::Run(a) => run_run(a),
        DetectCommand::Sigma(a) => run_sigma(a),
        DetectCommand::Serve(_) => anyhow::bail!(
            "`detect serve` needs AWS support; this tightrope was built without its `aws` feature"
        ),
    }
}

/// Document kind of models in the store.
pub const MODEL_KIND: &str = "detect-model";

fn progress(files: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() || files < 50 {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new(files);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} {eta}")
    {
        pb.set_style(style);
    }
    pb
}

fn count_files(paths: &[PathBuf]) -> u64 {
    let mut errs = Vec::new();
    paths
        .iter()
        .map(|p| tightrope_cloudtrail::discover(p, &mut errs).len() as u64)
        .sum()
}

fn run_learn(a: &LearnArgs) -> anyhow::Result<u8> {
    let pb = progress(count_files(&a.paths));
    let sigma = a.sigma.as_deref().map(load_sigma);
    let (model, stats) = learn_paths(&a.paths, a.window, sigma.as_ref().map(|s| &s.0), &|| {
        pb.inc(1)
    });
    pb.finish_and_clear();
    for b in &stats.bad_samples {
        eprintln!("warning: {b}");
    }
    anyhow::ensure!(
        stats.events > 0,
        "no CloudTrail events found under the given paths; nothing to learn"
    );
    let text = serde_json::to_string_pretty(&model)?;
    let place = match &a.model.model {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            path.display().to_string()
        }
        None => {
            let store = a.model.db.open()?;
            store.put_document(MODEL_KIND, &a.model.name, &serde_json::from_str(&text)?)?;
            format!("{} ({MODEL_KIND}/{})", store.path().display(), a.model.name)
        }
    };
    tracing::info!(
        events = stats.events,
        identities = model.identities.len(),
        "model learned"
    );
    eprintln!(
        "learned {} identities and {} AI resources from {} events in {} files ({} bad records); model written to {place}",
        model.identities.len(),
        model.ai_resources.len(),
        stats.events,
        stats.files,
        stats.bad
    );
    Ok(if stats.bad > 0 {
        exit::INPUT_ERROR
    } else {
        exit::CLEAN
    })
}

/// The model named by `a`: a file, or a document in the store.
pub fn load_model(a: &ModelArgs) -> anyhow::Result<Model> {
    match &a.model {
        Some(path) => {
            let meta = std::fs::metadata(path)
                .with_context(|| format!("cannot read model {}", path.display()))?;
            anyhow::ensure!(
                meta.len() <= 512 * 1024 * 1024,
                "{}: model larger than 512 MiB",
                path.display()
            );
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read model {}", path.display()))?;
            Model::from_json(&text).with_context(|| path.display().to_string())
        }
        None => {
            let store = a.db.open()?;
            let doc = store.get_document(MODEL_KIND, &a.name)?.with_context(|| {
                format!(
                    "no model `{}` in {}; run `tightrope detect learn` first or pass --model FILE",
                    a.name,
                    store.path().display()
                )
            })?;
            Model::from_json(&doc.to_string())
        }
    }
}

fn load_sigma(path: &Path) -> (SigmaSet, Vec<Unsupported>) {
    let (set, unsupported) = SigmaSet::load(path);
    for u in &unsupported {
        tracing::info!(rule = %u.path, reason = %u.reason, "Sigma rule not loaded");
    }
    (set, unsupported)
}

/// Everything scoring needs, loaded once: the model, Sigma rules, settings and cloud-state context.
pub struct Scoring {
    pub model: Model,
    pub sigma: Option<(SigmaSet, Vec<Unsupported>)>,
    pub settings: Settings,
    pub context: Box<dyn Context + Send + Sync>,
    /// The cloud state could not be read entirely (reported on standard error).
    pub input_error: bool,
}

impl Scoring {
    /// Load what `model` and `score` name.
    pub fn load(model: &ModelArgs, score: &ScoreArgs) -> anyhow::Result<Scoring> {
        anyhow::ensure!(
            (0.0..=1.0).contains(&score.threshold),
            "--threshold must be between 0 and 1"
        );
        let model = load_model(model)?;
        let sigma = score.sigma.as_deref().map(load_sigma);
        let mut input_error = false;
        let context: Box<dyn Context + Send + Sync> = if score.state.is_empty() {
            Box::new(NoContext)
        } else {
            let scan = tightrope_ingest::scan(&score.state);
            for e in &scan.errors {
                eprintln!("warning: state: {e}");
            }
            input_error |= !scan.errors.is_empty();
            Box::new(StateContext::new(&scan.state))
        };
        let settings = Settings {
            threshold: score.threshold,
            min_history: score.min_history,
            ..Settings::default()
        };
        Ok(Scoring {
            model,
            sigma,
            settings,
            context,
            input_error,
        })
    }

    /// The loaded Sigma rules, if any.
    pub fn sigma_set(&self) -> Option<&SigmaSet> {
        self.sigma.as_ref().map(|s| &s.0)
    }
}

fn run_run(a: &RunArgs) -> anyhow::Result<u8> {
    let Scoring {
        model,
        sigma,
        settings,
        context,
        mut input_error,
    } = Scoring::load(&a.model, &a.score)?;
    let pb = progress(count_files(&a.paths));
    let d = detect_paths(
        &a.paths,
        &model,
        sigma.as_ref().map(|s| &s.0),
        &settings,
        context.as_ref(),
        &|| pb.inc(1),
    );
    pb.finish_and_clear();
    input_error |= d.stats.bad > 0;
    let empty = Vec::new();
    let report = RunReport {
        tool_version: env!("CARGO_PKG_VERSION"),
        events: d.events,
        sigma_rules: sigma.as_ref().map_or(0, |s| s.0.rules.len()),
        sigma_unsupported: sigma.as_ref().map_or(&empty, |s| &s.1),
        sigma_matches: d.sigma_matches,
        read: &d.stats,
        alerts: &d.alerts,
    };
    emit(&report, &a.out)?;
    Ok(code(&report, a.out.min_severity, input_error))
}

fn run_sigma(a: &SigmaArgs) -> anyhow::Result<u8> {
    let (set, unsupported) = load_sigma(&a.rules);
    if a.list {
        for r in &set.rules {
            println!(
                "loaded       {:<10} {}  ({})",
                r.level,
                r.title,
                r.path.display()
            );
        }
        for u in &unsupported {
            println!("unsupported  {}: {}", u.path, u.reason);
        }
        return Ok(exit::CLEAN);
    }
    anyhow::ensure!(
        !set.is_empty(),
        "no Sigma rule for aws/cloudtrail could be loaded from {}",
        a.rules.display()
    );
    // Sigma alone: an empty baseline and a threshold only Sigma evidence reaches.
    let model = Model {
        window_secs: DEFAULT_WINDOW_SECS,
        ..Model::default()
    };
    let settings = Settings {
        threshold: 0.0,
        ..Settings::default()
    };
    let d =
        crate::engine::detect_paths(&a.paths, &model, Some(&set), &settings, &NoContext, &|| {});
    let alerts: Vec<_> = d
        .alerts
        .into_iter()
        .filter_map(|mut al| {
            al.signals
                .retain(|s| s.kind == crate::signal::SignalKind::Sigma);
            al.reasons = al.signals.iter().map(|s| s.reason.clone()).collect();
            al.techniques = al
                .signals
                .iter()
                .flat_map(|s| sigma_techniques(&set, &s.value))
                .collect();
            (!al.signals.is_empty()).then_some(al)
        })
        .collect();
    let report = RunReport {
        tool_version: env!("CARGO_PKG_VERSION"),
        events: d.events,
        sigma_rules: set.rules.len(),
        sigma_unsupported: &unsupported,
        sigma_matches: d.sigma_matches,
        read: &d.stats,
        alerts: &alerts,
    };
    emit(&report, &a.out)?;
    Ok(code(&report, a.out.min_severity, d.stats.bad > 0))
}

fn sigma_techniques(set: &SigmaSet, value: &str) -> Vec<crate::technique::Technique> {
    set.rules
        .iter()
        .filter(|r| value.ends_with(&format!("({})", r.id)))
        .flat_map(|r| r.techniques())
        .collect()
}

fn code(r: &RunReport<'_>, min: Severity, input_error: bool) -> u8 {
    if input_error {
        exit::INPUT_ERROR
    } else if r.alerts.iter().any(|a| a.severity >= min) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn emit(r: &RunReport<'_>, out: &OutputArgs) -> anyhow::Result<()> {
    let color = !out.no_color && out.output.is_none() && std::io::stdout().is_terminal();
    let text = match out.format {
        Format::Table => table(r, out.min_severity, color),
        Format::Json => json(r),
        Format::Ocsf => ocsf(r),
        Format::Sarif => {
            let findings: Vec<_> = r.alerts.iter().map(|a| a.to_finding()).collect();
            let rules = vec![RuleDescriptor {
                id: "TR-DETECT-ANOMALY".to_string(),
                title: "Behaviour deviating from the learned CloudTrail baseline, or a Sigma rule match".to_string(),
                severity: Severity::Medium,
                step: tightrope_core::Step::Detect,
                ai: false,
                doc_markdown: "Alerts of `tightrope detect`: see docs/detect.md for the signals and how they combine.".to_string(),
                remediation: "Confirm with the identity's owner; if unexpected, revoke its sessions and keys.".to_string(),
                references: Vec::new(),
                compliance: Vec::new(),
            }];
            let report = Report {
                tool_version: r.tool_version,
                findings: &findings,
                errors: &[],
                not_evaluated: &[],
                rules: &rules,
                files_scanned: r.read.files as usize,
                resources: r.alerts.len(),
                min_severity: out.min_severity,
            };
            render(ReportFormat::Sarif, &report, false)
        }
    };
    match &out.output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        detect: DetectArgs,
    }

    #[test]
    fn arguments_are_consistent_and_parse() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from([
            "t",
            "run",
            "logs/",
            "--model",
            "m.json",
            "--format",
            "ocsf",
            "--threshold",
            "0.99",
        ])
        .unwrap();
        match cli.detect.command {
            DetectCommand::Run(r) => {
                assert_eq!(r.out.format, Format::Ocsf);
                assert_eq!(r.score.threshold, 0.99);
            }
            _ => panic!("expected run"),
        }
    }

    #[test]
    fn learn_then_run_end_to_end_through_files() {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("model.json");
        let logs = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tightrope-cloudtrail/tests/data/events.jsonl");
        let learn = LearnArgs {
            paths: vec![logs.clone()],
            model: ModelArgs {
                model: Some(model.clone()),
                name: "default".into(),
                db: DbArgs::default(),
            },
            sigma: None,
            window: 300,
        };
        // The fixture holds one broken line: learning works and reports it (exit 2).
        assert_eq!(run_learn(&learn).unwrap(), exit::INPUT_ERROR);
        assert!(Model::from_json(&std::fs::read_to_string(&model).unwrap()).is_ok());
        let out = dir.path().join("alerts.json");
        let args = RunArgs {
            paths: vec![logs],
            model: ModelArgs {
                model: Some(model),
                name: "default".into(),
                db: DbArgs::default(),
            },
            score: ScoreArgs::default(),
            out: OutputArgs {
                format: Format::Json,
                output: Some(out.clone()),
                min_severity: Severity::Medium,
                no_color: true,
            },
        };
        assert_eq!(run_run(&args).unwrap(), exit::INPUT_ERROR);
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
        assert_eq!(report["events"], 2);
        assert_eq!(
            report["alerts"].as_array().map(Vec::len),
            Some(0),
            "replaying the history raises nothing"
        );
    }
}
