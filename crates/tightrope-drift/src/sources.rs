//! SOURCES → [`Snapshot`]: IaC paths are scanned and audited; a snapshot file is read as it is.
//! Snapshot files are recognised by content (see [`tightrope_store::is_snapshot_file`]), so they
//! are accepted wherever SOURCES are.

use anyhow::Context;
use std::path::PathBuf;
use tightrope_audit::{AuditOptions, audit};
use tightrope_core::{CloudState, Finding, Step};
use tightrope_store::{Snapshot, is_snapshot_file};

/// Read SOURCES: exactly one snapshot file, or IaC files and directories (scanned and audited).
/// Unreadable IaC files are recorded in [`Snapshot::errors`]; an unreadable snapshot is an error.
pub fn load(paths: &[PathBuf]) -> anyhow::Result<Snapshot> {
    let snapshots: Vec<&PathBuf> = paths.iter().filter(|p| is_snapshot_file(p)).collect();
    match (snapshots.as_slice(), paths.len()) {
        ([], _) => Ok(scan(paths)),
        ([one], 1) => {
            let snap = Snapshot::read_file(one)
                .with_context(|| format!("cannot read snapshot {}", one.display()))?;
            tracing::info!(path = %one.display(), created = %snap.created, "snapshot read");
            Ok(snap)
        }
        _ => anyhow::bail!(
            "a snapshot file must be the only source (got {} sources, {} of them snapshots)",
            paths.len(),
            snapshots.len()
        ),
    }
}

/// Scan IaC `paths` and run the posture audit: a snapshot taken now.
pub fn scan(paths: &[PathBuf]) -> Snapshot {
    let started = std::time::Instant::now();
    let scan = tightrope_ingest::scan(paths);
    let findings = audit(&scan.state, &AuditOptions::default()).findings;
    tracing::info!(
        files = scan.files.len(),
        resources = scan.resources,
        findings = findings.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "scan done"
    );
    let sources = paths.iter().map(|p| p.display().to_string()).collect();
    Snapshot::new(sources, scan.resources, scan.state, findings, scan.errors)
}

/// The findings of `state` under the current rules, plus the findings of other steps that `kept`
/// carries (those are not recomputable from the state alone). Drift uses this on both sides, so a
/// rule added to tightrope since the baseline was saved is not mistaken for drift.
pub fn current_findings(state: &CloudState, kept: &[Finding]) -> Vec<Finding> {
    let mut findings = audit(state, &AuditOptions::default()).findings;
    findings.extend(kept.iter().filter(|f| f.step != Step::Audit).cloned());
    findings
}
