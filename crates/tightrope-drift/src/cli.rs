//! Command-line arguments and entry points of `baseline`, `drift`, `snapshot` and `history`, called by
//! the `tightrope` binary. Analysis lives in the library modules; this layer parses, opens the
//! store, prints and maps outcomes to exit codes (`tightrope_core::exit`).

use crate::report::{Side, both, compare};
use crate::{render, sources};
use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use tightrope_core::{Severity, exit};
use tightrope_report::Format;
use tightrope_store::{DbArgs, Snapshot, is_snapshot_file};

/// Output formats of the listing commands.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

/// Arguments of `tightrope baseline`.
#[derive(Args, Debug)]
#[command(
    long_about = "Save, list, show or delete named baselines: snapshots of the environment (the full typed state \
        of a scan and its findings) kept in the tightrope database with a SHA-256 content hash, verified \
        whenever the baseline is loaded.\n\n\
        Example:\n  tightrope baseline save before-scale infra/\n  tightrope baseline list\n  \
        tightrope drift --baseline before-scale infra/"
)]
pub struct BaselineArgs {
    #[command(subcommand)]
    pub command: BaselineCommand,
    #[command(flatten)]
    pub db: DbArgs,
}

/// What `tightrope baseline` does.
#[derive(Subcommand, Debug)]
pub enum BaselineCommand {
    /// Scan SOURCES (IaC paths, or one snapshot file) and save the result as baseline NAME.
    Save(SaveArgs),
    /// List the saved baselines.
    List(ListArgs),
    /// Show one baseline (its hash is verified): sources, resource and finding counts, findings.
    Show(ShowArgs),
    /// Delete the name of a baseline (its scan stays in `tightrope history`).
    Delete(DeleteArgs),
}

/// Arguments of `tightrope baseline save`.
#[derive(Args, Debug)]
pub struct SaveArgs {
    /// Name of the baseline (e.g. `before-scale`, `prod-2026-q3`).
    pub name: String,
    /// IaC files or directories to scan, or one snapshot file written by `tightrope snapshot`.
    #[arg(default_value = ".")]
    pub sources: Vec<PathBuf>,
    /// Replace an existing baseline of this name (the old scan stays in the history).
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `tightrope baseline list`.
#[derive(Args, Debug)]
pub struct ListArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

/// Arguments of `tightrope baseline show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Name of the baseline.
    pub name: String,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Also write the baseline as a snapshot file (usable as a drift source anywhere).
    #[arg(long, value_name = "FILE")]
    pub export: Option<PathBuf>,
}

/// Arguments of `tightrope baseline delete`.
#[derive(Args, Debug)]
pub struct DeleteArgs {
    /// Name of the baseline.
    pub name: String,
}

/// Run `tightrope baseline`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_baseline(args: &BaselineArgs) -> anyhow::Result<u8> {
    let store = args.db.open()?;
    match &args.command {
        BaselineCommand::Save(a) => {
            let snap = sources::load(&a.sources)?;
            warn_errors(&snap);
            let info = store.save_baseline(&a.name, &snap, a.force)?;
            eprintln!(
                "saved baseline `{}`: {} resources, {} findings, sha256:{} ({})",
                info.name,
                info.scan.resources,
                info.scan.counts.total(),
                &info.sha256[..16.min(info.sha256.len())],
                store.path().display()
            );
            Ok(if snap.errors.is_empty() {
                exit::CLEAN
            } else {
                exit::INPUT_ERROR
            })
        }
        BaselineCommand::List(a) => {
            let list = store.list_baselines()?;
            let text = match a.format {
                ListFormat::Json => serde_json::to_string_pretty(&list)? + "\n",
                ListFormat::Table if list.is_empty() => {
                    "no baselines (save one with `tightrope baseline save NAME PATH`)\n".into()
                }
                ListFormat::Table => {
                    let mut s = format!(
                        "{:<24} {:<25} {:>9} {:>8}  {}\n",
                        "NAME", "SAVED", "RESOURCES", "FINDINGS", "SOURCES"
                    );
                    for b in &list {
                        s += &format!(
                            "{:<24} {:<25} {:>9} {:>8}  {}\n",
                            b.name,
                            b.saved_at,
                            b.scan.resources,
                            b.scan.counts.total(),
                            b.scan.sources.join(", ")
                        );
                    }
                    s
                }
            };
            emit(&text, None)?;
            Ok(exit::CLEAN)
        }
        BaselineCommand::Show(a) => {
            let (info, snap) = store.load_baseline(&a.name)?;
            if let Some(path) = &a.export {
                snap.write_file(path)?;
            }
            let text = match a.format {
                ListFormat::Json => {
                    serde_json::to_string_pretty(
                        &json!({ "baseline": info, "hash_verified": true, "errors": snap.errors, "findings": snap.findings }),
                    )? + "\n"
                }
                ListFormat::Table => {
                    let c = &info.scan.counts;
                    let mut s = format!(
                        "baseline `{}`\n  saved      {}\n  sources    {}\n  tool       tightrope {}\n  resources  {}\n  sha256     {} (verified)\n  findings   {} critical, {} high, {} medium, {} low, {} info\n  errors     {}\n",
                        info.name,
                        info.saved_at,
                        info.scan.sources.join(", "),
                        info.scan.tool_version,
                        info.scan.resources,
                        info.sha256,
                        c.critical,
                        c.high,
                        c.medium,
                        c.low,
                        c.info,
                        snap.errors.len()
                    );
                    for f in snap.findings.iter().filter(|f| f.suppressed.is_none()) {
                        s += &format!(
                            "  {:<8} {:<24} {}  {}\n",
                            f.severity.as_str().to_uppercase(),
                            f.rule_id,
                            f.resource.address,
                            f.title
                        );
                    }
                    s
                }
            };
            emit(&text, None)?;
            Ok(exit::CLEAN)
        }
        BaselineCommand::Delete(a) => {
            if store.delete_baseline(&a.name)? {
                eprintln!("deleted baseline `{}`", a.name);
                Ok(exit::CLEAN)
            } else {
                anyhow::bail!(
                    "no baseline named `{}` (see `tightrope baseline list`)",
                    a.name
                )
            }
        }
    }
}

