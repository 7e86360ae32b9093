//! What the queue workers (`tightrope detect serve`) ingested: totals, the newest log objects and
//! their alerts, for the dashboard's alert view.

use crate::error::ApiError;
use crate::state::App;
use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize)]
pub struct IngestParams {
    pub limit: Option<u32>,
}

pub async fn summary(
    State(app): State<App>,
    Query(p): Query<IngestParams>,
) -> Result<Json<Value>, ApiError> {
    let limit = p.limit.unwrap_or(100).clamp(1, 1000);
    let (totals, objects, alerts) = app
        .pool
        .with(move |s| {
            Ok((
                s.ingestion_totals()?,
                s.ingested_objects(limit)?,
                s.ingested_alerts(limit)?,
            ))
        })
        .await?;
    Ok(Json(
        json!({ "totals": totals, "objects": objects, "alerts": alerts }),
    ))
}
