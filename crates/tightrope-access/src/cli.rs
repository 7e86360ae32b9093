//! Command-line arguments and entry points, called by the `tightrope` binary.

use clap::Args;

/// Arguments of `tightrope access`.
#[derive(Args, Debug)]
pub struct AccessArgs {}

/// Run `tightrope access`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(_args: &AccessArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope access` is not implemented yet")
}

/// Arguments of `tightrope update iam`.
#[derive(Args, Debug)]
pub struct UpdateArgs {}

/// Run `tightrope update iam`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_update(_args: &UpdateArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope update iam` is not implemented yet")
}
