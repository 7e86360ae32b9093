//! Command-line arguments and entry points, called by the `tightrope` binary.

use clap::Args;

/// Arguments of `tightrope detect`.
#[derive(Args, Debug)]
pub struct DetectArgs {}

/// Run `tightrope detect`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(_args: &DetectArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope detect` is not implemented yet")
}
