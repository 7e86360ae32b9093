//! SARIF 2.1.0: validated against the official OASIS schema (vendored in `tests/data`), and
//! checked field by field where GitHub code scanning depends on it.

use crate::common;

use common::{MAIN_TF, NOTEBOOK_ARN, scan};
use serde_json::{Value, json};
use std::path::Path;
use tightrope_core::Severity;
use tightrope_report::{Format, render};

fn sarif(scan: &common::Scan, min: Severity) -> Value {
    let text = render(Format::Sarif, &scan.report(min), false);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

/// Schema violations of `doc`, one line each (empty when valid).
fn violations(doc: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"));
    validator.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn results(doc: &Value) -> Vec<Value> {
    doc["runs"][0]["results"].as_array().cloned().unwrap_or_default()
}

fn result_for<'a>(results: &'a [Value], rule: &str, address: &str) -> &'a Value {
    results
        .iter()
        .find(|r| r["ruleId"] == rule && r["locations"][0]["logicalLocations"][0]["name"] == address)
        .unwrap_or_else(|| panic!("no result for {rule} on {address}"))
}

#[test]
fn sarif_with_findings_suppressions_and_errors_is_valid_against_the_official_schema() {
    for min in [Severity::Info, Severity::Medium] {
        let doc = sarif(&scan(), min);
        let v = violations(&doc);
        assert!(v.is_empty(), "schema violations at {min}:\n{}", v.join("\n"));
    }
    let clean = common::Scan { findings: vec![], errors: vec![], rules: vec![] };
    let v = violations(&sarif(&clean, Severity::Info));
    assert!(v.is_empty(), "empty run: {}", v.join("\n"));
}

#[test]
fn schema_validation_rejects_broken_sarif() {
    let mut doc = sarif(&scan(), Severity::Medium);
    doc["runs"][0]["results"][0]["level"] = json!("fatal");
    doc["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = json!(0);
    doc["runs"][0]["tool"]["driver"]["unexpected"] = json!(true);
    doc["runs"][0]["tool"]["driver"]["informationUri"] = json!("tightrope home page");
    let v = violations(&doc);
    assert_eq!(v.len(), 4, "{v:#?}");
    assert!(v.iter().any(|e| e.contains("informationUri")), "formats are checked: {v:#?}");
    // Draft-04 has no `uri-reference` format, so the schema cannot check artifact URIs; we do.
    assert!(!is_uri_reference("infra/ml notebook.tf") && !is_uri_reference("a%zz.tf"));
}

/// RFC 3986 URI reference: only unreserved, reserved and `%XX` escapes.
fn is_uri_reference(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit() => i += 3,
            c if c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c) => i += 1,
            _ => return false,
        }
    }
    true
}

/// Every `artifactLocation.uri` in `v`.
fn artifact_uris(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(u)) = m.get("artifactLocation").and_then(|a| a.get("uri")) {
                out.push(u.clone());
            }
            m.values().for_each(|x| artifact_uris(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| artifact_uris(x, out)),
        _ => {}
    }
}

#[test]
fn sarif_artifact_uris_are_percent_encoded_uri_references() {
    let mut s = scan();
    s.findings[3].location = common::file("infra/50% [draft]/main#1.tf", 1, 2);
    s.findings[4].location = common::file("C:\\src\\données.tf", 3, 3);
    let mut uris = Vec::new();
    artifact_uris(&sarif(&s, Severity::Info), &mut uris);
    assert!(uris.contains(&"infra/50%25%20%5Bdraft%5D/main%231.tf".to_string()), "{uris:?}");
    assert!(uris.contains(&"file:///C:/src/donn%C3%A9es.tf".to_string()), "{uris:?}");
    assert!(uris.len() >= 9, "{uris:?}");
    for u in &uris {
        assert!(is_uri_reference(u), "not a URI reference: {u}");
    }
}

