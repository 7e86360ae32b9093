//! Command-line arguments and entry points of `tightrope drill`, called by the `tightrope` binary.

use crate::background::{self, Size};
use crate::playbook::{ANOMALY_KINDS, Playbook, kind_name, parse};
use crate::report;
use crate::run::Options;
use crate::{builtin, drill, scenarios, tabletop};
use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use tightrope_core::{InputError, exit};
use tightrope_detect::sigma::SigmaSet;

const LONG_ABOUT: &str = "\
Each playbook (YAML, schema in docs/drill.md) names the scenario, its severity, the step-4
detections that trigger it (anomaly reason kinds of `tightrope detect`, SigmaHQ rule ids), the owner
and escalation, containment steps with the exact AWS CLI or console action and whether it is safe to
automate, evidence to preserve, verification before returning to production, and its MITRE ATLAS,
ATT&CK and OWASP LLM Top 10 mapping. Nine are built in.

`drill run` generates a benign CloudTrail background, learns the baseline on it, injects each
scenario's attack events (read by the same CloudTrail reader as real logs), runs the anomaly
detection and Sigma rules in-process and reports per scenario whether a detection bound to its
playbook fired, how long after the first attack event, and a coverage matrix. It exits 1 when a
scenario goes undetected, so CI can gate on it.