/// Arguments of `tightrope drift`.
#[derive(Args, Debug)]
#[command(
    long_about = "Compare the environment now against a saved baseline, or compare two sources.\n\n\
        Reports resources added and removed, attribute-level changes with old and new values (redacted \
        where sensitive; origins and line numbers are ignored, so moving a block is not drift), findings \
        new / resolved / with a changed severity (matched by rule, resource and attribute), and newly \
        exposed AI assets first. Both sides are re-audited with the current rules.\n\n\
        A source is IaC files or directories (Terraform, plan/state JSON, CloudFormation, Kubernetes) or one \
        snapshot file from `tightrope snapshot`.\n\n\
        Examples:\n  tightrope drift --baseline before-scale infra/\n  tightrope drift old-plan.json new-plan.json\n  \
        tightrope drift monday.snap.json today.snap.json --format sarif -o drift.sarif\n\n\
        Drift severity: a new finding has its own severity; a raised severity its new one; anything else \
        (resolved findings, resources added or removed, configuration changes without a finding) is info."
)]
pub struct DriftArgs {
    /// Compare against this saved baseline; SOURCES are then what to scan now (default `.`).
    #[arg(short, long, value_name = "NAME")]
    pub baseline: Option<String>,
    /// With --baseline: the sources now. Without: exactly two, OLD and NEW.
    pub sources: Vec<PathBuf>,
    /// Output format (SARIF holds the new findings only).
    #[arg(short, long, default_value = "table", value_parser = parse_format, value_name = "table|json|sarif")]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when drift at or above this severity appears (`info`: any drift at all).
    #[arg(long, default_value = "high", value_parser = parse_severity, value_name = "info|low|medium|high|critical")]
    pub fail_on: Severity,
    /// With --baseline: do not record this scan in the history.
    #[arg(long)]
    pub no_record: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run `tightrope drift`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_drift(args: &DriftArgs) -> anyhow::Result<u8> {
    let report = match &args.baseline {
        Some(name) => {
            let store = args.db.open()?;
            let paths = if args.sources.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                args.sources.clone()
            };
            // Reading the sources and loading the baseline are independent: do both at once.
            let (new, loaded) = both(|| sources::load(&paths), || store.load_baseline(name));
            let ((info, mut old), mut new) = (loaded?, new?);
            let new_is_file = paths.len() == 1 && is_snapshot_file(&paths[0]);
            both(
                || refresh(&mut old),
                || {
                    if new_is_file {
                        refresh(&mut new);
                    }
                },
            );
            let old_side = Side::of(format!("baseline `{}`", info.name), &old);
            let new_side = Side::of(
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                &new,
            );
            // Recording this scan in the history and comparing only read `new`.
            let (report, recorded) = both(
                || compare(old_side, &old, new_side, &new),
                || match args.no_record {
                    true => Ok(()),
                    false => store.record_scan(&new, Some(name)).map(drop),
                },
            );
            recorded?;
            report
        }
        None => {
            let [old_path, new_path] = args.sources.as_slice() else {
                anyhow::bail!(
                    "give either --baseline NAME [SOURCES] or exactly two sources OLD NEW (got {})",
                    args.sources.len()
                );
            };
            let side = |p: &Path| -> anyhow::Result<(Side, Snapshot)> {
                let mut snap = sources::load(&[p.to_path_buf()])?;
                if is_snapshot_file(p) {
                    refresh(&mut snap);
                }
                Ok((Side::of(p.display().to_string(), &snap), snap))
            };
            let (old, new) = both(|| side(old_path), || side(new_path));
            let ((os, old), (ns, new)) = (old?, new?);
            compare(os, &old, ns, &new)
        }
    };
    for e in report.old.errors.iter().chain(&report.new.errors) {
        tracing::warn!("{e}");
    }
    emit(
        &render::render(args.format, &report),
        args.output.as_deref(),
    )?;
    Ok(if report.incomplete() {
        exit::INPUT_ERROR
    } else if report.fails(args.fail_on) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

/// Recompute the audit findings of a stored or file snapshot with the current rules.
fn refresh(snap: &mut Snapshot) {
    snap.findings = sources::current_findings(&snap.state, &snap.findings);
}

/// Arguments of `tightrope snapshot`.
#[derive(Args, Debug)]
#[command(
    long_about = "Write a snapshot file: the full typed cloud state scanned from SOURCES, with the audit \
        findings and input errors, versioned (`\"tightrope_snapshot\": 1`). Snapshot files are accepted \
        wherever SOURCES are (drift, baseline save), and the live collector writes the same format.\n\n\
        Example:\n  tightrope snapshot infra/ --out monday.snap.json"
)]
pub struct SnapshotArgs {
    /// IaC files or directories to scan.
    #[arg(default_value = ".")]
    pub sources: Vec<PathBuf>,
    /// Write the snapshot to FILE (standard output when absent).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Run `tightrope snapshot`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_snapshot(args: &SnapshotArgs) -> anyhow::Result<u8> {
    let snap = sources::load(&args.sources)?;
    warn_errors(&snap);
    match &args.out {
        Some(path) => {
            snap.write_file(path)?;
            eprintln!(
                "wrote {}: {} resources, {} findings, {} input errors",
                path.display(),
                snap.resources,
                snap.findings.len(),
                snap.errors.len()
            );
        }
        None => emit(&(serde_json::to_string_pretty(&snap)? + "\n"), None)?,
    }
    Ok(if snap.errors.is_empty() {
        exit::CLEAN
    } else {
        exit::INPUT_ERROR
    })
}

