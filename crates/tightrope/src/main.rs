//! `tightrope`: security preflight for AI workloads in the cloud.

mod audit_cmd;
mod aws_cmd;
mod cli;
mod inventory_cmd;
mod preflight_cmd;
mod rules_cmd;

use clap::Parser;
use std::process::ExitCode;

pub use tightrope_core::exit;

/// mimalloc: the drift comparison and IAM action expansion allocate many small values; with the
/// system allocator they ran about twice as long (BENCHMARKS.md, drift and access).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_logging(cli.verbose, cli.quiet);
    let result = match cli.command {
        cli::Command::Audit(args) => audit_cmd::run(&args),
        cli::Command::Rules(args) => rules_cmd::run(&args),
        cli::Command::Inventory(args) => inventory_cmd::run(&args),
        cli::Command::Access(args) => tightrope_access::cli::run(&args),
        cli::Command::Classify(args) => tightrope_classify::cli::run(&args),
        #[cfg(feature = "aws")]
        cli::Command::Detect(tightrope_detect::cli::DetectArgs {
            command: tightrope_detect::cli::DetectCommand::Serve(args),
        }) => tightrope_sqs::serve(&args),
        cli::Command::Detect(args) => tightrope_detect::cli::run(&args),
        cli::Command::Supply(args) => tightrope_supply::cli::run(&args),
        cli::Command::Reach(args) => tightrope_reach::cli::run(&args),
        cli::Command::Preflight(args) => preflight_cmd::run(&args),
        cli::Command::Drill(args) => tightrope_drill::cli::run(&args),
        cli::Command::Init(args) => preflight_cmd::run_init(&args),
        cli::Command::Baseline(args) => tightrope_drift::cli::run_baseline(&args),
        cli::Command::Drift(args) => tightrope_drift::cli::run_drift(&args),
        cli::Command::Snapshot(args) => tightrope_drift::cli::run_snapshot(&args),
        cli::Command::History(args) => tightrope_drift::cli::run_history(&args),
        cli::Command::Serve(args) => tightrope_serve::run(&args),
        cli::Command::Update { source } => match source {
            cli::UpdateSource::Iam(args) => tightrope_access::cli::run_update(&args),
            cli::UpdateSource::Osv(args) => tightrope_supply::cli::run_update(&args),
        },
        cli::Command::Collect { source } => match source {
            cli::CollectSource::Aws(args) => aws_cmd::run_collect(&args),
        },
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(exit::INPUT_ERROR)
        }
    }
}

/// Logs go to stderr; `RUST_LOG` overrides the level set by `-v` / `-q`.
fn init_logging(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
}
