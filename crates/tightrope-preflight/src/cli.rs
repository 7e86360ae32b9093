//! Command-line arguments and entry points of `tightrope preflight` and `tightrope init`, called by
//! the `tightrope` binary.

use crate::config::Config;
use crate::report::{self, Format};
use crate::verdict::Readiness;
use anyhow::Context as _;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use tightrope_core::exit;

pub const LONG_ABOUT: &str = "\
Every step over one environment described in tightrope.toml (IaC, CloudTrail, datasets, lock files,
model files, zones and policies), with a readiness verdict per step and the blockers to fix before
scaling, ordered by risk, and the cross-step attack paths: internet exposure -> an identity the
exposed workload runs as -> data labelled confidential/restricted or a model artefact, each hop
explained and the cheapest cut named.

Readiness per step: blocked (a critical or high finding), at risk (a medium finding, or an input
that could not be read), ready (low or info only), not run (no input configured).

Examples:
  tightrope init                                       # write a starter tightrope.toml here
  tightrope preflight                                  # reads ./tightrope.toml
  tightrope preflight --config examples/tightrope.toml --format html -o preflight.html
  tightrope preflight --gate --report-dir reports/     # CI: every format into reports/, exit 1 when blocked

Exit codes: 0 the preflight ran (with --gate: and nothing is blocked); 1 with --gate, a step is
blocked or an attack path exists; 2 the configuration or an input could not be read (the rest is
still run and reported).";

/// Arguments of `tightrope preflight`.
#[derive(Args, Debug)]
#[command(long_about = LONG_ABOUT)]
pub struct PreflightArgs {
    /// The environment definition.
    #[arg(short, long, default_value = "tightrope.toml", value_name = "FILE")]
    pub config: PathBuf,
    /// Output format.
    #[arg(short, long, default_value = "table", value_parser = parse_format, value_name = "table|json|sarif|junit|asff|ocsf|html")]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write every format into DIR (preflight.json, .sarif, .junit.xml, .asff.json, .ocsf.json, .html).
    #[arg(long, value_name = "DIR")]
    pub report_dir: Option<PathBuf>,
    /// CI gate: exit 1 when any step is blocked or an attack path exists.
    #[arg(long)]
    pub gate: bool,
    /// AWS account id written into ASFF findings (IaC does not know it).
    #[arg(long, value_name = "ID", default_value = tightrope_access::model::PLACEHOLDER_ACCOUNT)]
    pub aws_account: String,
    /// AWS region written into ASFF findings.
    #[arg(long, value_name = "REGION", default_value = "us-east-1")]
    pub aws_region: String,
    /// Never colour the table.
    #[arg(long)]
    pub no_color: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn render(args: &PreflightArgs, format: Format, p: &crate::Preflight, color: bool) -> String {
    match format {
        Format::Asff => report::asff(
            p,
            &report::AsffTarget {
                account: args.aws_account.clone(),
                region: args.aws_region.clone(),
            },
        ),
        f => report::render(f, p, color),
    }
}

/// Run `tightrope preflight`; returns the exit code (see `tightrope_core::exit`).
pub fn run(args: &PreflightArgs) -> anyhow::Result<u8> {
    let cfg = Config::load(&args.config)?;
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(crate::STEPS.len() as u64 + 1)
    } else {
        indicatif::ProgressBar::hidden()
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} preflight [{bar:20}] {pos}/{len} {msg} ({elapsed})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let first = std::cell::Cell::new(true);
    let p = crate::run(&cfg, &|step| {
        if !first.replace(false) {
            bar.inc(1);
        }
        bar.set_message(step.to_string());
    });
    bar.finish_and_clear();
    let color = args.format == Format::Table
        && args.output.is_none()
        && !args.no_color
        && std::env::var_os("NO_COLOR").is_none()
        && std::io::stdout().is_terminal();
    let text = render(args, args.format, &p, color);
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    if let Some(dir) = &args.report_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for f in Format::ALL {
            let path = dir.join(f.file_name());
            std::fs::write(&path, render(args, f, &p, false))
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        // The SBOM of what the supply step read (its errors are the supply step's, reported above).
        if let Some(sbom) = crate::steps::sbom(&cfg) {
            let path = dir.join("preflight.cdx.json");
            std::fs::write(&path, serde_json::to_string_pretty(&sbom.bom)?)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        eprintln!("reports written to {}", dir.display());
    }
    let errors = p.errors();
    if args.format != Format::Table || args.output.is_some() {
        for e in &errors {
            eprintln!("error: {e}");
        }
    }
    Ok(if !errors.is_empty() {
        exit::INPUT_ERROR
    } else if args.gate && p.verdict == Readiness::Blocked {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

/// The long help of `tightrope init`.
pub const INIT_LONG_ABOUT: &str = "Write a commented starter tightrope.toml by looking at a directory: Terraform, CloudFormation \
and Kubernetes files, dependency manifests and lock files, model files, datasets and CloudTrail logs. Nothing is \
executed; files are recognised by name and their first bytes.\n\nExamples:\n  tightrope init\n  tightrope init my-project/ --stdout";

/// Arguments of `tightrope init`.
#[derive(Args, Debug)]
#[command(long_about = INIT_LONG_ABOUT)]
pub struct InitArgs {
    /// The directory to look at; the configuration is written there.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Print the configuration instead of writing DIR/tightrope.toml.
    #[arg(long)]
    pub stdout: bool,
    /// Replace an existing tightrope.toml.
    #[arg(long)]
    pub force: bool,
}

/// Run `tightrope init`; returns the exit code.
pub fn run_init(args: &InitArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(args.dir.is_dir(), "{}: not a directory", args.dir.display());
    let (text, found) = crate::init::starter(&args.dir);
    if args.stdout {
        print!("{text}");
        return Ok(exit::CLEAN);
    }
    let path = args.dir.join("tightrope.toml");
    anyhow::ensure!(
        !path.exists() || args.force,
        "{} exists; use --force to replace it or --stdout to print",
        path.display()
    );
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!(
        "wrote {}: {} IaC path(s), {} lock file(s), {} model dir(s), {} dataset(s), {} CloudTrail dir(s); review it, then run `tightrope preflight --config {}`",
        path.display(),
        found.iac.len(),
        found.lockfiles.len(),
        found.models.len(),
        found.datasets.len(),
        found.cloudtrail.len(),
        path.display()
    );
    Ok(exit::CLEAN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        a: PreflightArgs,
    }

    #[test]
    fn arguments_are_consistent_and_parse() {
        Cli::command().debug_assert();
        let c = Cli::try_parse_from(["t", "--config", "x.toml", "--format", "junit", "--gate"])
            .unwrap();
        assert_eq!(c.a.format, Format::Junit);
        assert!(c.a.gate);
        assert!(Cli::try_parse_from(["t", "--format", "xml"]).is_err());
    }
}
