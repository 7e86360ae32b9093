//! The API over SQLite: authentication and roles, the audit log, findings queries, the OpenAPI
//! document against the router, body limits and metrics.

use crate::common;

use common::*;
use serde_json::Value;
use tightrope_store::{Snapshot, Store};

#[test]
fn health_is_open_everything_else_needs_a_token() {
    let s = sqlite_server();
    assert_eq!(get(&s, "/healthz", None).0, 200);
    for path in ["/api/summary", "/api/findings", "/openapi.json", "/metrics", "/api/alerts"] {
        let (status, body) = get(&s, path, None);
        assert_eq!(status, 401, "{path} without a token: {body}");
        assert!(body.contains("Bearer"), "{body}");
        assert_eq!(get(&s, path, Some("trs_not-a-real-token")).0, 401, "{path} with a bad token");
        assert_eq!(get(&s, path, Some(&s.viewer)).0, 200, "{path} with the viewer token");
    }
    // The scheme must be Bearer.
    let mut res = agent()
        .get(&format!("{}/api/me", s.base))
        .header("Authorization", &format!("Basic {}", s.admin))
        .call()
        .expect("request");
    assert_eq!(res.status().as_u16(), 401, "{}", res.body_mut().read_to_string().unwrap_or_default());
    let me = get_json(&s, "/api/me", &s.admin);
    assert_eq!(me["role"], "admin");
    assert_eq!(me["name"], "test-admin");
}

