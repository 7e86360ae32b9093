//! The `[classify]` data-flow policy (CLASSIFY-FLOW-001) checked against real Terraform
//! (`tests/data/flow/main.tf`): a bucket of customer exports read by a training job definition in
//! zone "training" (role `acme-train`) and by a served model in zone "serving" (role `acme-serve`).

use crate::common;

use std::collections::BTreeMap;
use tightrope_classify::Label;
use tightrope_classify::flow::{self, ClassifyPolicy, ReaderKind};
use tightrope_core::{CloudState, Finding, Severity};

fn state() -> CloudState {
    let scan = tightrope_ingest::scan(&[common::fixture("flow")]);
    assert!(
        scan.errors.is_empty(),
        "fixture reads cleanly: {:?}",
        scan.errors
    );
    scan.state
}

fn policy(toml: &str) -> ClassifyPolicy {
    ClassifyPolicy::parse(toml).unwrap_or_else(|e| panic!("policy parses: {e}"))
}

/// (reader address, message) of every flow finding.
fn flow_findings(findings: &[Finding]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|f| {
            assert_eq!(f.rule_id, "CLASSIFY-FLOW-001");
            (f.resource.address.clone(), f.message.clone())
        })
        .collect()
}

const RESTRICTED_TO_TRAINING: &str = r#"
[classify.labels]
"acme-customer-exports" = "restricted"

[[classify.flows]]
label = "restricted"
readers = ["training"]
zones = ["training"]
"#;

#[test]
fn both_readers_of_the_labelled_bucket_are_resolved() {
    let (stores, _) = flow::check(&state(), &policy(RESTRICTED_TO_TRAINING), &BTreeMap::new());
    assert_eq!(stores.len(), 1, "{stores:#?}");
    let s = &stores[0];
    assert_eq!(
        (s.address.as_str(), s.label, s.label_source),
        ("aws_s3_bucket.exports", Label::Restricted, "labels")
    );
    let mut readers: Vec<(ReaderKind, &str, Option<&str>, &str)> = s
        .readers
        .iter()
        .map(|r| {
            (
                r.kind,
                r.address.as_str(),
                r.zone.as_deref(),
                r.via.as_str(),
            )
        })
        .collect();
    readers.sort();
    assert_eq!(
        readers,
        [
            (
                ReaderKind::Training,
                "aws_sagemaker_data_quality_job_definition.train",
                Some("training"),
                "aws_iam_role.train"
            ),
            (
                ReaderKind::Serving,
                "aws_sagemaker_model.chat",
                Some("serving"),
                "aws_iam_role.serve"
            ),
        ]
    );
}

#[test]
fn restricted_data_read_by_a_served_model_is_a_finding() {
    let (_, findings) = flow::check(&state(), &policy(RESTRICTED_TO_TRAINING), &BTreeMap::new());
    let got = flow_findings(&findings);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, "aws_sagemaker_model.chat");
    assert!(
        got[0].1.contains("only training readers are allowed"),
        "{}",
        got[0].1
    );
    assert!(got[0].1.contains("acme-customer-exports"), "{}", got[0].1);
    assert_eq!(findings[0].severity, Severity::High, "restricted data");
    assert!(findings[0].ai, "a served model is an AI workload");
}

#[test]
fn approved_readers_in_approved_zones_raise_nothing() {
    let approved = r#"
[classify.labels]
"acme-customer-exports" = "restricted"

[[classify.flows]]
label = "restricted"
readers = ["training", "serving"]
zones = ["training", "serving"]
"#;
    let (stores, findings) = flow::check(&state(), &policy(approved), &BTreeMap::new());
    assert_eq!(stores[0].readers.len(), 2, "the readers were seen");
    assert!(findings.is_empty(), "{:#?}", flow_findings(&findings));
}

