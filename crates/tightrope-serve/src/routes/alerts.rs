//! The alert queue: detections of the latest scan (step 4's findings) with their reasons and a
//! triage status that admins set (recorded in the audit log).

use crate::auth::Caller;
use crate::error::ApiError;
use crate::state::App;
use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use tightrope_store::{AlertStatus, AuditEntry, FindingQuery, Store, StoreError};

/// Triage states.
pub const STATUSES: [&str; 3] = ["open", "acknowledged", "resolved"];
/// Alerts listed per scan.
const MAX_ALERTS: u32 = 1000;

#[derive(Debug, Serialize)]
pub struct Alert {
    pub seq: i64,
    pub severity: String,
    pub title: String,
    /// The identity (principal) the alert is about.
    pub identity: String,
    pub principal_type: String,
    pub rule_id: String,
    pub ai: bool,
    /// The reasons, strongest first (the first item is the risk line).
    pub reasons: Vec<String>,
    /// Redacted evidence: event counts, times, networks, actions.
    pub evidence: Option<String>,
    pub status: String,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Queue {
    pub scan_id: Option<i64>,
    pub alerts: Vec<Alert>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    /// Only alerts in this triage state.
    pub status: Option<String>,
}

fn check_status(s: &str) -> Result<(), ApiError> {
    if STATUSES.contains(&s) {
        Ok(())
    } else {
        Err(ApiError::BadRequest(format!(
            "status `{s}`: expected one of {}",
            STATUSES.join(", ")
        )))
    }
}

/// The reasons of a detect finding's message (`risk ...; reason; reason`), split at the `; `
/// outside parentheses (reasons carry their statistics in parentheses, with `;` inside).
pub fn split_reasons(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in message.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                out.push(message[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(message[start..].trim().to_string());
    out.retain(|r| !r.is_empty());
    out
}

fn queue(store: &Store) -> Result<Queue, StoreError> {
    let Some(scan_id) = super::findings::latest_scan(store)? else {
        return Ok(Queue {
            scan_id: None,
            alerts: vec![],
        });
    };
    let page = store.query_findings(&FindingQuery {
        scan_id,
        step: Some("detect".into()),
        limit: MAX_ALERTS,
        ..Default::default()
    })?;
    let statuses = store.alert_statuses(scan_id)?;
    let alerts = page
        .findings
        .into_iter()
        .map(|hit| {
            let st = statuses.iter().find(|s| s.seq == hit.seq);
            let r = hit.row;
            Alert {
                seq: hit.seq,
                severity: r.severity,
                title: r.title,
                identity: r.resource,
                principal_type: r.kind,
                rule_id: r.rule_id,
                ai: r.ai,
                reasons: split_reasons(&r.message),
                evidence: r.evidence,
                status: st.map_or_else(|| "open".to_string(), |s| s.status.clone()),
                updated_at: st.map(|s| s.updated_at.clone()),
                updated_by: st.map(|s| s.actor.clone()),
            }
        })
        .collect();
    Ok(Queue {
        scan_id: Some(scan_id),
        alerts,
    })
}

pub async fn list(
    State(app): State<App>,
    Query(p): Query<ListParams>,
) -> Result<Json<Queue>, ApiError> {
    if let Some(s) = &p.status {
        check_status(s)?;
    }
    let mut q = app.pool.with(queue).await?;
    if let Some(s) = p.status {
        q.alerts.retain(|a| a.status == s);
    }
    Ok(Json(q))
}

pub async fn one(State(app): State<App>, Path(seq): Path<i64>) -> Result<Json<Alert>, ApiError> {
    let q = app.pool.with(queue).await?;
    q.alerts
        .into_iter()
        .find(|a| a.seq == seq)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no alert {seq} in the latest scan")))
}

#[derive(Debug, Deserialize)]
pub struct StatusBody {
    pub status: String,
}

pub async fn set_status(
    State(app): State<App>,
    Extension(caller): Extension<Caller>,
    Path(seq): Path<i64>,
    Json(body): Json<StatusBody>,
) -> Result<Json<Alert>, ApiError> {
    caller.require_admin()?;
    check_status(&body.status)?;
    let actor = caller.name.clone();
    let status = body.status.clone();
    let found = app
        .pool
        .with(move |store| {
            let q = queue(store)?;
            let (Some(scan_id), true) = (q.scan_id, q.alerts.iter().any(|a| a.seq == seq)) else {
                return Ok(None);
            };
            let at = crate::now();
            store.set_alert_status(&AlertStatus {
                scan_id,
                seq,
                status: status.clone(),
                updated_at: at.clone(),
                actor: actor.clone(),
            })?;
            store.append_audit(&AuditEntry {
                at,
                actor,
                action: "alert.status".into(),
                target: format!("scan {scan_id} alert {seq}"),
                detail: status,
            })?;
            Ok(queue(store)?.alerts.into_iter().find(|a| a.seq == seq))
        })
        .await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no alert {seq} in the latest scan")))
}

#[cfg(test)]
mod tests {
    use super::split_reasons;

    #[test]
    fn reasons_split_outside_parentheses() {
        assert_eq!(
            split_reasons("risk 83/100 (anomaly 1.00, context 0.72); first call (12 events; rate 0.1%); new network"),
            vec!["risk 83/100 (anomaly 1.00, context 0.72)", "first call (12 events; rate 0.1%)", "new network"]
        );
        assert_eq!(split_reasons(""), Vec::<String>::new());
    }
}
