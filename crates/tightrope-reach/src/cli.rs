//! Command-line arguments and entry points, called by the `tightrope` binary.

use clap::Args;

/// Arguments of `tightrope reach`.
#[derive(Args, Debug)]
pub struct ReachArgs {}

/// Run `tightrope reach`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(_args: &ReachArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope reach` is not implemented yet")
}
