//! Command-line arguments and entry points, called by the `tightrope` binary.

use clap::Args;

/// Arguments of `tightrope classify`.
#[derive(Args, Debug)]
pub struct ClassifyArgs {}

/// Run `tightrope classify`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(_args: &ClassifyArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope classify` is not implemented yet")
}
