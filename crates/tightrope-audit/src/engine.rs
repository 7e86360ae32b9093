//! Running the rules over a state: rule selection, severity threshold, suppressions.

use crate::rule::Findings;
use crate::rules;
use tightrope_core::{CloudState, Finding, NotEvaluated, Severity, Suppression};

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
    /// Rules that ran on incomplete inputs (a service not collected): their silence is no pass.
    pub not_evaluated: Vec<NotEvaluated>,
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
        if let Some(gap) = not_evaluated(rule.meta(), state) {
            out.not_evaluated.push(gap);
        }
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

/// The rule's provider and service have a collection gap in `state`.
fn not_evaluated(meta: &crate::rule::RuleMeta, state: &CloudState) -> Option<NotEvaluated> {
    let reasons: Vec<String> =
        state.not_collected.iter().filter(|g| g.affects(meta.provider, meta.service)).map(ToString::to_string).collect();
    (!reasons.is_empty()).then(|| NotEvaluated { rule_id: meta.id.to_string(), title: meta.title.to_string(), reasons })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tightrope_core::NotCollected;

    #[test]
    fn rules_of_a_service_not_collected_are_not_evaluated() {
        let mut state = CloudState::default();
        assert!(audit(&state, &AuditOptions::default()).not_evaluated.is_empty(), "a complete state has no gaps");
        state.not_collected.push(NotCollected::new("aws", "s3", Some("us-east-1"), "ListBuckets: AccessDenied"));
        let out = audit(&state, &AuditOptions::default());
        let s3_rules = crate::rules::all().iter().filter(|r| r.meta().provider == "aws" && r.meta().service == "s3").count();
        assert!(s3_rules > 0);
        assert_eq!(out.not_evaluated.len(), s3_rules);
        assert!(out.not_evaluated.iter().all(|n| n.rule_id.starts_with("TR-AWS-S3-")), "{:?}", out.not_evaluated);
        assert!(out.not_evaluated[0].reasons[0].contains("AccessDenied"));
        let only_iam = AuditOptions { only: vec!["TR-AWS-IAM-001".into()], ..Default::default() };
        assert!(audit(&state, &only_iam).not_evaluated.is_empty(), "unselected rules are not reported");
    }
}
