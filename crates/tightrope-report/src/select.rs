//! What a report shows and in which order, the counts every summary uses, and the stable
//! fingerprint of a finding.

use crate::Report;
use sha2::{Digest, Sha256};
use std::cmp::{Ordering, Reverse};
use tightrope_core::{Finding, Origin, Severity};

/// The findings of a report split the way every renderer presents them.
pub(crate) struct Selection<'a> {
    /// Not suppressed, at or above the minimum severity, most severe first.
    pub shown: Vec<&'a Finding>,
    /// Suppressed, at or above the minimum severity, same order.
    pub suppressed: Vec<&'a Finding>,
    /// Findings (suppressed or not) below the minimum severity: counted, never listed.
    pub below_threshold: usize,
}

impl<'a> Selection<'a> {
    pub fn of(report: &Report<'a>) -> Self {
        let (kept, below): (Vec<&Finding>, Vec<&Finding>) =
            report.findings.iter().partition(|f| f.severity >= report.min_severity);
        let (mut suppressed, mut shown): (Vec<&Finding>, Vec<&Finding>) =
            kept.into_iter().partition(|f| f.suppressed.is_some());
        shown.sort_by(|a, b| order(a, b));
        suppressed.sort_by(|a, b| order(a, b));
        Selection { shown, suppressed, below_threshold: below.len() }
    }

    /// Shown findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.shown.iter().filter(|f| f.severity == severity).count()
    }
}

/// Deterministic order: most severe first, then by place (file, line), rule and resource.
pub(crate) fn order(a: &Finding, b: &Finding) -> Ordering {
    (Reverse(a.severity), place(&a.location), &a.rule_id, &a.resource.address, &a.attribute).cmp(&(
        Reverse(b.severity),
        place(&b.location),
        &b.rule_id,
        &b.resource.address,
        &b.attribute,
    ))
}

fn place(o: &Origin) -> (&str, u32) {
    match o {
        Origin::File { path, start_line, .. } => (path, *start_line),
        Origin::Api { arn, .. } => (arn, 0),
        Origin::Unknown => ("", 0),
    }
}

/// A short `place:line` label for a finding's location: the first line of a file range, or the
/// ARN and API field.
pub(crate) fn location_label(o: &Origin) -> String {
    match o {
        Origin::File { path, start_line, .. } => format!("{path}:{start_line}"),
        other => other.to_string(),
    }
}

/// A stable identity of a finding across runs: a hash of the rule id, the resource address and
/// the attribute (not of line numbers, which move when a file is edited). 32 hex digits.
pub fn fingerprint(f: &Finding) -> String {
    let mut h = Sha256::new();
    for part in [f.rule_id.as_str(), f.resource.address.as_str(), f.attribute.as_deref().unwrap_or("")] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}
