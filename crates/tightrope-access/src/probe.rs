//! "Can this principal do X?" questions asked of the engine for what-if analyses (escalation,
//! over-permissive grants, who-can): an attacker's request context, and probe resources that no
//! narrowly scoped grant would match.

use crate::engine::{Context, Decision, Request, evaluate};
use crate::model::Principal;

/// Request keys the caller chooses freely: request tags, tag keys, the region, and the
/// service-specific request parameters (`s3:prefix`, `ec2:InstanceType`, ...). Principal,
/// network, session and time keys (`aws:SourceIp`, `aws:MultiFactorAuthPresent`,
/// `aws:PrincipalTag/...`) are not: conditions on them are evaluated as AWS would with the key
/// absent or set from the principal.
pub fn requester_controls(key: &str) -> bool {
    !key.starts_with("aws:")
        || key.starts_with("aws:requesttag/")
        || key == "aws:tagkeys"
        || key == "aws:requestedregion"
}

/// An attacker's request context: now, over TLS, no MFA, keys they choose left to them.
pub fn attacker_context(ctx: &mut Context) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    ctx.set("aws:CurrentTime", now.to_string())
        .set("aws:EpochTime", now.to_string())
        .set("aws:TokenIssueTime", now.to_string())
        .set("aws:SecureTransport", "true")
        .set("aws:ViaAWSService", "false");
    ctx.requester_controls = Some(requester_controls);
}

/// A resource ARN of `service` that no narrowly scoped grant names.
pub fn probe_resource(service: &str, account: &str) -> String {
    match service {
        "s3" => "arn:aws:s3:::tightrope-probe/object".to_string(),
        "iam" => format!("arn:aws:iam::{account}:role/tightrope-probe"),
        _ => format!("arn:aws:{service}:us-east-1:{account}:tightrope-probe/x"),
    }
}

/// The decision for `principal` doing `action` on `resource` with an attacker's context plus
/// `extra` keys; `Some` only when allowed.
pub fn can(
    principal: &Principal,
    action: &str,
    resource: &str,
    extra: &[(&str, &str)],
) -> Option<Decision> {
    let mut req = Request::new(principal.request_principal(), action, resource);
    attacker_context(&mut req.context);
    for (k, v) in extra {
        req.context.set(k, *v);
    }
    let d = evaluate(&principal.policy_set(), &req);
    d.allowed().then_some(d)
}

/// Allowed even when the caller sends no request parameters at all: the grant does not depend on
/// conditions the caller would have to satisfy (such as `iam:PassedToService` or `aws:RequestTag`).
pub fn can_unconditionally(principal: &Principal, action: &str, resource: &str) -> bool {
    let mut req = Request::new(principal.request_principal(), action, resource);
    attacker_context(&mut req.context);
    req.context.requester_controls = None;
    evaluate(&principal.policy_set(), &req).allowed()
}
