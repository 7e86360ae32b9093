//! `who-can ACTION RESOURCE`: every principal the engine allows to perform an action on a resource,
//! with the statement that grants it.

use crate::engine::Decision;
use crate::model::{Account, Kind};
use crate::probe::can;
use serde::Serialize;

/// One principal that can.
#[derive(Debug, Clone, Serialize)]
pub struct Grantee {
    pub arn: String,
    pub kind: &'static str,
    pub decision: Decision,
}

/// The users and roles allowed `action` on `resource` (conditions on keys the caller chooses are
/// assumed satisfiable; others are evaluated as absent).
pub fn who_can(account: &Account, action: &str, resource: &str) -> Vec<Grantee> {
    account
        .principals
        .iter()
        .filter(|p| p.kind != Kind::Group)
        .filter_map(|p| {
            can(p, action, resource, &[]).map(|decision| Grantee {
                arn: p.arn.clone(),
                kind: p.kind.as_str(),
                decision,
            })
        })
        .collect()
}
