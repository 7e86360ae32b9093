//! The JSON document: parsed back and checked field by field against the documented schema.

use crate::common;

use common::{MAIN_TF, NOTEBOOK_ARN, scan};
use serde_json::Value;
use tightrope_core::Severity;
use tightrope_report::{Format, render};

fn json(scan: &common::Scan, min: Severity) -> Value {
    let text = render(Format::Json, &scan.report(min), false);
    assert!(!text.contains('\u{1b}'));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

#[test]
fn json_has_version_tool_and_summary() {
    let doc = json(&scan(), Severity::Medium);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "tightrope");
    assert_eq!(doc["tool"]["version"], "0.1.0");
    let s = &doc["summary"];
    assert_eq!(s["min_severity"], "medium");
    assert_eq!(s["findings"], 4);
    assert_eq!(s["by_severity"]["critical"], 2);
    assert_eq!(s["by_severity"]["high"], 1);
    assert_eq!(s["by_severity"]["medium"], 1);
    assert_eq!(s["by_severity"]["low"], 0);
    assert_eq!(s["suppressed"], 2);
    assert_eq!(s["below_min_severity"], 1);
    assert_eq!(s["errors"], 2);
    assert_eq!(
        (s["files_scanned"].as_u64(), s["resources"].as_u64(), s["rules"].as_u64()),
        (Some(3), Some(7), Some(5))
    );
}

#[test]
fn json_findings_are_ordered_and_complete() {
    let doc = json(&scan(), Severity::Medium);
    let findings = doc["findings"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = findings.iter().filter_map(|f| f["rule_id"].as_str()).collect();
    assert_eq!(ids, ["TR-AWS-SAGEMAKER-001", "TR-AWS-SAGEMAKER-001", "TR-AWS-S3-001", "TR-AWS-KMS-001"]);

    let api = &findings[0];
    assert_eq!(
        api["location"],
        serde_json::json!({"kind": "api", "arn": NOTEBOOK_ARN, "field": "DirectInternetAccess"})
    );
    assert_eq!(api["ai"], true);
    assert_eq!(api["step"], "reach");

    let s3 = &findings[2];
    assert_eq!(s3["severity"], "high");
    assert_eq!(s3["resource"]["address"], "aws_s3_bucket.data");
    assert_eq!(s3["resource"]["kind"], "aws_s3_bucket");
    assert_eq!(s3["location"], serde_json::json!({"kind": "file", "path": MAIN_TF, "start_line": 12, "end_line": 14}));
    assert_eq!(s3["attribute"], "server_side_encryption_configuration");
    assert_eq!(s3["evidence"], Value::Null);
    assert_eq!(s3["remediation"], "Fix TR-AWS-S3-001.");
    assert_eq!(s3["references"][0]["name"], "CIS AWS 2.1.1");
    assert_eq!(s3["references"][1]["url"], Value::Null);
    let fp = s3["fingerprint"].as_str().unwrap_or_default();
    assert!(fp.len() == 32 && fp.chars().all(|c| c.is_ascii_hexdigit()), "{fp}");
    assert!(s3.get("suppression").is_none(), "only suppressed findings carry a suppression");
}

#[test]
fn json_lists_suppressed_findings_with_their_reason() {
    let doc = json(&scan(), Severity::Medium);
    let sup = doc["suppressed"].as_array().cloned().unwrap_or_default();
    assert_eq!(sup.len(), 2);
    assert_eq!(sup[0]["rule_id"], "TR-AWS-S3-001", "high before medium");
    assert_eq!(sup[0]["suppression"]["reason"], "accepted risk ticket SEC-42");
    assert_eq!(sup[0]["suppression"]["rule"], "*");
    assert_eq!(sup[0]["suppression"]["location"]["path"], ".tightrope/suppressions.yaml");
    assert_eq!(sup[1]["suppression"]["location"]["start_line"], 49);
}

#[test]
fn json_lists_errors_and_respects_min_severity() {
    let doc = json(&scan(), Severity::Medium);
    assert_eq!(
        doc["errors"][0],
        serde_json::json!({"path": "infra/broken.tf", "line": 7, "message": "expected `}` to close block `resource`"})
    );
    assert_eq!(doc["errors"][1]["line"], Value::Null);
    let all = json(&scan(), Severity::Info);
    assert_eq!(all["findings"].as_array().map(Vec::len), Some(5));
    assert_eq!(all["summary"]["below_min_severity"], 0);
    let critical = json(&scan(), Severity::Critical);
    assert_eq!(critical["findings"].as_array().map(Vec::len), Some(2));
    assert_eq!(critical["suppressed"].as_array().map(Vec::len), Some(0));
}

#[test]
fn fingerprint_ignores_line_moves_but_not_the_attribute() {
    let mut s = scan();
    let before = tightrope_report::fingerprint(&s.findings[0]);
    s.findings[0].location = common::file(MAIN_TF, 112, 114);
    s.findings[0].message = "reworded".into();
    assert_eq!(tightrope_report::fingerprint(&s.findings[0]), before);
    s.findings[0].attribute = Some("bucket_key_enabled".into());
    assert_ne!(tightrope_report::fingerprint(&s.findings[0]), before);
}
