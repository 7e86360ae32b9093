//! Running the rules over a state: rule selection, severity threshold, suppressions.

use crate::rule::Findings;
use crate::rules;
use tightrope_core::{Finding, Severity, Suppression, CloudState};

/// Which rules run and which findings count.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    /// Run only these rule ids (all when empty).
    pub only: Vec<String>,
    /// Never run these rule ids.
    pub skip: Vec<String>,
    /// Suppressions from a file, applied by rule id and resource address.
    pub file_suppressions: Vec<(String, Suppression)>,
}

/// The findings of an audit, suppressed ones included (flagged), sorted by severity then location.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub rules_run: usize,
}

impl Outcome {
    /// Unsuppressed findings at or above `min`.
    pub fn active(&self, min: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.suppressed.is_none() && f.severity >= min)
    }
}

impl AuditOptions {
    /// The rule with this id runs under these options.
    pub fn selects(&self, id: &str) -> bool {
        let eq = |x: &String| x.eq_ignore_ascii_case(id);
        (self.only.is_empty() || self.only.iter().any(eq)) && !self.skip.iter().any(eq)
    }
}

/// Run every selected rule over `state`.
pub fn audit(state: &CloudState, opts: &AuditOptions) -> Outcome {
    let mut out = Outcome::default();
    for rule in rules::all() {
        if !opts.selects(rule.meta().id) {
            continue;
        }
        out.rules_run += 1;
        let mut f = Findings::new(rule.meta());
        rule.check(state, &mut f);
        out.findings.append(&mut f.items);
    }
    for f in &mut out.findings {
        if f.suppressed.is_none() {
            f.suppressed = opts
                .file_suppressions
                .iter()
                .find(|(address, s)| s.matches(&f.rule_id) && (address == "*" || *address == f.resource.address))
                .map(|(_, s)| s.clone());
        }
    }
    out.findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.location.path().cmp(&b.location.path()))
            .then_with(|| a.location.lines().cmp(&b.location.lines()))
            .then_with(|| a.rule_id.cmp(&b.rule_id))
    });
    out
}
