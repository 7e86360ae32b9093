//! Read-only views of the latest scan: summary with readiness per step, scan history, baselines,
//! drift timeline, attack paths and the AI inventory.

use crate::error::ApiError;
use crate::scan::{DOC_KIND, DRIFT_KIND, DRIFT_LATEST, LATEST};
use crate::state::App;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

/// Timeline entries returned (the newest).
const TIMELINE_MAX: usize = 200;
/// Items of each list of the latest drift report returned.
const DRIFT_ITEMS_MAX: usize = 100;

async fn latest(app: &App) -> Result<Option<Value>, ApiError> {
    app.pool.with(|s| s.get_document(DOC_KIND, LATEST)).await
}

/// A field of the latest summary, or an empty list.
async fn latest_field(app: &App, field: &str) -> Result<Value, ApiError> {
    Ok(latest(app)
        .await?
        .and_then(|mut d| d.get_mut(field).map(Value::take))
        .unwrap_or_else(|| json!([])))
}

pub async fn summary(State(app): State<App>) -> Result<Json<Value>, ApiError> {
    let doc = latest(&app).await?;
    let scan = app.pool.with(|s| Ok(s.history(None)?.pop())).await?;
    let mut doc = doc.unwrap_or(Value::Null);
    // The lists have their own routes; the summary stays small.
    if let Some(o) = doc.as_object_mut() {
        let paths = o.get("attack_paths").and_then(Value::as_array).map_or(0, Vec::len);
        let assets = o.get("inventory").and_then(Value::as_array).map_or(0, Vec::len);
        o.remove("attack_paths");
        o.remove("inventory");
        o.insert("attack_path_count".into(), json!(paths));
        o.insert("ai_asset_count".into(), json!(assets));
    }
    Ok(Json(json!({
        "latest": doc,
        "scan": scan,
        "scanning": app.scanner.as_ref().is_some_and(|s| s.is_running()),
        "schedule_seconds": app.scanner.as_ref().and_then(|s| s.interval).map(|d| d.as_secs()),
    })))
}

pub async fn scans(State(app): State<App>) -> Result<Json<Value>, ApiError> {
    let scans = app.pool.with(|s| s.history(None)).await?;
    Ok(Json(json!({ "scans": scans })))
}

pub async fn baselines(State(app): State<App>) -> Result<Json<Value>, ApiError> {
    let list = app.pool.with(|s| s.list_baselines()).await?;
    Ok(Json(json!({ "baselines": list })))
}

fn first(v: Option<&Value>) -> Value {
    v.and_then(Value::as_array)
        .map(|a| Value::Array(a.iter().take(DRIFT_ITEMS_MAX).cloned().collect()))
        .unwrap_or_else(|| json!([]))
}

pub async fn drift(State(app): State<App>) -> Result<Json<Value>, ApiError> {
    let (timeline, report) = app
        .pool
        .with(|s| {
            let names = s.list_documents(DRIFT_KIND)?;
            let skip = names.len().saturating_sub(TIMELINE_MAX);
            let mut timeline = Vec::new();
            for d in names.iter().skip(skip) {
                if let Some(mut v) = s.get_document(DRIFT_KIND, &d.name)? {
                    if let Some(o) = v.as_object_mut() {
                        let id = d.name.trim_start_matches('0').parse::<i64>().unwrap_or(0);
                        o.insert("scan_id".into(), json!(id));
                    }
                    timeline.push(v);
                }
            }
            Ok((timeline, s.get_document(DOC_KIND, DRIFT_LATEST)?))
        })
        .await?;
    let latest = report.map(|r| {
        json!({
            "old": r.get("old"),
            "new": r.get("new"),
            "highest": r.get("highest"),
            "ai_exposure": first(r.get("ai_exposure")),
            "findings_new": first(r.pointer("/findings/new")),
            "findings_resolved": first(r.pointer("/findings/resolved")),
            "resources_added": first(r.get("resources_added")),
            "resources_removed": first(r.get("resources_removed")),
            "changes": first(r.get("changes")),
        })
    });
    Ok(Json(json!({ "timeline": timeline, "latest": latest })))
}

pub async fn attack_paths(State(app): State<App>) -> Result<Json<Value>, ApiError> {
    Ok(Json(json!({ "attack_paths": latest_field(&app, "attack_paths").await? })))
}

pub async fn inventory(State(app): State<App>) -> Result<Json<Value>, ApiError> {
    let doc = latest(&app).await?.unwrap_or(Value::Null);
    Ok(Json(json!({
        "assets": doc.get("inventory").cloned().unwrap_or_else(|| json!([])),
        "data": doc.get("data").cloned().unwrap_or_else(|| json!([])),
    })))
}
