//! Readiness per step and overall, step scores, and the blockers ordered by risk.
//!
//! | readiness | when (unsuppressed findings of the step) |
//! |---|---|
//! | `blocked` | any critical or high finding |
//! | `at risk` | any medium finding, or an input the step could not read (its result is incomplete) |
//! | `ready` | only low or informational findings, every input read |
//! | `not run` | the configuration gives the step no input (drill: no `[drill]` section) |
//!
//! Overall: `blocked` when any step is blocked or any attack path exists; else `at risk` when any
//! step is; else `ready` (steps not run do not count, they are listed).
//!
//! Score per step: `100 − 25·critical − 10·high − 3·medium − 1·low`, floored at 0.
//!
//! Risk of a blocker: severity weight (critical 10, high 7) + 2 when the finding concerns an AI
//! workload + 3 when its resource lies on an attack path; attack paths themselves rank first.

use crate::paths::AttackPath;
use crate::steps::StepRun;
use serde::Serialize;
use std::collections::BTreeSet;
use tightrope_core::{Finding, Severity, Step};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    NotRun,
    Ready,
    AtRisk,
    Blocked,
}

impl Readiness {
    pub fn as_str(self) -> &'static str {
        match self {
            Readiness::NotRun => "not run",
            Readiness::Ready => "ready",
            Readiness::AtRisk => "at risk",
            Readiness::Blocked => "blocked",
        }
    }
}

/// Counts of unsuppressed findings by severity: [critical, high, medium, low, info].
pub fn counts(findings: &[Finding]) -> [usize; 5] {
    let mut c = [0; 5];
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        c[match f.severity {
            Severity::Critical => 0,
            Severity::High => 1,
            Severity::Medium => 2,
            Severity::Low => 3,
            Severity::Info => 4,
        }] += 1;
    }
    c
}

pub fn readiness(run: &StepRun) -> Readiness {
    if run.not_run.is_some() {
        return Readiness::NotRun;
    }
    let c = counts(&run.findings);
    if c[0] + c[1] > 0 {
        Readiness::Blocked
    } else if c[2] > 0 || !run.errors.is_empty() {
        Readiness::AtRisk
    } else {
        Readiness::Ready
    }
}

pub fn score(run: &StepRun) -> Option<u32> {
    if run.not_run.is_some() {
        return None;
    }
    let c = counts(&run.findings);
    let penalty = 25 * c[0] + 10 * c[1] + 3 * c[2] + c[3];
    Some(100u32.saturating_sub(penalty.min(100) as u32))
}

/// The overall readiness.
pub fn overall(steps: &[StepRun], paths: &[AttackPath]) -> Readiness {
    let worst = steps
        .iter()
        .map(readiness)
        .max()
        .unwrap_or(Readiness::NotRun);
    if !paths.is_empty() {
        Readiness::Blocked
    } else {
        worst
    }
}

/// One thing to fix before scaling.
#[derive(Debug, Clone, Serialize)]
pub struct Blocker {
    pub risk: u32,
    pub step: Step,
    pub severity: Severity,
    pub rule_id: String,
    pub resource: String,
    pub message: String,
    pub fix: String,
    pub location: String,
}

fn weight(s: Severity) -> u32 {
    match s {
        Severity::Critical => 10,
        Severity::High => 7,
        Severity::Medium => 4,
        Severity::Low => 1,
        Severity::Info => 0,
    }
}

/// Attack paths, then every unsuppressed critical/high finding, highest risk first.
pub fn blockers(steps: &[StepRun], paths: &[AttackPath]) -> Vec<Blocker> {
    let on_path: BTreeSet<&str> = paths
        .iter()
        .flat_map(|p| p.hops.iter().map(|h| h.resource.address.as_str()))
        .collect();
    let mut out: Vec<Blocker> = paths
        .iter()
        .map(|p| {
            let f = p.to_finding();
            Blocker {
                risk: 20 + weight(p.severity),
                step: f.step,
                severity: p.severity,
                rule_id: f.rule_id,
                resource: p.render(),
                message: format!("{}: {}", p.id, p.title),
                fix: f.remediation,
                location: crate::report::location(&f.location),
            }
        })
        .collect();
    for run in steps {
        for f in run
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none() && f.severity >= Severity::High)
        {
            let risk = weight(f.severity)
                + if f.ai { 2 } else { 0 }
                + if on_path.contains(f.resource.address.as_str()) {
                    3
                } else {
                    0
                };
            out.push(Blocker {
                risk,
                step: run.step,
                severity: f.severity,
                rule_id: f.rule_id.clone(),
                resource: f.resource.address.clone(),
                message: f.message.clone(),
                fix: f.remediation.clone(),
                location: crate::report::location(&f.location),
            });
        }
    }
    out.sort_by(|a, b| {
        b.risk
            .cmp(&a.risk)
            .then(b.severity.cmp(&a.severity))
            .then(a.step.cmp(&b.step))
            .then(a.resource.cmp(&b.resource))
            .then(a.rule_id.cmp(&b.rule_id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tightrope_core::{Origin, ResourceRef};

    fn finding(sev: Severity) -> Finding {
        Finding {
            rule_id: "R".into(),
            title: "t".into(),
            severity: sev,
            step: Step::Audit,
            ai: false,
            resource: ResourceRef {
                address: "a.b".into(),
                kind: "a".into(),
            },
            location: Origin::Unknown,
            attribute: None,
            message: "m".into(),
            evidence: None,
            remediation: "r".into(),
            references: Vec::new(),
            suppressed: None,
        }
    }

    fn run(findings: Vec<Finding>, errors: usize) -> StepRun {
        StepRun {
            step: Step::Audit,
            not_run: None,
            summary: String::new(),
            findings,
            errors: (0..errors)
                .map(|_| tightrope_core::InputError {
                    path: "x".into(),
                    line: None,
                    message: "bad".into(),
                })
                .collect(),
            elapsed_ms: 0,
        }
    }

    #[test]
    fn thresholds() {
        assert_eq!(
            readiness(&run(vec![finding(Severity::Low)], 0)),
            Readiness::Ready
        );
        assert_eq!(
            readiness(&run(vec![finding(Severity::Medium)], 0)),
            Readiness::AtRisk
        );
        assert_eq!(
            readiness(&run(vec![finding(Severity::Low)], 1)),
            Readiness::AtRisk
        );
        assert_eq!(
            readiness(&run(vec![finding(Severity::High)], 0)),
            Readiness::Blocked
        );
        let mut suppressed = finding(Severity::Critical);
        suppressed.suppressed = Some(tightrope_core::Suppression {
            rule: "*".into(),
            reason: "ok".into(),
            origin: Origin::Unknown,
        });
        assert_eq!(readiness(&run(vec![suppressed], 0)), Readiness::Ready);
        assert_eq!(
            score(&run(
                vec![finding(Severity::Critical), finding(Severity::Medium)],
                0
            )),
            Some(72)
        );
        assert_eq!(
            score(&run((0..20).map(|_| finding(Severity::High)).collect(), 0)),
            Some(0)
        );
    }

    #[test]
    fn blockers_rank_ai_and_severity() {
        let mut ai = finding(Severity::High);
        ai.ai = true;
        ai.resource.address = "ai".into();
        let steps = vec![run(
            vec![
                finding(Severity::High),
                ai,
                finding(Severity::Critical),
                finding(Severity::Medium),
            ],
            0,
        )];
        let b = blockers(&steps, &[]);
        assert_eq!(b.len(), 3, "medium is not a blocker");
        assert_eq!(b[0].severity, Severity::Critical);
        assert_eq!(b[1].resource, "ai");
    }
}
