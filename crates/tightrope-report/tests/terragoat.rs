//! End to end over real third-party Terraform (TerraGoat's AWS stack, with its planted secrets):
//! read it, run every rule, render all three formats, and check them against the files themselves.

use serde_json::Value;
use std::path::{Path, PathBuf};
use tightrope_audit::{AuditOptions, audit};
use tightrope_core::{Finding, InputError, Origin, Severity};
use tightrope_report::{Format, Report, RuleDescriptor, render};

fn shared_data(set: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(set);
    dir.is_dir().then_some(dir)
}


struct Run {
    findings: Vec<Finding>,
    errors: Vec<InputError>,
    rules: Vec<RuleDescriptor>,
    files: usize,
    resources: usize,
}

impl Run {
    fn report(&self) -> Report<'_> {
        Report {
            tool_version: "0.1.0",
            findings: &self.findings,
            errors: &self.errors,
            not_evaluated: &[],
            rules: &self.rules,
            files_scanned: self.files,
            resources: self.resources,
            min_severity: Severity::Info,
        }
    }
}

fn run() -> Option<Run> {
    let Some(dir) = shared_data("iac-terragoat") else {
        eprintln!("skipping: ../shared/data not present");
        return None;
    };
    let scan = tightrope_ingest::scan(&[dir.join("terraform/aws")]);
    let findings = audit(&scan.state, &AuditOptions::default()).findings;
    let rules = tightrope_audit::rules::all().iter().map(|r| tightrope_audit::descriptor(*r)).collect();
    Some(Run { findings, errors: scan.errors, rules, files: scan.files.len(), resources: scan.resources })
}

fn schema_violations(doc: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default()).unwrap_or_default();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema);
    let validator = validator.unwrap_or_else(|e| panic!("schema does not compile: {e}"));
    validator.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn terragoat_sarif_is_schema_valid_and_regions_lie_in_the_files() {
    let Some(run) = run() else { return };
    assert!(run.findings.len() >= 19, "TerraGoat yields many findings, got {}", run.findings.len());
    let doc: Value = serde_json::from_str(&render(Format::Sarif, &run.report(), false)).unwrap_or_default();
    let v = schema_violations(&doc);
    assert!(v.is_empty(), "schema violations:\n{}", v.join("\n"));

    let rules = doc["runs"][0]["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
    let results = doc["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), run.findings.len(), "min severity info: every finding is a result");
    for r in &results {
        let i = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(rules.get(i).map(|x| &x["id"]), Some(&r["ruleId"]), "ruleIndex of {r}");
    }
    // Each region is within the file it names (checked against the finding's own path).
    for f in &run.findings {
        let Origin::File { path, start_line, end_line } = &f.location else { continue };
        let lines = std::fs::read_to_string(&**path).map(|t| t.lines().count() as u32).unwrap_or(0);
        assert!(
            1 <= *start_line && start_line <= end_line && *end_line <= lines,
            "{path}:{start_line}-{end_line} ({lines} lines)"
        );
    }
    let s3 = results
        .iter()
        .find(|r| {
            r["ruleId"] == "TR-AWS-S3-001" && r["locations"][0]["logicalLocations"][0]["name"] == "aws_s3_bucket.data"
        })
        .unwrap_or_else(|| panic!("no TR-AWS-S3-001 result for aws_s3_bucket.data"));
    let uri = s3["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap_or_default();
    assert!(uri.starts_with("file:///") && uri.ends_with("/terraform/aws/s3.tf"), "{uri}");
}

#[test]
fn terragoat_json_and_table_agree_with_the_findings() {
    let Some(run) = run() else { return };
    let doc: Value = serde_json::from_str(&render(Format::Json, &run.report(), false)).unwrap_or_default();
    let active = run.findings.iter().filter(|f| f.suppressed.is_none()).count();
    assert_eq!(doc["summary"]["findings"].as_u64(), Some(active as u64));
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(active));
    assert_eq!(doc["summary"]["files_scanned"].as_u64(), Some(run.files as u64));
    let table = render(Format::Table, &run.report(), false);
    assert!(!table.contains('\u{1b}'));
    assert!(table.contains("  aws_s3_bucket.data (aws_s3_bucket)"), "{table}");
    let summary = table.lines().last().unwrap_or_default();
    assert!(summary.starts_with(&format!("Summary: {active} findings (")), "{summary}");
}

#[test]
fn terragoat_planted_secrets_never_appear_in_any_format() {
    let Some(run) = run() else { return };
    // Planted in ec2.tf (user data), lambda.tf (environment) and consts.tf (a variable default).
    let secrets = [
        "AKIAIOSFODNN7EXAMAAA",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMAAAKEY",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "K7MDENG",
        "Aa1234321Bb",
    ];
    let evidence: Vec<&str> = run.findings.iter().filter_map(|f| f.evidence.as_deref()).collect();
    assert!(
        evidence.iter().any(|e| e.contains("AKIA…AA (20 chars, sha256:")),
        "the EC2 user-data key is reported, redacted: {evidence:?}"
    );
    for format in [Format::Table, Format::Json, Format::Sarif] {
        let out = render(format, &run.report(), false);
        assert!(out.contains("AKIA…AA (20 chars, sha256:"), "{format} shows the redacted evidence");
        for s in secrets {
            assert!(!out.contains(s), "{format} output contains `{s}`");
        }
    }
}
