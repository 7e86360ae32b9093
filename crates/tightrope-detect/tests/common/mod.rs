//! Shared helpers of the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use tightrope_cloudtrail::{Event, Layout, read_bytes};

/// `../shared/data/<set>`, or `None` (with the skip message printed) when absent.
pub fn data_set(set: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(set);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data/{set} not present");
        None
    }
}

/// The CloudTrail records of a Panther scenario file (`Logs:` list in YAML), as JSON Lines.
pub fn scenario_jsonl(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let doc: serde_json::Value = serde_norway::from_str(&text).unwrap();
    let mut out = String::new();
    for log in doc["Logs"].as_array().unwrap() {
        out.push_str(&log.to_string());
        out.push('\n');
    }
    out
}

/// Parse JSON Lines into owned events.
pub fn events(jsonl: &str) -> Vec<Event<'static>> {
    let mut out = Vec::new();
    let stats = read_bytes("test", jsonl.as_bytes(), Layout::Lines, |r| {
        out.push(r.event.clone().into_owned())
    });
    assert_eq!(stats.bad, 0, "{:?}", stats.bad_samples);
    out
}
