//! Findings new, resolved, or with a changed severity, matched by rule + resource + attribute
//! (never by line: moving a block is not a change). Suppressed findings do not count.

use serde::Serialize;
use std::collections::BTreeMap;
use tightrope_core::{Finding, Severity};

/// A finding present on both sides with another severity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeverityChange {
    pub old: Severity,
    /// The finding as it is now.
    pub finding: Finding,
}

/// How the findings moved.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FindingDelta {
    pub new: Vec<Finding>,
    pub resolved: Vec<Finding>,
    pub severity_changed: Vec<SeverityChange>,
}

impl FindingDelta {
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.resolved.is_empty() && self.severity_changed.is_empty()
    }
}

type Key<'a> = (&'a str, &'a str, &'a str);

fn key(f: &Finding) -> Key<'_> {
    (
        &f.rule_id,
        &f.resource.address,
        f.attribute.as_deref().unwrap_or(""),
    )
}

fn group(findings: &[Finding]) -> BTreeMap<Key<'_>, Vec<&Finding>> {
    let mut m: BTreeMap<Key, Vec<&Finding>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        m.entry(key(f)).or_default().push(f);
    }
    m
}

/// Compare the findings of two scans.
pub fn compare(old: &[Finding], new: &[Finding]) -> FindingDelta {
    let (go, gn) = (group(old), group(new));
    let mut d = FindingDelta::default();
    let keys: std::collections::BTreeSet<&Key> = go.keys().chain(gn.keys()).collect();
    for k in keys {
        let (o, n) = (
            go.get(k).map(Vec::as_slice).unwrap_or(&[]),
            gn.get(k).map(Vec::as_slice).unwrap_or(&[]),
        );
        for (a, b) in o.iter().zip(n) {
            if a.severity != b.severity {
                d.severity_changed.push(SeverityChange {
                    old: a.severity,
                    finding: (*b).clone(),
                });
            }
        }
        d.new.extend(n.iter().skip(o.len()).map(|f| (*f).clone()));
        d.resolved
            .extend(o.iter().skip(n.len()).map(|f| (*f).clone()));
    }
    let by_severity = |a: &Finding, b: &Finding| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| key(a).cmp(&key(b)))
    };
    d.new.sort_by(by_severity);
    d.resolved.sort_by(by_severity);
    d.severity_changed
        .sort_by(|a, b| by_severity(&a.finding, &b.finding));
    d
}