/// Arguments of `tightrope history`.
#[derive(Args, Debug)]
#[command(
    long_about = "Findings counts per recorded scan over time (baseline saves, and drift runs against a \
        baseline unless --no-record), oldest first.\n\nExample:\n  tightrope history --baseline before-scale --format json"
)]
pub struct HistoryArgs {
    /// Only scans saved as, or compared with, this baseline.
    #[arg(short, long, value_name = "NAME")]
    pub baseline: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run `tightrope history`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_history(args: &HistoryArgs) -> anyhow::Result<u8> {
    let store = args.db.open()?;
    let scans = store.history(args.baseline.as_deref())?;
    let text = match args.format {
        ListFormat::Json => serde_json::to_string_pretty(&scans)? + "\n",
        ListFormat::Table => {
            let mut s = format!(
                "{:>5} {:<25} {:<20} {:>9} {:>5} {:>5} {:>6} {:>5} {:>5} {:>6}  {}\n",
                "SCAN",
                "TIME",
                "BASELINE",
                "RESOURCES",
                "CRIT",
                "HIGH",
                "MEDIUM",
                "LOW",
                "INFO",
                "ERRORS",
                "SOURCES"
            );
            for x in &scans {
                let c = &x.counts;
                s += &format!(
                    "{:>5} {:<25} {:<20} {:>9} {:>5} {:>5} {:>6} {:>5} {:>5} {:>6}  {}\n",
                    x.id,
                    x.created_at,
                    x.label.as_deref().unwrap_or("-"),
                    x.resources,
                    c.critical,
                    c.high,
                    c.medium,
                    c.low,
                    c.info,
                    x.errors,
                    x.sources.join(", ")
                );
            }
            s
        }
    };
    emit(&text, args.output.as_deref())?;
    Ok(exit::CLEAN)
}

fn warn_errors(snap: &Snapshot) {
    for e in &snap.errors {
        tracing::warn!("{e}");
    }
}

fn emit(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser)]
    enum Cli {
        Baseline(BaselineArgs),
        Drift(DriftArgs),
        Snapshot(SnapshotArgs),
        History(HistoryArgs),
    }

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from([
            "t", "baseline", "save", "prod", "infra", "--db", "x.db", "--force",
        ])
        .unwrap();
        let Cli::Baseline(b) = cli else { panic!() };
        assert_eq!(b.db.db.as_deref(), Some(Path::new("x.db")));
        assert!(matches!(
            b.command,
            BaselineCommand::Save(SaveArgs { force: true, .. })
        ));
        let Cli::Drift(d) =
            Cli::try_parse_from(["t", "drift", "a", "b", "--fail-on", "info", "-f", "sarif"])
                .unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (d.fail_on, d.format, d.sources.len()),
            (Severity::Info, Format::Sarif, 2)
        );
    }
}
