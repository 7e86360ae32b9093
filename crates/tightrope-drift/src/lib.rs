//! Baselines and drift: snapshots of the typed cloud state, saved as named baselines and compared
//! with now.
//!
//! The library API (used by the CLI and, later, by `preflight`):
//!
//! * [`sources::load`] turns SOURCES (IaC paths, or one snapshot file) into a [`Snapshot`], running
//!   the posture audit on IaC;
//! * [`compare`] computes a [`DriftReport`] between two snapshots: resources added and removed,
//!   attribute-level changes (redacted where sensitive), findings new / resolved / with a changed
//!   severity, and newly exposed AI assets first;
//! * [`render`] prints a report as a table, JSON or SARIF (new findings only).
//!
//! The store (baselines, history) is `tightrope-store`.

pub mod cli;
pub mod diff;
pub mod findings;
pub mod normalize;
pub mod render;
pub mod report;
pub mod sensitive;
pub mod sources;
pub mod synthetic;

pub use report::{DriftReport, compare};
pub use tightrope_store::Snapshot;
