//! Small helpers the rules share: wording that says whether a value is explicit or a default, and
//! the tests every "is it encrypted with a customer-managed key" rule needs.

use tightrope_core::state::kubernetes::{Container, Workload};
use tightrope_core::state::{Link, LinkAttr};
use tightrope_core::{Attr, Origin};

/// `what`, followed by " by default" when the value was left out and is the provider's default.
pub fn stated<T>(attr: &Attr<T>, what: &str) -> String {
    if attr.is_explicit() {
        what.to_string()
    } else {
        format!("{what} by default")
    }
}

/// The key is known not to be a customer-managed key: none is configured, or it names an
/// AWS-managed key alias (`alias/aws/...`). Unknown keys are never reported.
pub fn no_customer_key(key: &LinkAttr) -> bool {
    match key.get() {
        None => key.is_absent(),
        Some(Link::Literal(s)) => s.starts_with("alias/aws/") || s.contains(":alias/aws/"),
        Some(Link::Resource(_)) => false,
    }
}

/// A short description of a missing or AWS-managed key, for messages.
pub fn key_problem(key: &LinkAttr) -> &'static str {
    if key.get().is_some() {
        "uses an AWS-managed key"
    } else {
        "has no customer-managed KMS key"
    }
}

/// Every value of a list attribute is known (none is an unresolved expression).
pub fn all_known(items: &[Attr<String>]) -> bool {
    items.iter().all(|a| !a.is_unknown())
}

/// Why a Kubernetes container may run as root, and the attribute to point at.
pub struct RootReason {
    pub message: String,
    /// The attribute's origin, or the workload's when the attribute has none.
    pub origin: Origin,
    pub attribute: &'static str,
}

fn origin_or<T>(attr: &Attr<T>, fallback: &Origin) -> Origin {
    if attr.origin == Origin::Unknown {
        fallback.clone()
    } else {
        attr.origin.clone()
    }
}

/// The container may run as root: it asks for UID 0, or neither it nor its pod requires a
/// non-root user and it sets no non-root `runAsUser`. Unknown settings are never reported.
pub fn may_run_as_root(w: &Workload, c: &Container) -> Option<RootReason> {
    if c.run_as_user.is(&0) {
        let origin = origin_or(&c.run_as_user, &w.meta.origin);
        return Some(RootReason {
            message: format!("container `{}` runs as UID 0 (root)", c.name),
            origin,
            attribute: "securityContext.runAsUser",
        });
    }
    if c.run_as_user.is_unknown() || c.run_as_user.get().is_some() {
        return None;
    }
    let (non_root, attribute) = if c.run_as_non_root.is_absent() {
        (&w.run_as_non_root, "spec.securityContext.runAsNonRoot")
    } else {
        (&c.run_as_non_root, "securityContext.runAsNonRoot")
    };
    if non_root.is_unknown() || non_root.is(&true) {
        return None;
    }
    let how = if non_root.is_explicit() {
        "is false"
    } else {
        "is not set"
    };
    Some(RootReason {
        message: format!(
            "container `{}` may run as root: runAsNonRoot {how} and no non-root runAsUser is set",
            c.name
        ),
        origin: origin_or(non_root, &w.meta.origin),
        attribute,
    })
}

/// The container asks for a GPU or other accelerator.
pub fn uses_gpu(c: &Container) -> bool {
    c.limits_gpu
        .get()
        .is_some_and(|v| !v.trim().is_empty() && v.trim() != "0")
}
