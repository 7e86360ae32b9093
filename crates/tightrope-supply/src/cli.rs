//! Command-line arguments and entry points, called by the `tightrope` binary.

use clap::Args;

/// Arguments of `tightrope supply`.
#[derive(Args, Debug)]
pub struct SupplyArgs {}

/// Run `tightrope supply`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(_args: &SupplyArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope supply` is not implemented yet")
}

/// Arguments of `tightrope update osv`.
#[derive(Args, Debug)]
pub struct UpdateArgs {}

/// Run `tightrope update osv`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_update(_args: &UpdateArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope update osv` is not implemented yet")
}
