//! Command-line arguments and entry points, called by the `tightrope` binary.

use clap::Args;

/// Arguments of `tightrope baseline`.
#[derive(Args, Debug)]
pub struct BaselineArgs {}

/// Run `tightrope baseline`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_baseline(_args: &BaselineArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope baseline` is not implemented yet")
}

/// Arguments of `tightrope drift`.
#[derive(Args, Debug)]
pub struct DriftArgs {}

/// Run `tightrope drift`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_drift(_args: &DriftArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope drift` is not implemented yet")
}

/// Arguments of `tightrope snapshot`.
#[derive(Args, Debug)]
pub struct SnapshotArgs {}

/// Run `tightrope snapshot`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_snapshot(_args: &SnapshotArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope snapshot` is not implemented yet")
}

/// Arguments of `tightrope history`.
#[derive(Args, Debug)]
pub struct HistoryArgs {}

/// Run `tightrope history`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_history(_args: &HistoryArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`tightrope history` is not implemented yet")
}
