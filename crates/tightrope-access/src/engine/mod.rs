//! The IAM policy engine: the documented AWS evaluation logic over compiled policies.
//!
//! Order (AWS "policy evaluation logic"):
//! 1. an explicit `Deny` in any applicable policy (identity, resource, boundary, session, SCP, RCP)
//!    denies;
//! 2. every level of SCPs (and of RCPs) must allow, else implicit deny;
//! 3. a resource-based policy allow decides for a principal of the resource's own account when it
//!    names a user (not limited by identity, boundary or session policies); when it names a role it
//!    stands in for the identity allow but boundaries and session policies still apply; across
//!    accounts both the resource policy and the identity policies must allow;
//! 4. otherwise an identity-based policy must allow;
//! 5. a permissions boundary, when set, must allow; session policies, when passed, must allow;
//! 6. else implicit deny.
//!
//! Every decision names the statement that decided it.

pub mod condition;
pub mod pattern;
pub mod policy;
pub mod request;

pub use policy::{Policy, Statement};
pub use request::{Context, PrincipalKind, Request, RequestPrincipal};

use serde::Serialize;
use tightrope_core::policy::Effect;

/// The outcome of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Allow,
    ExplicitDeny,
    ImplicitDeny,
}

/// The kind of policy a statement came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    Identity,
    Resource,
    Boundary,
    Session,
    Scp,
    Rcp,
}

impl PolicyKind {
    fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity policy",
            PolicyKind::Resource => "resource policy",
            PolicyKind::Boundary => "permissions boundary",
            PolicyKind::Session => "session policy",
            PolicyKind::Scp => "SCP",
            PolicyKind::Rcp => "RCP",
        }
    }
}

/// A statement that decided (or contributed to) a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementRef {
    pub kind: PolicyKind,
    pub policy: String,
    /// `statement `Sid`` or `statement #n`.
    pub statement: String,
}

impl std::fmt::Display for StatementRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {} `{}`",
            self.statement,
            self.kind.as_str(),
            self.policy
        )
    }
}

/// An evaluation result with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub outcome: Outcome,
    pub reason: String,
    /// The statement that decided: the deny, or the allow that granted.
    pub statement: Option<StatementRef>,
}

impl Decision {
    pub fn allowed(&self) -> bool {
        self.outcome == Outcome::Allow
    }

    fn implicit(reason: impl Into<String>) -> Decision {
        Decision {
            outcome: Outcome::ImplicitDeny,
            reason: reason.into(),
            statement: None,
        }
    }
}

/// Every policy that applies to one request.
#[derive(Debug, Clone, Default)]
pub struct PolicySet<'a> {
    /// Identity-based policies of the principal (inline, attached, and of its groups).
    pub identity: Vec<&'a Policy>,
    /// Resource-based policies of the target (bucket policy, role trust policy, key policy, ...).
    pub resource: Vec<&'a Policy>,
    /// The account owning the resource, when its ARN does not say (S3 buckets).
    pub resource_account: Option<String>,
    pub boundary: Option<&'a Policy>,
    /// Session policies passed when the role session was created; empty means none.
    pub session: Vec<&'a Policy>,
    /// SCPs per level of the organization (root, each OU, the account): each level must allow.
    pub scps: Vec<Vec<&'a Policy>>,
    /// RCPs per level, like SCPs.
    pub rcps: Vec<Vec<&'a Policy>>,
}

fn first_match<'p>(
    policies: &[&'p Policy],
    kind: PolicyKind,
    effect: Effect,
    req: &Request,
) -> Option<(StatementRef, &'p Statement)> {
    policies.iter().find_map(|p| {
        p.statements
            .iter()
            .find(|s| s.effect == effect && s.applies(req))
            .map(|s| {
                (
                    StatementRef {
                        kind,
                        policy: p.name.clone(),
                        statement: s.label(),
                    },
                    s,
                )
            })
    })
}

/// Evaluate one request against its policies.
pub fn evaluate(set: &PolicySet, req: &Request) -> Decision {
    // 1. explicit deny anywhere
    let mut groups: Vec<(PolicyKind, &[&Policy])> = vec![
        (PolicyKind::Identity, &set.identity),
        (PolicyKind::Resource, &set.resource),
        (PolicyKind::Session, &set.session),
    ];
    let boundary: Vec<&Policy> = set.boundary.into_iter().collect();
    groups.push((PolicyKind::Boundary, &boundary));
    for level in &set.scps {
        groups.push((PolicyKind::Scp, level));
    }
    for level in &set.rcps {
        groups.push((PolicyKind::Rcp, level));
    }
    for (kind, policies) in &groups {
        if let Some((at, _)) = first_match(policies, *kind, Effect::Deny, req) {
            return Decision {
                outcome: Outcome::ExplicitDeny,
                reason: format!("explicitly denied by {at}"),
                statement: Some(at),
            };
        }
    }
    // 2. organization guardrails
    for (kind, levels) in [(PolicyKind::Scp, &set.scps), (PolicyKind::Rcp, &set.rcps)] {
        for (i, level) in levels.iter().enumerate() {
            if first_match(level, kind, Effect::Allow, req).is_none() {
                return Decision::implicit(format!(
                    "no {} at level {} allows it",
                    kind.as_str(),
                    i + 1
                ));
            }
        }
    }
    let service_side = matches!(
        req.principal.kind,
        PrincipalKind::Service | PrincipalKind::Federated | PrincipalKind::Anonymous
    );
    // 3. resource-based policy
    let resource_allow = first_match(&set.resource, PolicyKind::Resource, Effect::Allow, req);
    let owner = set
        .resource_account
        .as_deref()
        .or_else(|| req.resource_account());
    let same_account = owner.is_none_or(|o| req.principal.account.as_deref() == Some(o));
    if service_side {
        return match resource_allow {
            Some((at, _)) => Decision {
                outcome: Outcome::Allow,
                reason: format!("allowed by {at}"),
                statement: Some(at),
            },
            None => Decision::implicit("no resource policy allows this principal"),
        };
    }
    let identity_allow = first_match(&set.identity, PolicyKind::Identity, Effect::Allow, req);
    let granted = match (&resource_allow, &identity_allow) {
        (Some((at, _)), _) if same_account && req.principal.kind != PrincipalKind::Role => {
            return Decision {
                outcome: Outcome::Allow,
                reason: format!("allowed by {at} (same account)"),
                statement: Some(at.clone()),
            };
        }
        (Some((at, _)), _) if same_account => at.clone(),
        (Some(_), Some((at, _))) => at.clone(),
        (Some(_), None) => {
            return Decision::implicit(
                "cross-account: the resource policy allows it but no identity policy does",
            );
        }
        (None, Some((at, _))) if same_account => at.clone(),
        (None, Some(_)) => {
            return Decision::implicit("cross-account: no resource policy allows it");
        }
        (None, None) => return Decision::implicit("no identity or resource policy allows it"),
    };
    // 5. boundary and session policies intersect
    if let Some(b) = set.boundary
        && first_match(&[b], PolicyKind::Boundary, Effect::Allow, req).is_none()
    {
        return Decision::implicit(format!(
            "the permissions boundary `{}` does not allow it",
            b.name
        ));
    }
    if !set.session.is_empty()
        && first_match(&set.session, PolicyKind::Session, Effect::Allow, req).is_none()
    {
        return Decision::implicit("no session policy allows it");
    }
    Decision {
        outcome: Outcome::Allow,
        reason: format!("allowed by {granted}"),
        statement: Some(granted),
    }
}
