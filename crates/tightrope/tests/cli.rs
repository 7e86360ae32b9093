//! End-to-end tests of the `tightrope` binary: exit codes, formats, suppressions, bad input, and the
//! generated rules reference.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tightrope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tightrope")).args(args).current_dir(repo()).output().expect("run tightrope")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared_data(set: &str) -> Option<PathBuf> {
    let p = repo().join("../shared/data").join(set);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data/{set} not present");
        None
    }
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

#[test]
fn example_stack_has_findings_and_exits_1() {
    let out = tightrope(&["audit", "examples/ai-stack", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    let ids: Vec<&str> = v["findings"].as_array().expect("findings").iter().filter_map(|f| f["rule_id"].as_str()).collect();
    // Each deliberate mistake in the example is found.
    for id in ["TR-AWS-SAGEMAKER-001", "TR-AWS-IAM-001", "TR-AWS-S3-001", "TR-AWS-BEDROCK-001", "TR-AWS-EC2-001", "TR-AWS-OPENSEARCH-002", "TR-AWS-SAGEMAKER-007"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    // The well-configured training bucket is not reported for public access or encryption.
    let on_training_bucket = v["findings"].as_array().expect("findings").iter().any(|f| {
        f["resource"]["address"] == "aws_s3_bucket.training_data" && matches!(f["rule_id"].as_str(), Some("TR-AWS-S3-001" | "TR-AWS-S3-004"))
    });
    assert!(!on_training_bucket);
}

#[test]
fn threshold_and_rule_selection_decide_the_exit_code() {
    let out = tightrope(&["audit", "examples/ai-stack", "--min-severity", "critical"]);
    assert_eq!(out.status.code(), Some(0), "no critical finding in the example");
    let out = tightrope(&["audit", "examples/ai-stack", "--rule", "TR-AWS-OPENSEARCH-001"]);
    assert_eq!(out.status.code(), Some(0), "the vector store is encrypted at rest");
    let out = tightrope(&["audit", "examples/ai-stack", "--rule", "TR-NOPE-001"]);
    assert_eq!(out.status.code(), Some(2), "unknown rule id is a usage error");
    let out = tightrope(&["audit", "--format", "xml", "examples/ai-stack"]);
    assert_eq!(out.status.code(), Some(2), "clap usage error");
}

#[test]
fn inline_and_file_suppressions_need_a_reason_and_clear_the_exit_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "main.tf", "# tightrope:ignore TR-AWS-SAGEMAKER-001 sandbox account without data\nresource \"aws_sagemaker_notebook_instance\" \"nb\" {\n  name = \"nb\"\n  role_arn = \"arn:aws:iam::123456789012:role/r\"\n  instance_type = \"ml.t3.medium\"\n}\n");
    let d = dir.path().to_str().expect("utf-8 path");
    let only = "TR-AWS-SAGEMAKER-001";
    let out = tightrope(&["audit", d, "--rule", only, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let v = json(&out);
    assert_eq!(v["suppressed"].as_array().map(Vec::len), Some(1), "{v}");

    let other = "TR-AWS-SAGEMAKER-002";
    assert_eq!(tightrope(&["audit", d, "--rule", other]).status.code(), Some(1));
    let s = write(dir.path(), "s.yaml", &format!("suppressions:\n  - rule: {other}\n    resource: aws_sagemaker_notebook_instance.nb\n    reason: users need sudo for CUDA drivers\n"));
    assert_eq!(tightrope(&["audit", d, "--rule", other, "--suppressions", s.to_str().expect("path")]).status.code(), Some(0));
    let bad = write(dir.path(), "bad.yaml", &format!("suppressions:\n  - rule: {other}\n"));
    let out = tightrope(&["audit", d, "--rule", other, "--suppressions", bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2), "a suppression without reason is an input error");
}

#[test]
fn malformed_file_is_reported_with_line_and_the_rest_is_scanned() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "good.tf", "resource \"aws_sagemaker_notebook_instance\" \"nb\" {\n  name = \"nb\"\n}\n");
    write(dir.path(), "broken.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n  acl = \n}\n");
    write(dir.path(), "template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [\n");
    let out = tightrope(&["audit", dir.path().to_str().expect("path"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e["path"].as_str().is_some_and(|p| p.ends_with("broken.tf")) && e["line"].as_u64().is_some()));
    assert!(errors.iter().any(|e| e["path"].as_str().is_some_and(|p| p.ends_with("template.yaml")) && e["line"].as_u64().is_some()));
    assert!(v["findings"].as_array().expect("findings").iter().any(|f| f["rule_id"] == "TR-AWS-SAGEMAKER-001"), "good.tf still scanned");
}

#[test]
fn missing_path_is_an_input_error() {
    let out = tightrope(&["audit", "does/not/exist"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sarif_for_terragoat_has_regions_and_rules() {
    let Some(dir) = shared_data("iac-terragoat") else { return };
    let out = tightrope(&["audit", dir.to_str().expect("path"), "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert!(results.len() >= 20, "terragoat is vulnerable by design: {}", results.len());
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().is_some_and(|l| l >= 1), "{r}");
        let idx = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(run["tool"]["driver"]["rules"][idx]["id"], r["ruleId"]);
    }
    // The hard-coded AWS keys in terragoat's Lambda never appear raw.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("AKIAIOSFODNN7EXAMPLE") && !text.contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
}

#[test]
fn data_on_eks_completes() {
    let Some(dir) = shared_data("iac-data-on-eks") else { return };
    let out = tightrope(&["audit", dir.to_str().expect("path"), "--format", "json"]);
    let v = json(&out);
    assert!(v["summary"]["resources"].as_u64().is_some_and(|n| n > 100), "{}", v["summary"]);
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let out = tightrope(&["rules", "--markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read_to_string(repo().join("docs/rules.md")).expect("docs/rules.md exists");
    assert!(
        committed == String::from_utf8_lossy(&out.stdout),
        "docs/rules.md is stale: regenerate with `cargo run -p tightrope -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn rules_listing_counts_ai_rules() {
    let out = tightrope(&["rules", "--json"]);
    let v = json(&out);
    let rules = v.as_array().expect("list");
    assert!(rules.len() >= 20);
    assert!(rules.iter().filter(|r| r["ai"] == true).count() * 2 >= 20);
}
