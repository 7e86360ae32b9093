//! `GET /api/findings`: one page of a scan's findings, filtered and sorted by the database.

use crate::error::ApiError;
use crate::state::App;
use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use tightrope_store::{FindingPage, FindingQuery, FindingSort, Store, StoreError};

const SEVERITIES: [&str; 5] = ["critical", "high", "medium", "low", "info"];
const STEPS: [&str; 7] = [
    "audit", "access", "classify", "detect", "supply", "reach", "drill",
];

/// Query parameters (all optional).
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// Scan id; default the latest scan.
    pub scan: Option<i64>,
    /// Comma-separated severities.
    pub severity: Option<String>,
    pub step: Option<String>,
    /// Rule id prefix.
    pub rule: Option<String>,
    /// Substring of resource, rule id or title.
    pub q: Option<String>,
    pub ai: Option<bool>,
    pub suppressed: Option<bool>,
    /// severity | rule | resource | step
    pub sort: Option<String>,
    /// asc | desc
    pub order: Option<String>,
    pub offset: Option<u64>,
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct Answer {
    pub scan_id: Option<i64>,
    #[serde(flatten)]
    pub page: FindingPage,
}

/// The latest recorded scan's id, if any.
pub fn latest_scan(store: &Store) -> Result<Option<i64>, StoreError> {
    Ok(store.history(None)?.last().map(|s| s.id))
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Check the parameters and turn them into a store query (scan id filled in later when absent).
pub fn to_query(p: Params) -> Result<FindingQuery, ApiError> {
    let severities: Vec<String> = non_empty(p.severity)
        .map(|s| {
            s.split(',')
                .map(|v| v.trim().to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    if let Some(bad) = severities.iter().find(|s| !SEVERITIES.contains(&s.as_str())) {
        return Err(ApiError::BadRequest(format!(
            "severity `{bad}`: expected any of {}",
            SEVERITIES.join(", ")
        )));
    }
    let step = non_empty(p.step);
    if let Some(s) = step.as_deref().filter(|s| !STEPS.contains(s)) {
        return Err(ApiError::BadRequest(format!(
            "step `{s}`: expected one of {}",
            STEPS.join(", ")
        )));
    }
    let sort: FindingSort = match non_empty(p.sort) {
        Some(s) => s.parse().map_err(ApiError::BadRequest)?,
        None => FindingSort::default(),
    };
    let default_desc = sort == FindingSort::Severity;
    let reverse = match non_empty(p.order).as_deref() {
        None => false,
        Some("desc") => !default_desc,
        Some("asc") => default_desc,
        Some(o) => {
            return Err(ApiError::BadRequest(format!(
                "order `{o}`: expected asc or desc"
            )));
        }
    };
    let offset = p.offset.unwrap_or(0);
    if offset > i64::MAX as u64 {
        return Err(ApiError::BadRequest("offset too large".into()));
    }
    Ok(FindingQuery {
        scan_id: p.scan.unwrap_or(0),
        severities,
        step,
        rule: non_empty(p.rule),
        text: non_empty(p.q),
        ai: p.ai,
        suppressed: p.suppressed,
        sort,
        reverse,
        offset,
        limit: p.limit.unwrap_or(50),
    })
}

pub async fn list(
    State(app): State<App>,
    Query(params): Query<Params>,
) -> Result<Json<Answer>, ApiError> {
    let explicit = params.scan;
    let mut query = to_query(params)?;
    let answer = app
        .pool
        .with(move |store| {
            let scan_id = match explicit {
                Some(id) => Some(id),
                None => latest_scan(store)?,
            };
            let Some(id) = scan_id else {
                return Ok(Answer {
                    scan_id: None,
                    page: FindingPage {
                        total: 0,
                        offset: query.offset,
                        limit: query.effective_limit(),
                        findings: vec![],
                    },
                });
            };
            query.scan_id = id;
            Ok(Answer {
                scan_id: Some(id),
                page: store.query_findings(&query)?,
            })
        })
        .await?;
    Ok(Json(answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_parameters_are_rejected_with_the_expected_values() {
        let e = to_query(Params {
            severity: Some("high,urgent".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.status(), 400);
        assert!(e.to_string().contains("`urgent`"), "{e}");
        let e = to_query(Params {
            order: Some("sideways".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.to_string().contains("asc or desc"));
    }

    #[test]
    fn severity_sort_descends_unless_asked() {
        let q = to_query(Params::default()).unwrap();
        assert!(!q.reverse);
        let q = to_query(Params {
            order: Some("asc".into()),
            ..Default::default()
        })
        .unwrap();
        assert!(q.reverse);
        let q = to_query(Params {
            sort: Some("rule".into()),
            order: Some("asc".into()),
            ..Default::default()
        })
        .unwrap();
        assert!(!q.reverse);
    }
}
