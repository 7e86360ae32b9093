//! Who am I, and the administrative actions: run a scan now, delete a baseline, read the audit
//! log. Every change is recorded in the audit log with the token name that made it.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::state::App;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{Value, json};
use tightrope_store::AuditEntry;

pub async fn me(Extension(caller): Extension<Caller>) -> Json<Value> {
    Json(json!({ "name": caller.name, "role": caller.role }))
}

async fn audit(app: &App, caller: &Caller, action: &str, target: String) -> Result<(), ApiError> {
    let entry = AuditEntry {
        at: crate::now(),
        actor: caller.name.clone(),
        action: action.to_string(),
        target,
        detail: String::new(),
    };
    app.pool.with(move |s| s.append_audit(&entry)).await
}

pub async fn run_scan(
    State(app): State<App>,
    Extension(caller): Extension<Caller>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_admin()?;
    let scanner = app.scanner.clone().ok_or_else(|| {
        ApiError::Conflict("the server has no --config, so there is nothing to scan".into())
    })?;
    if !scanner.try_start() {
        return Err(ApiError::Conflict("a scan is already running".into()));
    }
    audit(&app, &caller, "scan.run", scanner.config.display().to_string()).await?;
    tokio::spawn(crate::scan::run_claimed(app.clone(), scanner));
    Ok((StatusCode::ACCEPTED, Json(json!({ "started": true }))))
}

pub async fn delete_baseline(
    State(app): State<App>,
    Extension(caller): Extension<Caller>,
    Path(name): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    let n = name.clone();
    if !app.pool.with(move |s| s.delete_baseline(&n)).await? {
        return Err(ApiError::NotFound(format!("no baseline named `{name}`")));
    }
    audit(&app, &caller, "baseline.delete", name).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
pub struct AuditParams {
    pub limit: Option<u32>,
}

pub async fn audit_log(
    State(app): State<App>,
    Extension(caller): Extension<Caller>,
    Query(p): Query<AuditParams>,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let limit = p.limit.unwrap_or(100).clamp(1, 1000);
    let entries = app.pool.with(move |s| s.audit_log(limit)).await?;
    Ok(Json(json!({ "entries": entries })))
}
