//! [`DriftReport`]: everything that changed between two snapshots, and [`compare`] that builds it.
//!
//! Severity of drift (what `--fail-on` compares with): a new finding has its own severity; a
//! finding whose severity rose has its new severity; everything else (a resolved finding, a lowered
//! severity, an added or removed resource, a configuration change that causes no finding) is
//! `info`. So `--fail-on info` fails on any drift at all, and the default `high` fails only when
//! something at least high became exposed.

use crate::diff::{Change, diff};
use crate::findings::{FindingDelta, compare as compare_findings};
use crate::normalize::{Resource, resources};
use crate::sensitive::display;
use serde::Serialize;
use std::collections::BTreeSet;
use tightrope_core::{Finding, InputError, Severity};
use tightrope_store::Snapshot;

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// `baseline prod`, a path, or `snapshot snap.json`.
    pub label: String,
    pub created: String,
    pub sources: Vec<String>,
    pub resources: usize,
    /// Inputs that could not be read: the comparison may be incomplete.
    pub errors: Vec<InputError>,
}

impl Side {
    pub fn of(label: impl Into<String>, snap: &Snapshot) -> Self {
        Side {
            label: label.into(),
            created: snap.created.clone(),
            sources: snap.sources.clone(),
            resources: snap.resources,
            errors: snap.errors.clone(),
        }
    }
}

/// A resource that appeared or disappeared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceSummary {
    pub address: String,
    pub kind: String,
    pub ai: bool,
}

/// One changed setting, values already redacted where sensitive. `None` is "absent".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttrChange {
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The changed settings of one resource present on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceChanges {
    pub address: String,
    pub kind: String,
    pub ai: bool,
    pub changes: Vec<AttrChange>,
}

/// An AI asset that is newly exposed: a new (or more severe) finding on an AI resource or from an
/// AI rule, or an AI resource that appeared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AiExposure {
    pub severity: Severity,
    pub address: String,
    pub kind: String,
    /// The rule, when a finding is the reason.
    pub rule_id: Option<String>,
    pub reason: String,
}

/// Everything that drifted. Field order is the order of importance (JSON keeps it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriftReport {
    pub old: Side,
    pub new: Side,
    /// The worst drift severity, `None` when nothing changed.
    pub highest: Option<Severity>,
    pub ai_exposure: Vec<AiExposure>,
    pub findings: FindingDelta,
    pub resources_added: Vec<ResourceSummary>,
    pub resources_removed: Vec<ResourceSummary>,
    pub changes: Vec<ResourceChanges>,
}

impl DriftReport {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.highest.is_none()
    }

    /// Drift at or above `threshold` appeared.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.highest.is_some_and(|h| h >= threshold)
    }

    /// Input errors on either side.
    pub fn incomplete(&self) -> bool {
        !self.old.errors.is_empty() || !self.new.errors.is_empty()
    }
}

fn summary(r: &Resource) -> ResourceSummary {
    ResourceSummary {
        address: r.address.clone(),
        kind: r.kind.clone(),
        ai: r.ai,
    }
}

fn attr_change(c: Change) -> AttrChange {
    let show = |v: Option<serde_json::Value>| v.map(|v| display(&c.path, &v));
    AttrChange {
        old: show(c.old.clone()),
        new: show(c.new.clone()),
        path: c.path,
    }
}

/// Compare two snapshots with the findings they carry (see [`crate::sources::current_findings`]
/// to recompute them with the current rules first).
pub fn compare(old_side: Side, old: &Snapshot, new_side: Side, new: &Snapshot) -> DriftReport {
    let (ro, rn) = both(|| resources(&old.state), || resources(&new.state));
    let keys: BTreeSet<&String> = ro.keys().chain(rn.keys()).collect();
    let (mut added, mut removed, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    for k in keys {
        match (ro.get(k), rn.get(k)) {
            (None, Some(r)) => added.push(summary(r)),
            (Some(r), None) => removed.push(summary(r)),
            (Some(a), Some(b)) => {
                let c: Vec<AttrChange> = diff(&a.body, &b.body)
                    .into_iter()
                    .map(attr_change)
                    .collect();
                if !c.is_empty() {
                    changes.push(ResourceChanges {
                        address: b.address.clone(),
                        kind: b.kind.clone(),
                        ai: a.ai || b.ai,
                        changes: c,
                    });
                }
            }
            (None, None) => {}
        }
    }
    let findings = compare_findings(&old.findings, &new.findings);
    let ai_addresses: BTreeSet<&str> = rn
        .values()
        .chain(ro.values())
        .filter(|r| r.ai)
        .map(|r| r.address.as_str())
        .collect();
    let is_ai_resource = |address: &str| ai_addresses.contains(address);
    let exposure = |f: &Finding, reason: String| AiExposure {
        severity: f.severity,
        address: f.resource.address.clone(),
        kind: f.resource.kind.clone(),
        rule_id: Some(f.rule_id.clone()),
        reason,
    };
    let mut ai_exposure: Vec<AiExposure> = findings
        .new
        .iter()
        .filter(|f| f.ai || is_ai_resource(&f.resource.address))
        .map(|f| exposure(f, f.title.clone()))
        .chain(
            findings
                .severity_changed
                .iter()
                .filter(|c| {
                    c.finding.severity > c.old
                        && (c.finding.ai || is_ai_resource(&c.finding.resource.address))
                })
                .map(|c| {
                    exposure(
                        &c.finding,
                        format!(
                            "{} (was {}, now {})",
                            c.finding.title, c.old, c.finding.severity
                        ),
                    )
                }),
        )
        .collect();
    ai_exposure.extend(added.iter().filter(|r| r.ai).map(|r| AiExposure {
        severity: Severity::Info,
        address: r.address.clone(),
        kind: r.kind.clone(),
        rule_id: None,
        reason: "new AI resource".into(),
    }));
    ai_exposure.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.address.cmp(&b.address))
    });

    let highest = findings
        .new
        .iter()
        .map(|f| f.severity)
        .chain(findings.severity_changed.iter().map(|c| {
            if c.finding.severity > c.old {
                c.finding.severity
            } else {
                Severity::Info
            }
        }))
        .chain(
            (!findings.resolved.is_empty()
                || !added.is_empty()
                || !removed.is_empty()
                || !changes.is_empty())
            .then_some(Severity::Info),
        )
        .max();
    DriftReport {
        old: old_side,
        new: new_side,
        highest,
        ai_exposure,
        findings,
        resources_added: added,
        resources_removed: removed,
        changes,
    }
}

/// Run `a` on another thread and `b` on this one; a panic in either is resumed here.
pub(crate) fn both<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|s| {
        let a = s.spawn(a);
        let b = b();
        (a.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), b)
    })
}
