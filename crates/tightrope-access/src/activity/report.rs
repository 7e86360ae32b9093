//! Per-principal least-privilege results: the generated policy, permissions granted but unused,
//! the diff against the current policies, and identities with no activity.

use super::{Usage, generate};
use crate::actiondb::ActionDb;
use crate::model::{Account, Kind, Principal};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;
use tightrope_core::policy::Effect;
use tightrope_core::{Finding, Reference, Severity, Step};

/// Least-privilege result for one principal seen in the logs.
#[derive(Debug, Clone, Serialize)]
pub struct PrincipalResult {
    pub arn: String,
    pub successful_calls: usize,
    pub failed_calls: u64,
    pub actions_used: BTreeSet<String>,
    pub generated_policy: Value,
    /// Actions the current policies grant that were never used (empty when the principal is not in
    /// the inputs).
    pub unused_actions: BTreeSet<String>,
    /// Number of actions the current policies grant (0 when unknown).
    pub granted_actions: usize,
    /// Used actions the identity policies do not grant (granted elsewhere: resource policies,
    /// another principal's session, or denied and logged as errors).
    pub used_not_granted: BTreeSet<String>,
    /// Unified-diff-like lines: `-` action granted and unused, `+` action and resources kept.
    pub diff: Vec<String>,
}

/// Every action an identity-based policy set grants, ignoring resources and conditions (which only
/// narrow a grant), minus actions denied outright on every resource.
pub fn granted_actions<'a>(p: &Principal, db: &'a ActionDb) -> BTreeSet<&'a str> {
    let statements: Vec<_> = p
        .policies
        .iter()
        .flat_map(|pol| pol.statements.iter())
        .collect();
    db.all()
        .filter(|a| {
            let allowed = statements
                .iter()
                .any(|s| s.effect == Effect::Allow && s.covers_action(&a.id));
            let denied = statements.iter().any(|s| {
                s.effect == Effect::Deny
                    && s.condition.is_none()
                    && !s.not_resource
                    && s.raw.resources.iter().any(|r| r == "*")
                    && s.covers_action(&a.id)
            });
            allowed && !denied
        })
        .map(|a| a.id.as_str())
        .collect()
}

fn matching_principal<'a>(account: &'a Account, arn: &str) -> Option<&'a Principal> {
    account.find(arn).or_else(|| {
        // IaC accounts carry a placeholder id: match by kind and name
        let (kind, name) = arn.rsplit_once(':')?.1.split_once('/')?;
        let name = name.rsplit('/').next()?;
        account
            .principals
            .iter()
            .find(|p| p.kind.as_str() == kind && p.name == name)
    })
}

/// Results for every principal in the logs, with the account's current policies when known.
pub fn analyze(usage: &Usage, account: &Account, db: &ActionDb) -> Vec<PrincipalResult> {
    usage
        .principals
        .iter()
        .map(|(arn, u)| {
            let used = usage.actions_used(arn, Some(db));
            let generated = generate::policy(&u.calls);
            let current = matching_principal(account, arn);
            let granted: BTreeSet<&str> =
                current.map(|p| granted_actions(p, db)).unwrap_or_default();
            let used_lower: BTreeSet<String> =
                used.iter().map(|a| a.to_ascii_lowercase()).collect();
            let unused: BTreeSet<String> = granted
                .iter()
                .filter(|a| !used_lower.contains(&a.to_ascii_lowercase()))
                .map(|a| a.to_string())
                .collect();
            let granted_lower: BTreeSet<String> =
                granted.iter().map(|a| a.to_ascii_lowercase()).collect();
            let used_not_granted: BTreeSet<String> = if current.is_some() {
                used.iter()
                    .filter(|a| !granted_lower.contains(&a.to_ascii_lowercase()))
                    .cloned()
                    .collect()
            } else {
                BTreeSet::new()
            };
            let mut diff: Vec<String> = unused.iter().map(|a| format!("- {a}")).collect();
            for s in generated["Statement"].as_array().into_iter().flatten() {
                diff.push(format!("+ {} on {}", s["Action"], s["Resource"]));
            }
            PrincipalResult {
                arn: arn.clone(),
                successful_calls: u.calls.len(),
                failed_calls: u.failed,
                actions_used: used,
                generated_policy: generated,
                granted_actions: granted.len(),
                unused_actions: unused,
                used_not_granted,
                diff,
            }
        })
        .collect()
}

fn finding(p: &Principal, rule: &str, title: &str, message: String, remediation: &str) -> Finding {
    Finding {
        rule_id: rule.into(),
        title: title.into(),
        severity: Severity::Low,
        step: Step::Access,
        ai: false,
        resource: p.resource.clone(),
        location: p.origin.clone(),
        attribute: None,
        message,
        evidence: None,
        remediation: remediation.into(),
        references: vec![Reference {
            name: "AWS IAM best practices: apply least-privilege permissions".into(),
            url: Some(
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html".into(),
            ),
        }],
        suppressed: None,
    }
}

/// TR-ACCESS-007 (granted but unused) and TR-ACCESS-008 (identity unused over the window).
pub fn findings(results: &[PrincipalResult], usage: &Usage, account: &Account) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in results {
        if let Some(p) = matching_principal(account, &r.arn)
            && !r.unused_actions.is_empty()
        {
            out.push(finding(p, "TR-ACCESS-007", "Permissions granted but unused",
                format!("{} `{}` used {} of {} granted actions over the window; {} were never used",
                    p.kind.as_str(), p.name, r.actions_used.len(), r.granted_actions, r.unused_actions.len()),
                "Replace its policies with the generated least-privilege policy (`tightrope access least-privilege -f json`)."));
        }
    }
    if usage.first.is_some() {
        for p in account.principals.iter().filter(|p| p.kind != Kind::Group) {
            let seen = results
                .iter()
                .any(|r| matching_principal(account, &r.arn).is_some_and(|m| std::ptr::eq(m, p)));
            if !seen {
                out.push(finding(
                    p,
                    "TR-ACCESS-008",
                    "Identity unused over the window",
                    format!("{} `{}` made no call in the logs", p.kind.as_str(), p.name),
                    "Remove the identity, or its credentials, if it is no longer needed.",
                ));
            }
        }
    }
    out
}
