//! Findings per principal: over-permissive grants (checked with the engine under an attacker's
//! context, so restricting conditions remove them) and escalation paths.
//!
//! | rule | what |
//! |---|---|
//! | TR-ACCESS-001 | administrator-equivalent permissions |
//! | TR-ACCESS-002 | privilege-escalation path to administrator access |
//! | TR-ACCESS-003 | escalation path into AI assets (SageMaker, Bedrock) |
//! | TR-ACCESS-004 | every action of an AI service (`sagemaker:*`, `bedrock:*`) on any resource |
//! | TR-ACCESS-005 | `iam:PassRole` on any role |
//! | TR-ACCESS-006 | data-exfiltration, credentials-exposure, resource-exposure or permissions-management actions on any resource |

use crate::actiondb::{AccessLevel, ActionDb};
use crate::escalation::{self, EscalationPath};
use crate::model::{Account, Kind, Principal};
use crate::probe::{can, can_unconditionally, probe_resource};
use crate::risk::Risk;
use tightrope_core::{Finding, Reference, Severity, Step};

const AI_SERVICES: &[&str] = &[
    "sagemaker",
    "bedrock",
    "bedrock-agentcore",
    "comprehend",
    "rekognition",
    "aoss",
];

#[allow(clippy::too_many_arguments)]
fn finding(
    p: &Principal,
    rule: &str,
    title: &str,
    severity: Severity,
    ai: bool,
    message: String,
    evidence: Option<String>,
    remediation: &str,
) -> Finding {
    Finding {
        rule_id: rule.to_string(),
        title: title.to_string(),
        severity,
        step: Step::Access,
        ai,
        resource: p.resource.clone(),
        location: p.origin.clone(),
        attribute: None,
        message,
        evidence,
        remediation: remediation.to_string(),
        references: vec![Reference {
            name: "AWS IAM policy evaluation logic".into(),
            url: Some("https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluationlogic.html".into()),
        }],
        suppressed: None,
    }
}