#[test]
fn sarif_header_and_driver_rules() {
    let doc = sarif(&scan(), Severity::Medium);
    assert_eq!(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(doc["version"], "2.1.0");
    let driver = &doc["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "tightrope");
    assert_eq!(driver["version"], "0.1.0");
    assert!(driver["informationUri"].as_str().is_some_and(|u| u.starts_with("https://")));
    let rules = driver["rules"].as_array().cloned().unwrap_or_default();
    assert_eq!(rules.len(), 5, "every rule that ran, including those without results");
    let nb = &rules[1];
    assert_eq!(nb["id"], "TR-AWS-SAGEMAKER-001");
    assert_eq!(nb["name"], "SageMakerNotebookHasDirectInternetAccess");
    assert_eq!(nb["shortDescription"]["text"], "SageMaker notebook has direct internet access");
    assert_eq!(nb["fullDescription"]["text"], "Why `TR-AWS-SAGEMAKER-001` matters, in a paragraph.");
    let md = nb["help"]["markdown"].as_str().unwrap_or_default();
    assert!(
        md.contains("**Remediation:** Fix TR-AWS-SAGEMAKER-001.")
            && md.contains("[CIS AWS 2.1.1](https://docs.example/TR-AWS-SAGEMAKER-001)"),
        "{md}"
    );
    assert!(nb["help"]["text"].as_str().is_some_and(|t| t.contains("Remediation: Fix TR-AWS-SAGEMAKER-001.")));
    assert_eq!(nb["helpUri"], "https://docs.example/TR-AWS-SAGEMAKER-001");
    assert_eq!(nb["defaultConfiguration"]["level"], "error");
    assert_eq!(nb["properties"]["tags"], json!(["security", "reach", "aws", "ai", "owasp-llm/LLM02"]));
    assert_eq!(nb["properties"]["security-severity"], "9.5");
    let levels: Vec<(&str, &str)> = rules
        .iter()
        .filter_map(|r| {
            Some((r["defaultConfiguration"]["level"].as_str()?, r["properties"]["security-severity"].as_str()?))
        })
        .collect();
    assert_eq!(levels, [("error", "8.0"), ("error", "9.5"), ("warning", "5.5"), ("note", "3.0"), ("warning", "5.5")]);
}

#[test]
fn sarif_results_point_at_files_and_arns() {
    let doc = sarif(&scan(), Severity::Medium);
    let rs = results(&doc);
    assert_eq!(rs.len(), 6, "4 findings + 2 suppressed; the low one is below medium");
    assert!(rs.iter().all(|r| r["ruleId"] != "TR-AWS-S3-002"));

    let nb = result_for(&rs, "TR-AWS-SAGEMAKER-001", "aws_sagemaker_notebook_instance.research");
    assert_eq!(nb["ruleIndex"], 1);
    assert_eq!(nb["level"], "error");
    assert_eq!(nb["message"]["text"], "Notebook can reach the internet directly");
    let phys = &nb["locations"][0]["physicalLocation"];
    assert_eq!(phys["artifactLocation"], json!({"uri": "infra/ml%20notebook.tf", "uriBaseId": "%SRCROOT%"}));
    assert_eq!(phys["region"], json!({"startLine": 30, "endLine": 30}));

    let s3 = result_for(&rs, "TR-AWS-S3-001", "aws_s3_bucket.data");
    assert_eq!(s3["ruleIndex"], 0);
    assert_eq!(s3["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], MAIN_TF);
    assert_eq!(s3["locations"][0]["physicalLocation"]["region"], json!({"startLine": 12, "endLine": 14}));
    assert_eq!(s3["properties"]["attribute"], "server_side_encryption_configuration");

    let kms = result_for(&rs, "TR-AWS-KMS-001", "aws_kms_key.k");
    assert_eq!(kms["level"], "warning");

    let api = result_for(&rs, "TR-AWS-SAGEMAKER-001", "research");
    assert!(api["locations"][0].get("physicalLocation").is_none());
    assert_eq!(api["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], NOTEBOOK_ARN);
    assert_eq!(api["locations"][0]["properties"]["apiField"], "DirectInternetAccess");

    let low = sarif(&scan(), Severity::Info);
    let low = result_for(&results(&low), "TR-AWS-S3-002", "aws_s3_bucket.data").clone();
    assert_eq!(low["level"], "note");
}

#[test]
fn sarif_fingerprints_are_stable_and_distinct() {
    let first = results(&sarif(&scan(), Severity::Info));
    let mut moved = scan();
    for f in &mut moved.findings {
        if let tightrope_core::Origin::File { start_line, end_line, .. } = &mut f.location {
            *start_line += 100;
            *end_line += 100;
        }
    }
    let second = results(&sarif(&moved, Severity::Info));
    let fps = |rs: &[Value]| -> Vec<String> {
        rs.iter()
            .filter_map(|r| r["partialFingerprints"]["tightrope/findingHash/v1"].as_str().map(str::to_string))
            .collect()
    };
    let (a, b) = (fps(&first), fps(&second));
    assert_eq!(a.len(), 7);
    assert_eq!(a, b, "fingerprints survive line moves");
    let mut unique = a.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), a.len(), "distinct findings have distinct fingerprints");
}

#[test]
fn sarif_suppressions_are_in_source_or_external() {
    let rs = results(&sarif(&scan(), Severity::Medium));
    let inline = result_for(&rs, "TR-AWS-S3-003", "aws_s3_bucket.logs");
    assert_eq!(inline["suppressions"][0]["kind"], "inSource");
    assert_eq!(inline["suppressions"][0]["justification"], "log bucket, versioning not needed");
    assert_eq!(inline["suppressions"][0]["location"]["physicalLocation"]["region"]["startLine"], 49);
    let external = result_for(&rs, "TR-AWS-S3-001", "aws_s3_bucket.logs");
    assert_eq!(external["suppressions"][0]["kind"], "external");
    assert_eq!(external["suppressions"][0]["justification"], "accepted risk ticket SEC-42");
    assert_eq!(
        external["suppressions"][0]["location"]["physicalLocation"]["artifactLocation"]["uri"],
        ".tightrope/suppressions.yaml"
    );
    let active = result_for(&rs, "TR-AWS-S3-001", "aws_s3_bucket.data");
    assert!(active.get("suppressions").is_none());
}

#[test]
fn sarif_input_errors_are_tool_execution_notifications() {
    let doc = sarif(&scan(), Severity::Medium);
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().cloned().unwrap_or_default();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(notes[0]["message"]["text"], "expected `}` to close block `resource`");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"],
        json!({"artifactLocation": {"uri": "infra/broken.tf", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 7, "endLine": 7}})
    );
    assert!(notes[1]["locations"][0]["physicalLocation"].get("region").is_none());

    let mut ok = scan();
    ok.errors.clear();
    assert_eq!(sarif(&ok, Severity::Medium)["runs"][0]["invocations"][0]["executionSuccessful"], true);
}
