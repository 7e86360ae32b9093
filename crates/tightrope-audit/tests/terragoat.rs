//! The built-in rules over TerraGoat's AWS stack (real third-party Terraform), compared with the
//! Checkov findings shipped beside it (`checkov_findings.md`) by (resource, meaning).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tightrope_audit::{AuditOptions, audit};

fn shared_data(set: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(set);
    dir.is_dir().then_some(dir)
}

/// (rule id, resource address) of every finding.
type Hits = BTreeSet<(String, String)>;

/// The hits, plus the findings themselves.
fn run() -> Option<(Hits, Vec<tightrope_core::Finding>)> {
    let Some(dir) = shared_data("iac-terragoat") else {
        eprintln!("skipping: ../shared/data not present");
        return None;
    };
    let scan = tightrope_ingest::scan(&[dir.join("terraform/aws")]);
    assert!(scan.errors.is_empty(), "input errors: {:?}", scan.errors);
    let findings = audit(&scan.state, &AuditOptions::default()).findings;
    let hits = findings
        .iter()
        .map(|f| (f.rule_id.clone(), f.resource.address.clone()))
        .collect();
    Some((hits, findings))
}

/// Findings Checkov also reports for the same resource and meaning.
const AGREED_WITH_CHECKOV: &[(&str, &str)] = &[
    ("TR-AWS-EC2-002", "aws_instance.db_app"),   // CKV_AWS_79
    ("TR-AWS-EC2-002", "aws_instance.web_host"), // CKV_AWS_79
    ("TR-AWS-EC2-003", "aws_instance.db_app"),   // CKV_AWS_8
    ("TR-AWS-EC2-003", "aws_instance.web_host"), // CKV_AWS_8
    ("TR-AWS-EC2-004", "aws_instance.web_host"), // CKV_AWS_46
    ("TR-AWS-EC2-001", "aws_security_group.web-node"), // CKV_AWS_24
    ("TR-AWS-S3-001", "aws_s3_bucket.data"),     // CKV2_AWS_6
    ("TR-AWS-S3-001", "aws_s3_bucket.logs"),     // CKV2_AWS_6
    ("TR-AWS-S3-001", "aws_s3_bucket.flowbucket"), // CKV2_AWS_6
    ("TR-AWS-S3-004", "aws_s3_bucket.financials"), // CKV_AWS_19
    ("TR-AWS-S3-005", "aws_s3_bucket.data"),     // CKV_AWS_21
    ("TR-AWS-ECR-001", "aws_ecr_repository.repository"), // CKV_AWS_51
    ("TR-AWS-ECR-002", "aws_ecr_repository.repository"), // CKV_AWS_163
    ("TR-AWS-EKS-001", "aws_eks_cluster.eks_cluster"), // CKV_AWS_38/39
    ("TR-AWS-EKS-002", "aws_eks_cluster.eks_cluster"), // CKV_AWS_58
    ("TR-AWS-EKS-003", "aws_eks_cluster.eks_cluster"), // CKV_AWS_37
    (
        "TR-AWS-OPENSEARCH-001",
        "aws_elasticsearch_domain.monitoring-framework",
    ), // CKV_AWS_5
    ("TR-AWS-KMS-001", "aws_kms_key.logs_key"),  // CKV_AWS_7
    ("TR-AWS-LAMBDA-001", "aws_lambda_function.analysis_lambda"), // CKV_AWS_45
];

#[test]
fn terragoat_findings_agree_with_checkov() {
    let Some((hits, _)) = run() else { return };
    let missing: Vec<_> = AGREED_WITH_CHECKOV
        .iter()
        .filter(|(r, a)| !hits.contains(&(r.to_string(), a.to_string())))
        .collect();
    assert!(
        missing.is_empty(),
        "expected findings not raised: {missing:?}\nall: {hits:#?}"
    );
}

#[test]
fn terragoat_has_no_clearly_false_findings() {
    let Some((hits, _)) = run() else { return };
    let must_not = [
        // `logs` declares SSE-KMS default encryption; `operations`, `data_science`, `logs` enable versioning.
        ("TR-AWS-S3-004", "aws_s3_bucket.logs"),
        ("TR-AWS-S3-005", "aws_s3_bucket.operations"),
        ("TR-AWS-S3-005", "aws_s3_bucket.data_science"),
        ("TR-AWS-S3-005", "aws_s3_bucket.logs"),
        // `financials` is private; `logs` uses log-delivery-write, which is not a public ACL.
        ("TR-AWS-S3-002", "aws_s3_bucket.financials"),
        ("TR-AWS-S3-002", "aws_s3_bucket.logs"),
        // Open to 0.0.0.0/0 only for egress; ingress is 3306 from the VPC's own CIDR.
        ("TR-AWS-EC2-001", "aws_security_group.default"),
        // ec2:*, s3:*, lambda:*, cloudwatch:* on * is broad, but not action `*`.
        ("TR-AWS-IAM-001", "aws_iam_user_policy.userpolicy"),
        ("TR-AWS-IAM-001", "aws_iam_user.user"),
    ];
    let wrong: Vec<_> = must_not
        .iter()
        .filter(|(r, a)| hits.contains(&(r.to_string(), a.to_string())))
        .collect();
    assert!(wrong.is_empty(), "false findings: {wrong:?}");
}

#[test]
fn terragoat_secret_evidence_is_redacted() {
    let Some((_, findings)) = run() else { return };
    let secret_rules = ["TR-AWS-EC2-004", "TR-AWS-LAMBDA-001"];
    let secrets: Vec<_> = findings
        .iter()
        .filter(|f| secret_rules.contains(&f.rule_id.as_str()))
        .collect();
    assert_eq!(
        secrets.len(),
        3,
        "user data of web_host, and access_key + secret_key of analysis_lambda"
    );
    for f in secrets {
        let shown = format!(
            "{} {}",
            f.message,
            f.evidence.as_deref().unwrap_or_default()
        );
        assert!(
            f.evidence.as_deref().is_some_and(|e| e.contains("sha256:")),
            "{shown}"
        );
        // The planted keys are AWS's documented examples; neither may appear in full.
        assert!(
            !shown.contains("AKIAIOSFODNN7EXAMPLE") && !shown.contains("MDENG/bPxRfiCY"),
            "{shown}"
        );
    }
}

#[test]
fn terragoat_defaults_are_reported_as_defaults_at_the_block() {
    let Some((_, findings)) = run() else { return };
    let imds = findings
        .iter()
        .find(|f| f.rule_id == "TR-AWS-EC2-002" && f.resource.address == "aws_instance.web_host")
        .expect("IMDSv1 finding on web_host");
    assert!(imds.message.contains("by default"), "{}", imds.message);
    assert!(imds.location.path().is_some_and(|p| p.ends_with("ec2.tf")));
    let explicit = findings
        .iter()
        .find(|f| f.rule_id == "TR-AWS-ECR-001")
        .expect("mutable tags on the ECR repository");
    assert!(
        !explicit.message.contains("by default"),
        "ecr.tf sets MUTABLE explicitly: {}",
        explicit.message
    );
}