Examples:
  tightrope drill list
  tightrope drill run --all
  tightrope drill run --all --sigma ../shared/data/cloudtrail-sigma-aws-rules/rules --format html -o drill.html
  tightrope drill run llm-jacking --disable llm_jacking --disable new_ai_model --disable ai_burst
  tightrope drill validate playbooks/*.yaml
  tightrope drill tabletop llm-jacking --record exercise.md

Exit codes: 0 every scenario detected (or playbooks valid); 1 a scenario undetected; 2 usage error,
invalid playbook or unreadable input.";

/// Arguments of `tightrope drill`.
#[derive(Args, Debug)]
#[command(
    long_about = "Incident response for AI workloads: playbooks bound to detections, and drills that prove them.",
    after_long_help = LONG_ABOUT
)]
pub struct DrillArgs {
    #[command(subcommand)]
    pub command: DrillCommand,
}

/// The `drill` subcommands.
#[derive(Subcommand, Debug)]
pub enum DrillCommand {
    /// Inject scenarios into a generated background, run detection, report coverage.
    Run(RunArgs),
    /// List the playbooks (built-in and --playbooks).
    List(PlaybookArgs),
    /// Print one playbook.
    Show(ShowArgs),
    /// Check playbook files against the schema; errors are reported as file:line.
    Validate(ValidateArgs),
    /// Walk a team through a scenario in the terminal and save a Markdown record.
    Tabletop(tabletop::TabletopArgs),
}

/// Where playbooks come from.
#[derive(Args, Debug, Clone, Default)]
pub struct PlaybookArgs {
    /// Directory (or file) of playbook YAML files; a playbook with a built-in id replaces it.
    #[arg(long, value_name = "DIR")]
    pub playbooks: Option<PathBuf>,
}

/// Output formats of `drill run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Per-scenario table, coverage matrix and ATLAS tactics.
    Table,
    /// The full report as JSON.
    Json,
    /// A self-contained HTML page.
    Html,
}

/// Arguments of `tightrope drill run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Scenarios to run (playbook ids, see `drill list`).
    #[arg(value_name = "SCENARIO", required_unless_present = "all", conflicts_with = "all")]
    pub scenarios: Vec<String>,

    /// Run every scenario.
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub playbooks: PlaybookArgs,

    /// SigmaHQ CloudTrail rules (directory of .yml) to run with the anomaly detection.
    #[arg(long, value_name = "DIR")]
    pub sigma: Option<PathBuf>,

    /// Remove a detection's evidence from the alerts, to prove the gate: an anomaly kind
    /// (`llm_jacking`), `anomaly:<kind>`, `sigma:<rule id>` or a Sigma rule title. Repeatable.
    #[arg(long, value_name = "DETECTION", value_delimiter = ',')]
    pub disable: Vec<String>,

    /// Seed of the background and scenario generators (same seed, same events).
    #[arg(long, default_value_t = 7)]
    pub seed: u64,

    /// Days of benign history to learn the baseline from.
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(i64).range(1..=90))]
    pub history_days: i64,

    /// Expected benign events over history and the test day together.
    #[arg(long, default_value_t = 60_000, value_parser = clap::value_parser!(u64).range(1_000..=50_000_000))]
    pub events: u64,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write the generated CloudTrail (history, test day, one file per scenario) under DIR,
    /// for `tightrope detect` or another SIEM.
    #[arg(long, value_name = "DIR")]
    pub write_logs: Option<PathBuf>,
}

/// Arguments of `tightrope drill show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Playbook id.
    pub id: String,
    #[command(flatten)]
    pub playbooks: PlaybookArgs,
    /// Print as JSON instead of YAML.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `tightrope drill validate`.
#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Playbook files or directories.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// Run `tightrope drill`; returns the process exit code.
pub fn run(args: &DrillArgs) -> anyhow::Result<u8> {
    match &args.command {
        DrillCommand::Run(a) => run_run(a),
        DrillCommand::List(a) => run_list(a),
        DrillCommand::Show(a) => run_show(a),
        DrillCommand::Validate(a) => run_validate(a),
        DrillCommand::Tabletop(a) => tabletop::run(a),
    }
}

fn yaml_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    }
}

/// Parse playbook files; unreadable or invalid ones become errors, the rest are returned.
pub fn load_files(paths: &[PathBuf]) -> (Vec<Playbook>, Vec<InputError>) {
    let (mut ok, mut errors) = (Vec::new(), Vec::new());
    for p in paths {
        if !p.exists() {
            errors.push(InputError { path: p.display().to_string(), line: None, message: "no such file or directory (expected a playbook YAML file or a directory of them)".into() });
            continue;
        }
        for f in yaml_files(p) {
            let name = f.display().to_string();
            match std::fs::read_to_string(&f) {
                Err(e) => errors.push(InputError { path: name, line: None, message: format!("cannot read: {e}") }),
                Ok(text) => match parse(&name, &text) {
                    Ok(pb) => ok.push(pb),
                    Err(e) => errors.extend(e),
                },
            }
        }
    }
    (ok, errors)
}

/// Built-in playbooks, with those under `--playbooks` replacing or extending them.
pub fn load(args: &PlaybookArgs) -> (Vec<Playbook>, Vec<InputError>) {
    let (mut all, mut errors) = match builtin::playbooks() {
        Ok(p) => (p, Vec::new()),
        Err(e) => (Vec::new(), e),
    };
    if let Some(dir) = &args.playbooks {
        let (user, errs) = load_files(std::slice::from_ref(dir));
        errors.extend(errs);
        for p in user {
            match all.iter_mut().find(|x| x.id == p.id) {
                Some(slot) => *slot = p,
                None => all.push(p),
            }
        }
    }
    (all, errors)
}

fn report_errors(errors: &[InputError]) {
    for e in errors {
        eprintln!("error: {e}");
    }
}

/// Resolve a `--disable` value to a detection key.
fn disable_key(value: &str, sigma: Option<&SigmaSet>) -> Result<String, String> {
    let v = value.trim();
    if let Some(kind) = v.strip_prefix("anomaly:") {
        return disable_key(kind, None).map_err(|_| format!("--disable {v}: unknown anomaly kind"));
    }
    if v.starts_with("sigma:") {
        return Ok(v.to_string());
    }
    let kinds: Vec<String> = ANOMALY_KINDS.iter().map(|k| kind_name(*k)).collect();
    if kinds.iter().any(|k| k == v) {
        return Ok(format!("anomaly:{v}"));
    }
    if let Some(rule) = sigma.and_then(|s| {
        s.rules
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(v) || r.title.eq_ignore_ascii_case(v))
    }) {
        return Ok(format!("sigma:{}", rule.id));
    }
    Err(format!(
        "--disable {v}: expected an anomaly kind ({}), sigma:<rule id>, or the id or title of a loaded Sigma rule",
        kinds.join(", ")
    ))
}

fn write_output(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match path {
        Some(p) => std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn run_run(a: &RunArgs) -> anyhow::Result<u8> {
    let (playbooks, errors) = load(&a.playbooks);
    if !errors.is_empty() {
        report_errors(&errors);
        return Ok(exit::INPUT_ERROR);
    }
    let sigma = match &a.sigma {
        None => None,
        Some(dir) if !dir.exists() => {
            eprintln!("error: {}: no such directory (expected SigmaHQ rules, e.g. sigma/rules/cloud/aws)", dir.display());
            return Ok(exit::INPUT_ERROR);
        }
        Some(dir) => {
            let (set, unsupported) = SigmaSet::load(dir);
            if !unsupported.is_empty() {
                eprintln!("note: {} Sigma rule file(s) not loaded (see `tightrope detect sigma --list`)", unsupported.len());
            }
            Some(set)
        }
    };
    let mut disabled = Vec::new();
    for d in &a.disable {
        match disable_key(d, sigma.as_ref()) {
            Ok(k) => disabled.push(k),
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(exit::INPUT_ERROR);
            }
        }
    }
    let opts = Options {
        seed: a.seed,
        size: Size { history_days: a.history_days, test_days: 1, events: a.events as f64 },
        sigma: sigma.as_ref(),
        disabled,
        ..Options::default()
    };
    let selected = if a.all { Vec::new() } else { a.scenarios.clone() };
    let report = match drill(&playbooks, &selected, &opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(exit::INPUT_ERROR);
        }
    };
    if let Some(dir) = &a.write_logs {
        write_logs(dir, &opts, &report)?;
    }
    let text = match a.format {
        Format::Table => report::table(&report),
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Html => report::html(&report),
    };
    write_output(a.output.as_deref(), &text)?;
    if report.run.bad_records > 0 {
        eprintln!("error: {} generated records were rejected by the CloudTrail reader", report.run.bad_records);
        return Ok(exit::INPUT_ERROR);
    }
    Ok(if report.undetected.is_empty() { exit::CLEAN } else { exit::FINDINGS })
}

/// Write the background and each scenario as CloudTrail log files.
fn write_logs(dir: &Path, opts: &Options<'_>, report: &report::DrillReport) -> anyhow::Result<()> {
    let bg = background::generate(opts.seed, opts.size);
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let put = |name: &str, bytes: Vec<u8>| -> anyhow::Result<()> {
        let p = dir.join(name);
        std::fs::write(&p, bytes).with_context(|| format!("cannot write {}", p.display()))
    };
    put("history.json", background::log_file(&bg.history))?;
    put("test.json", background::log_file(&bg.test))?;
    for o in &report.scenarios {
        if let Some(s) = scenarios::get(&o.scenario) {
            let index = scenarios::ALL.iter().position(|x| x.id == s.id).unwrap_or(0);
            let events = scenarios::generate(s, &bg, opts.seed, index);
            put(&format!("scenario-{}.json", s.id), crate::run::attack_log(&events))?;
        }
    }
    eprintln!("CloudTrail written to {} (history.json, test.json, scenario-*.json)", dir.display());
    Ok(())
}

fn run_list(a: &PlaybookArgs) -> anyhow::Result<u8> {
    let (playbooks, errors) = load(a);
    report_errors(&errors);
    for p in &playbooks {
        println!(
            "{:<28} {:<8} {:<10} {:<9} {}\n{:<28} triggers: {}",
            p.id,
            p.severity.as_str(),
            p.case_study.as_deref().unwrap_or("-"),
            if scenarios::get(&p.id).is_some() { "scenario" } else { "no drill" },
            p.scenario,
            "",
            p.detections.iter().map(|d| d.label()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(if errors.is_empty() { exit::CLEAN } else { exit::INPUT_ERROR })
}

fn run_show(a: &ShowArgs) -> anyhow::Result<u8> {
    let (playbooks, errors) = load(&a.playbooks);
    report_errors(&errors);
    let Some(p) = playbooks.iter().find(|p| p.id == a.id) else {
        eprintln!(
            "error: no playbook `{}` (expected one of {})",
            a.id,
            playbooks.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
        );
        return Ok(exit::INPUT_ERROR);
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(p)?);
    } else {
        print!("{}", serde_norway::to_string(p)?);
    }
    Ok(exit::CLEAN)
}

fn run_validate(a: &ValidateArgs) -> anyhow::Result<u8> {
    let (ok, errors) = load_files(&a.paths);
    report_errors(&errors);
    for p in &ok {
        println!("ok: {} ({} detections, {} containment steps)", p.id, p.detections.len(), p.containment.len());
    }
    Ok(if errors.is_empty() { exit::CLEAN } else { exit::INPUT_ERROR })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser)]
    struct T {
        #[command(flatten)]
        drill: DrillArgs,
    }

    #[test]
    fn arguments_are_consistent() {
        T::command().debug_assert();
        assert!(T::try_parse_from(["drill", "run"]).is_err(), "a scenario or --all is required");
        assert!(T::try_parse_from(["drill", "run", "x", "--all"]).is_err());
        assert!(T::try_parse_from(["drill", "run", "--all", "--events", "10"]).is_err());
    }

    #[test]
    fn disable_values_resolve_to_keys() {
        assert_eq!(disable_key("llm_jacking", None).as_deref(), Ok("anomaly:llm_jacking"));
        assert_eq!(disable_key("anomaly:first_action", None).as_deref(), Ok("anomaly:first_action"));
        assert!(disable_key("anomaly:nope", None).is_err());
        assert!(disable_key("AWS Bedrock Guardrail Deleted", None).is_err(), "titles need loaded rules");
    }
}