#[test]
fn a_reader_outside_the_allowed_zones_is_a_finding() {
    let training_zone_only = r#"
[classify.labels]
"aws_s3_bucket.exports" = "confidential"

[[classify.flows]]
label = "confidential"
zones = ["training"]
"#;
    let (_, findings) = flow::check(&state(), &policy(training_zone_only), &BTreeMap::new());
    let got = flow_findings(&findings);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, "aws_sagemaker_model.chat");
    assert!(
        got[0].1.contains("zone training (reader zone: serving)"),
        "{}",
        got[0].1
    );
    assert_eq!(findings[0].severity, Severity::Medium, "confidential data");
}

#[test]
fn deny_wins_over_allowed_readers() {
    let deny = r#"
[classify.labels]
"acme-customer-exports" = "restricted"

[[classify.flows]]
label = "confidential"
readers = ["training", "serving"]
deny = ["serving"]
"#;
    let (_, findings) = flow::check(&state(), &policy(deny), &BTreeMap::new());
    let got = flow_findings(&findings);
    assert_eq!(
        got.len(),
        1,
        "a rule for confidential+ covers restricted data: {got:#?}"
    );
    assert!(
        got[0].1.contains("serving readers are denied"),
        "{}",
        got[0].1
    );
}

#[test]
fn rules_for_higher_labels_do_not_apply_to_lower_ones() {
    let internal = RESTRICTED_TO_TRAINING.replace("= \"restricted\"\n\n", "= \"internal\"\n\n");
    assert!(internal.contains("\"acme-customer-exports\" = \"internal\""));
    let (stores, findings) = flow::check(&state(), &policy(&internal), &BTreeMap::new());
    assert_eq!(stores[0].label, Label::Internal);
    assert!(findings.is_empty(), "{:#?}", flow_findings(&findings));
}

#[test]
fn a_label_from_the_classification_run_is_checked_too() {
    // No label in the policy: the label comes from classifying a sample of the bucket (--as-bucket).
    let rules_only = "[[classify.flows]]\nlabel = \"restricted\"\nreaders = [\"training\"]\n";
    let p = policy(rules_only);
    let (stores, findings) = flow::check(&state(), &p, &BTreeMap::new());
    assert!(
        stores.is_empty() && findings.is_empty(),
        "an unlabelled bucket is not checked"
    );

    let c = common::classifier(tightrope_classify::Confidence::Medium);
    let run = c.classify_paths(&[common::fixture("redaction/customers.csv")]);
    assert_eq!(
        run.label(),
        Label::Restricted,
        "SSNs, cards and keys make the sample restricted"
    );
    let extra = BTreeMap::from([("acme-customer-exports".to_string(), run.label())]);
    let (stores, findings) = flow::check(&state(), &p, &extra);
    assert_eq!(stores[0].label_source, "classification");
    assert_eq!(flow_findings(&findings).len(), 1);
    assert_eq!(findings[0].resource.address, "aws_sagemaker_model.chat");
}

#[test]
fn malformed_policies_are_clear_errors() {
    let cases = [
        // (policy, what the error must say)
        ("[classify]\nzone_tags = \"Zone\"\n", "line 2"),
        (
            "[classify]\nzone_tags = \"Zone\"\n",
            "unknown field `zone_tags`",
        ),
        (
            "[[classify.flows]]\nlabel = \"secret\"\n",
            "unknown variant `secret`",
        ),
        ("[[classify.flows]]\nlabel = \"secret\"\n", "restricted"),
        (
            "[[classify.flows]]\nlabel = \"restricted\"\nreaders = [\"batch\"]\n",
            "unknown variant `batch`",
        ),
        (
            "[[classify.flows]]\nreaders = [\"training\"]\n",
            "missing field `label`",
        ),
        ("[[classify.flows]\nlabel = \"restricted\"\n", "line 1"),
    ];
    for (text, expected) in cases {
        match ClassifyPolicy::parse(text) {
            Ok(p) => panic!("accepted a malformed policy: {text:?} → {p:?}"),
            Err(e) => assert!(
                e.contains(expected),
                "error for {text:?} should say {expected:?}: {e}"
            ),
        }
    }
    // Sections of other steps in the same project file are not errors.
    let p =
        policy("[audit]\nmin_severity = \"high\"\n\n[[classify.flows]]\nlabel = \"internal\"\n");
    assert_eq!(p.flows.len(), 1);
}