#[test]
fn a_viewer_cannot_change_anything_an_admin_can_and_is_audited() {
    let s = sqlite_server();
    let store = Store::open_location(s.app_db().as_deref()).expect("store");
    let snap = Snapshot::new(vec!["t".into()], 0, Default::default(), vec![], vec![]);
    store.save_baseline("before", &snap, false).expect("baseline");
    let scan = record_scan(&store, 30);
    let mutations = [
        ("DELETE", "/api/baselines/before", ""),
        ("POST", "/api/alerts/0/status", r#"{"status":"acknowledged"}"#),
        ("POST", "/api/jobs/scan", ""),
    ];
    for (method, path, body) in mutations {
        let (status, text) = send(&s, method, path, Some(&s.viewer), body);
        assert_eq!(status, 403, "viewer {method} {path}: {text}");
        assert_eq!(send(&s, method, path, None, body).0, 401, "anonymous {method} {path}");
    }
    assert_eq!(get(&s, "/api/audit-log", Some(&s.viewer)).0, 403);
    // Nothing changed.
    assert!(store.baseline_info("before").expect("read").is_some());
    assert!(store.alert_statuses(scan).expect("read").is_empty());
    assert!(store.audit_log(10).expect("read").is_empty());

    // The admin can, and each change is in the audit log under the admin's token name.
    let (status, body) = send(&s, "POST", "/api/alerts/0/status", Some(&s.admin), r#"{"status":"acknowledged"}"#);
    assert_eq!(status, 200, "{body}");
    let alert: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(alert["status"], "acknowledged");
    assert_eq!(alert["updated_by"], "test-admin");
    let (status, body) = send(&s, "POST", "/api/alerts/0/status", Some(&s.admin), r#"{"status":"gone"}"#);
    assert_eq!(status, 400, "{body}");
    assert_eq!(send(&s, "POST", "/api/alerts/1/status", Some(&s.admin), r#"{"status":"open"}"#).0, 404, "seq 1 is not a detect finding");
    assert_eq!(send(&s, "DELETE", "/api/baselines/before", Some(&s.admin), "").0, 204);
    assert_eq!(send(&s, "DELETE", "/api/baselines/before", Some(&s.admin), "").0, 404);
    assert_eq!(send(&s, "POST", "/api/jobs/scan", Some(&s.admin), "").0, 409, "no --config");
    let log = get_json(&s, "/api/audit-log", &s.admin);
    let actions: Vec<(&str, &str)> = log["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| (e["action"].as_str().unwrap_or(""), e["actor"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(actions, vec![("baseline.delete", "test-admin"), ("alert.status", "test-admin")]);
    let queue = get_json(&s, "/api/alerts?status=acknowledged", &s.viewer);
    assert_eq!(queue["alerts"].as_array().map(Vec::len), Some(1));
}

#[test]
fn findings_are_filtered_sorted_and_paged_by_the_server() {
    let s = sqlite_server();
    let store = Store::open_location(s.app_db().as_deref()).expect("store");
    record_scan(&store, 10);
    let scan = record_scan(&store, 1000);
    let page = get_json(&s, "/api/findings?severity=high,critical&limit=20", &s.viewer);
    assert_eq!(page["scan_id"], scan, "the latest scan by default");
    assert_eq!(page["total"], 400);
    let rows = page["findings"].as_array().expect("rows");
    assert_eq!(rows.len(), 20);
    assert!(rows.iter().all(|r| r["severity"] == "critical"), "most severe first");
    let page = get_json(&s, "/api/findings?severity=high,critical&order=asc&limit=5&offset=0", &s.viewer);
    assert!(page["findings"].as_array().expect("rows").iter().all(|r| r["severity"] == "high"));
    let page = get_json(&s, "/api/findings?q=B12&step=audit&sort=resource", &s.viewer);
    let got: Vec<&str> = page["findings"].as_array().expect("rows").iter().map(|r| r["resource"].as_str().unwrap_or("")).collect();
    // aws_s3_bucket.b12, b120..b129 (b120 is detect), b1200+ absent: 10 audit findings.
    assert_eq!(page["total"], 10, "{got:?}");
    assert!(got.windows(2).all(|w| w[0] <= w[1]), "sorted by resource: {got:?}");
    let page = get_json(&s, &format!("/api/findings?scan={scan}&ai=true&limit=1000&offset=300"), &s.viewer);
    assert_eq!(page["total"], 334);
    assert_eq!(page["findings"].as_array().map(Vec::len), Some(34));
    // Evidence stays redacted.
    let text = get(&s, "/api/findings?limit=1000", Some(&s.viewer)).1;
    assert!(!text.contains("AKIAIOSFODNN7EXAMPLE"));
    for bad in ["severity=urgent", "sort=colour", "order=up", "step=nine", "limit=abc", "ai=perhaps"] {
        let (status, body) = get(&s, &format!("/api/findings?{bad}"), Some(&s.viewer));
        assert_eq!(status, 400, "{bad}");
        let err: Value = serde_json::from_str(&body).expect("errors are JSON, axum's rejections too");
        assert_eq!(err["status"], 400, "{body}");
    }
}

#[test]
fn the_openapi_document_lists_every_route_and_only_those() {
    let doc: Value = serde_json::from_str(tightrope_serve::routes::OPENAPI).expect("valid JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    let mut routes = tightrope_serve::routes::api_routes();
    routes.extend(tightrope_serve::routes::public_routes());
    for r in &routes {
        assert!(paths.get(r.path).and_then(|p| p.get(r.method)).is_some(), "{} {} is not in openapi.json", r.method, r.path);
    }
    for (path, ops) in paths {
        for method in ops.as_object().expect("operations").keys() {
            assert!(routes.iter().any(|r| r.path == path && r.method == method), "openapi.json lists {method} {path}, which the server does not serve");
        }
    }
    let s = sqlite_server();
    let served: Value = serde_json::from_str(&get(&s, "/openapi.json", Some(&s.viewer)).1).expect("served");
    assert_eq!(served, doc);
}

#[test]
fn large_bodies_are_refused_and_metrics_count_requests() {
    let s = sqlite_server();
    let big = format!(r#"{{"status":"{}"}}"#, "x".repeat(100 * 1024));
    let (status, _) = send(&s, "POST", "/api/alerts/0/status", Some(&s.admin), &big);
    assert_eq!(status, 413);
    for _ in 0..3 {
        get(&s, "/api/summary", Some(&s.viewer));
    }
    let (status, text) = get(&s, "/metrics", Some(&s.viewer));
    assert_eq!(status, 200);
    assert!(text.contains("tightrope_http_requests_total{route=\"/api/summary\",method=\"GET\",status=\"200\"} 3\n"), "{text}");
    assert!(text.contains("# TYPE tightrope_http_request_duration_seconds histogram\n"));
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (name, value) = line.rsplit_once(' ').expect("name value");
        assert!(value.parse::<f64>().is_ok(), "value of {line}");
        assert!(name.starts_with("tightrope_"), "{line}");
        let bare = name.split('{').next().unwrap_or("");
        assert!(bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{line}");
    }
}

#[test]
fn the_dashboard_is_served_with_a_strict_content_security_policy() {
    let s = sqlite_server();
    let res = agent().get(&format!("{}/", s.base)).call().expect("request");
    assert_eq!(res.status().as_u16(), 200);
    let csp = res.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe"), "{csp}");
    let (status, js) = get(&s, "/assets/app.js", None);
    assert_eq!(status, 200);
    assert!(!js.contains("innerHTML"), "values are inserted as text only");
}

#[test]
fn queue_ingestion_is_served_and_measured() {
    let s = sqlite_server();
    let (_, text) = get(&s, "/metrics", Some(&s.viewer));
    assert!(text.contains("tightrope_ingested_events_total 0\n"), "{text}");
    assert!(!text.contains("tightrope_ingest_lag_seconds"), "no lag before anything is ingested");
    let store = Store::open_location(s.app_db().as_deref()).expect("store");
    let object = "s3://trail/AWSLogs/1/CloudTrail/us-east-1/2026/12/05/a.json.gz#e1";
    let alert = tightrope_store::IngestedAlert {
        object: object.into(),
        seq: 0,
        identity: "arn:aws:iam::1:user/alice".into(),
        severity: "high".into(),
        risk: 80.0,
        start: "2026-12-05T09:59:00Z".into(),
        end: "2026-12-05T09:59:30Z".into(),
        alert: serde_json::json!({"reasons": ["Sigma rule \"StopLogging\" matched"]}),
    };
    let ingested = tightrope_store::IngestedObject {
        object: object.into(),
        notified_at: Some("2026-12-05T10:00:00Z".into()),
        ingested_at: "2026-12-05T10:00:04Z".into(),
        worker: "w:1".into(),
        events: 120,
        bad_records: 1,
        alerts: 1,
    };
    assert!(store.record_ingested(&ingested, &[alert]).expect("record"));
    let d = get_json(&s, "/api/ingest?limit=10", &s.viewer);
    assert_eq!(d["totals"]["events"], 120);
    assert_eq!(d["alerts"][0]["identity"], "arn:aws:iam::1:user/alice");
    assert_eq!(d["objects"][0]["worker"], "w:1");
    let (_, text) = get(&s, "/metrics", Some(&s.viewer));
    for line in [
        "tightrope_ingested_objects_total 1\n",
        "tightrope_ingested_events_total 120\n",
        "tightrope_ingested_bad_records_total 1\n",
        "tightrope_ingested_alerts_total 1\n",
        "tightrope_ingest_lag_seconds 4\n",
        "tightrope_ingest_last_timestamp_seconds 1796464804\n",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}