/// Over-permissive grants of one principal.
pub fn over_permissive(p: &Principal, account: &str, db: &ActionDb) -> Vec<Finding> {
    let mut out = Vec::new();
    let who = format!("{} `{}`", p.kind.as_str(), p.name);
    if let Some(by) = escalation::is_admin(p, account) {
        out.push(finding(p, "TR-ACCESS-001", "Administrator-equivalent permissions", Severity::Critical, false,
            format!("{who} may perform any action on any resource"), Some(by),
            "Grant only the actions and resources the workload uses (see `tightrope access least-privilege`)."));
        return out;
    }
    for svc in AI_SERVICES {
        let actions = db.expand(&format!("{svc}:*"));
        if actions.is_empty() {
            continue;
        }
        let probe = probe_resource(svc, account);
        if actions.iter().all(|a| can(p, &a.id, &probe, &[]).is_some()) {
            out.push(finding(p, "TR-ACCESS-004", "Every action of an AI service on any resource", Severity::High, true,
                format!("{who} may perform every `{svc}` action on any resource"), None,
                "List the AI actions the workload needs and scope them to its models, endpoints and buckets."));
        }
    }
    let any_role = probe_resource("iam", account);
    if let Some(d) = can(p, "iam:PassRole", &any_role, &[]) {
        // a condition on the request (iam:PassedToService, ...) narrows it: still any role, lower severity
        let (severity, scope) = if can_unconditionally(p, "iam:PassRole", &any_role) {
            (Severity::High, "to any service")
        } else {
            (
                Severity::Medium,
                "under request conditions (e.g. to one service)",
            )
        };
        out.push(finding(p, "TR-ACCESS-005", "iam:PassRole on any role", severity, false,
            format!("{who} may pass any role {scope}"), d.statement.map(|s| s.to_string()),
            "Restrict iam:PassRole to the role ARNs needed and add an `iam:PassedToService` condition."));
    }
    let mut by_risk: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    let services: std::collections::BTreeSet<String> = p
        .policies
        .iter()
        .flat_map(|pol| pol.statements.iter())
        .flat_map(|s| s.raw.actions.iter().chain(&s.raw.not_actions))
        .map(|a| a.split(':').next().unwrap_or("").to_ascii_lowercase())
        .collect();
    let candidates = db.all().filter(|a| {
        let svc = a.id.split(':').next().unwrap_or("");
        (services.contains(svc) || services.contains("*")) && a.id != "iam:PassRole"
    });
    for a in candidates {
        let classes: Vec<&str> = a
            .risks
            .iter()
            .filter(|r| {
                matches!(
                    r,
                    Risk::DataExfiltration | Risk::CredentialsExposure | Risk::ResourceExposure
                )
            })
            .map(|r| r.as_str())
            .chain(
                (a.access == AccessLevel::PermissionsManagement)
                    .then_some("permissions-management"),
            )
            .collect();
        if classes.is_empty() {
            continue;
        }
        let svc = a.id.split(':').next().unwrap_or("");
        if can(p, &a.id, &probe_resource(svc, account), &[]).is_some() {
            for c in classes {
                by_risk.entry(c).or_default().push(a.id.clone());
            }
        }
    }
    for (class, actions) in by_risk {
        let shown: Vec<&str> = actions.iter().take(8).map(String::as_str).collect();
        let more = actions.len().saturating_sub(shown.len());
        let ai = actions
            .iter()
            .any(|a| AI_SERVICES.iter().any(|s| a.starts_with(&format!("{s}:"))));
        out.push(finding(
            p,
            "TR-ACCESS-006",
            "High-risk actions on any resource",
            Severity::Medium,
            ai,
            format!(
                "{who} may perform {} {class} action(s) on any resource: {}{}",
                actions.len(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
            None,
            "Scope these actions to named resources, or add conditions that restrict them.",
        ));
    }
    out
}

/// Findings for escalation paths (one per principal and sink: the shortest).
pub fn path_findings(account: &Account, paths: &[EscalationPath]) -> Vec<Finding> {
    paths
        .iter()
        .filter_map(|path| {
            let p = account.find(&path.from)?;
            let steps: Vec<String> = path
                .hops
                .iter()
                .map(|h| format!("{}{}{}", h.explanation, h.granted_by.as_ref().map(|g| format!(" [{g}]")).unwrap_or_default(), if h.assumed { " (assumed)" } else { "" }))
                .collect();
            let (rule, title, severity, ai) = if path.to == "admin" {
                ("TR-ACCESS-002", "Privilege-escalation path to administrator access", Severity::Critical, false)
            } else {
                ("TR-ACCESS-003", "Escalation path into AI assets", Severity::High, true)
            };
            let severity = if path.hops.iter().any(|h| h.assumed) { Severity::High.min(severity) } else { severity };
            Some(finding(p, rule, title, severity, ai,
                format!("{} `{}` {} in {} step(s): {}", p.kind.as_str(), p.name, if ai { "can reach AI assets" } else { "can become administrator" }, path.hops.len(), path.render()),
                Some(steps.join(" → ")),
                "Remove the permission of the first hop, or scope it (resource ARNs, iam:PassedToService, trust policy principals)."))
        })
        .collect()
}

/// Everything `tightrope access` reports for an account.
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub paths: Vec<EscalationPath>,
}

/// Run every check over an account.
pub fn analyze(account: &Account, db: &ActionDb) -> Analysis {
    let mut findings: Vec<Finding> = account
        .principals
        .iter()
        .filter(|p| p.kind != Kind::Group || !p.policies.is_empty())
        .flat_map(|p| over_permissive(p, &account.id, db))
        .collect();
    let graph = escalation::build(account);
    let paths = escalation::paths(account, &graph);
    findings.extend(path_findings(account, &paths));
    Analysis { findings, paths }
}

/// Descriptors of every rule of this step, for SARIF `tool.driver.rules[]`.
pub fn rules() -> Vec<tightrope_report::RuleDescriptor> {
    let r = |id: &str, title: &str, severity: Severity, ai: bool, doc: &str, remediation: &str| {
        tightrope_report::RuleDescriptor {
        id: id.into(),
        title: title.into(),
        severity,
        step: Step::Access,
        ai,
        doc_markdown: doc.into(),
        remediation: remediation.into(),
        references: vec![Reference {
            name: "AWS IAM policy evaluation logic".into(),
            url: Some("https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluationlogic.html".into()),
        }],
        compliance: Vec::new(),
    }
    };
    vec![
        r(
            "TR-ACCESS-001",
            "Administrator-equivalent permissions",
            Severity::Critical,
            false,
            "The principal may perform any action on any resource, as evaluated by the policy engine.",
            "Grant only what the workload uses.",
        ),
        r(
            "TR-ACCESS-002",
            "Privilege-escalation path to administrator access",
            Severity::Critical,
            false,
            "A chain of known techniques (PassRole to compute, policy changes, credential creation, role assumption) leads from the principal to administrator access.",
            "Remove or scope the permission of the first hop.",
        ),
        r(
            "TR-ACCESS-003",
            "Escalation path into AI assets",
            Severity::High,
            true,
            "Through another principal, the principal reaches SageMaker or Bedrock assets (models, endpoints, notebooks, model artifacts) it cannot reach directly.",
            "Remove or scope the permission of the first hop.",
        ),
        r(
            "TR-ACCESS-004",
            "Every action of an AI service on any resource",
            Severity::High,
            true,
            "`sagemaker:*`, `bedrock:*` (or similar) on `*`.",
            "List the AI actions needed and scope them to named resources.",
        ),
        r(
            "TR-ACCESS-005",
            "iam:PassRole on any role",
            Severity::High,
            false,
            "The principal may pass any role to a service, the root of most escalation paths.",
            "Restrict to role ARNs and add iam:PassedToService.",
        ),
        r(
            "TR-ACCESS-006",
            "High-risk actions on any resource",
            Severity::Medium,
            false,
            "Data-exfiltration, credentials-exposure, resource-exposure or permissions-management actions allowed on any resource.",
            "Scope to named resources or add restricting conditions.",
        ),
        r(
            "TR-ACCESS-007",
            "Permissions granted but unused",
            Severity::Low,
            false,
            "Actions the identity policies grant that CloudTrail shows were never used over the window.",
            "Replace with the generated least-privilege policy.",
        ),
        r(
            "TR-ACCESS-008",
            "Identity unused over the window",
            Severity::Low,
            false,
            "The identity made no call in the CloudTrail logs given.",
            "Remove the identity or its credentials if no longer needed.",
        ),
    ]
}
