//! The scheduled job over the repository's example environment: scans every second, records them,
//! computes drift against the previous scan, and feeds every view; no PII value of the example's
//! dataset appears in any response.

use crate::common;

use common::*;
use serde_json::Value;
use std::time::Duration;

#[test]
fn scheduled_scans_feed_every_view_and_never_leak_pii() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = example_config(dir.path(), 1, false);
    let db = dir.path().join("serve.db").display().to_string();
    let s = start(args(&db, Some(config.clone())), dir);
    let timeline = |s: &Server| {
        get_json(s, "/api/drift", &s.viewer)["timeline"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
    };
    // Two scans at least: the second has drift against the first.
    wait_for("two scheduled scans", Duration::from_secs(240), || timeline(&s) >= 1);
    let drift = get_json(&s, "/api/drift", &s.viewer);
    let first = &drift["timeline"][0];
    assert!(first["against"].as_str().unwrap_or("").starts_with("scan "), "{first}");
    assert_eq!(first["findings_new"], 0, "the same inputs scanned twice: {first}");
    let scans = get_json(&s, "/api/scans", &s.viewer);
    assert!(scans["scans"].as_array().map(Vec::len).unwrap_or(0) >= 2);

    let summary = get_json(&s, "/api/summary", &s.viewer);
    let steps = summary["latest"]["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 7, "one readiness entry per step");
    let audit = steps.iter().find(|st| st["step"] == "audit").expect("audit step");
    assert_ne!(audit["readiness"], "not_run", "{audit}");
    assert_eq!(summary["schedule_seconds"], 1);

    let paths = get_json(&s, "/api/attack-paths", &s.viewer);
    assert!(!paths["attack_paths"].as_array().expect("paths").is_empty(), "the example has an attack path");
    let inventory = get_json(&s, "/api/inventory", &s.viewer);
    assert!(!inventory["assets"].as_array().expect("assets").is_empty());
    let alerts = get_json(&s, "/api/alerts", &s.viewer);
    let alerts = alerts["alerts"].as_array().expect("alerts");
    assert!(!alerts.is_empty(), "the example's CloudTrail day has anomalies");
    assert!(alerts.iter().all(|a| a["reasons"].as_array().is_some_and(|r| !r.is_empty())));
    let findings = get_json(&s, "/api/findings?step=classify&limit=1000", &s.viewer);
    assert!(findings["total"].as_u64().unwrap_or(0) > 0, "classify found the example's PII");

    // Every response, checked against every value of the example's dataset.
    let csv = std::fs::read_to_string(config.parent().expect("dir").join("data/customers.csv")).expect("dataset");
    let values: Vec<&str> = csv
        .lines()
        .skip(1)
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|v| v.len() >= 8 && v.chars().any(|c| c.is_ascii_digit() || c == '@'))
        .collect();
    assert!(values.len() > 10, "the dataset has identifiers to look for");
    let mut bodies = Vec::new();
    for path in ["/api/summary", "/api/findings?limit=1000", "/api/alerts", "/api/attack-paths", "/api/inventory", "/api/drift", "/api/scans"] {
        bodies.push(get(&s, path, Some(&s.admin)).1);
    }
    for v in &values {
        for b in &bodies {
            assert!(!b.contains(v), "a raw value of customers.csv appears in a response");
        }
    }
    let metrics = get(&s, "/metrics", Some(&s.viewer)).1;
    let ok: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("tightrope_scans_total{result=\"ok\"} "))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    assert!(ok >= 2.0, "{metrics}");
    assert!(metrics.contains("tightrope_scan_duration_seconds_count"));
    let _: Value = drift;
}
