//! `tightrope`: security preflight for AI workloads in the cloud.

mod audit_cmd;
mod cli;
mod rules_cmd;

use clap::Parser;
use std::process::ExitCode;

/// The exit-code contract for CI gates.
pub mod exit {
    /// No finding at or above the threshold, and every input was read.
    pub const CLEAN: u8 = 0;
    /// At least one unsuppressed finding at or above the threshold.
    pub const FINDINGS: u8 = 1;
    /// A usage error, or an input that could not be read (the rest was still scanned).
    pub const INPUT_ERROR: u8 = 2;
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_logging(cli.verbose, cli.quiet);
    let result = match cli.command {
        cli::Command::Audit(args) => audit_cmd::run(&args),
        cli::Command::Rules(args) => rules_cmd::run(&args),
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
