//! Drift between two Terraform state files (driftctl's real `aws_s3_full` state): one
//! bucket's ACL made public in a copy is exactly the reported drift.

use std::path::Path;
use tightrope_core::Severity;
use tightrope_drift::cli::{DriftArgs, run_drift};
use tightrope_report::Format;
use tightrope_store::DbArgs;

#[test]
fn public_acl_in_a_state_file_is_the_drift_with_its_finding() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/iac-tfplan-json/pkg/iac/terraform/state/test/aws_s3_full/terraform.tfstate");
    if !src.is_file() {
        eprintln!("skipping: ../shared/data/iac-tfplan-json not present");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (
        tmp.path().join("old.tfstate"),
        tmp.path().join("new.tfstate"),
    );
    let text = std::fs::read_to_string(&src).unwrap();
    assert!(text.contains("\"acl\": \"private\""));
    std::fs::write(&old, &text).unwrap();
    std::fs::write(
        &new,
        text.replacen("\"acl\": \"private\"", "\"acl\": \"public-read\"", 1),
    )
    .unwrap();
    let out = tmp.path().join("drift.json");
    let args = DriftArgs {
        baseline: None,
        sources: vec![old, new],
        format: Format::Json,
        output: Some(out.clone()),
        fail_on: Severity::High,
        no_record: true,
        db: DbArgs::default(),
    };
    run_drift(&args).unwrap();
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let changes = r["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{r:#}");
    let c = &changes[0]["changes"];
    assert_eq!(c.as_array().unwrap().len(), 1, "{r:#}");
    assert_eq!(c[0]["path"], "acl", "{r:#}");
    assert_eq!(
        (c[0]["old"].as_str(), c[0]["new"].as_str()),
        (Some("private"), Some("public-read"))
    );
    let address = changes[0]["address"].as_str().unwrap();
    let new = r["findings"]["new"].as_array().unwrap();
    assert!(!new.is_empty(), "a public ACL causes a finding: {r:#}");
    assert!(
        new.iter().all(|f| f["resource"]["address"] == address),
        "{r:#}"
    );
    assert!(r["findings"]["resolved"].as_array().unwrap().is_empty());
    assert!(
        r["resources_added"].as_array().unwrap().is_empty()
            && r["resources_removed"].as_array().unwrap().is_empty()
    );
}
