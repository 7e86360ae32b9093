//! A small hand-built scan: findings of every kind of origin, suppressions (inline and external),
//! findings below the minimum severity, input errors and the rules that ran.

#![allow(dead_code)]

use std::sync::Arc;
use tightrope_core::{Finding, InputError, Origin, Reference, ResourceRef, Severity, Step, Suppression};
use tightrope_report::{Report, RuleDescriptor};

pub const MAIN_TF: &str = "infra/main.tf";
pub const NOTEBOOK_TF: &str = "infra/ml notebook.tf";
pub const NOTEBOOK_ARN: &str = "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research";

pub struct Scan {
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
    pub rules: Vec<RuleDescriptor>,
}

impl Scan {
    pub fn report(&self, min_severity: Severity) -> Report<'_> {
        Report {
            tool_version: "0.1.0",
            findings: &self.findings,
            errors: &self.errors,
            not_evaluated: &[],
            rules: &self.rules,
            files_scanned: 3,
            resources: 7,
            min_severity,
        }
    }
}

pub fn file(path: &str, start: u32, end: u32) -> Origin {
    Origin::file(&Arc::from(path), start, end)
}

pub fn rule(id: &str, title: &str, severity: Severity, step: Step, ai: bool) -> RuleDescriptor {
    RuleDescriptor {
        id: id.into(),
        title: title.into(),
        severity,
        step,
        ai,
        doc_markdown: format!("# {title}\n\nWhy `{id}` matters, in a paragraph.\n\nMore detail."),
        remediation: format!("Fix {id}."),
        references: vec![
            Reference { name: "CIS AWS 2.1.1".into(), url: Some(format!("https://docs.example/{id}")) },
            Reference { name: "OWASP LLM02".into(), url: None },
        ],
        compliance: vec!["owasp-llm/LLM02".into()],
    }
}

/// A finding of `rule`, on `address` (of `kind`) at `location`.
pub fn finding(
    rule: &RuleDescriptor,
    address: &str,
    kind: &str,
    location: Origin,
    attribute: Option<&str>,
    message: &str,
) -> Finding {
    Finding {
        rule_id: rule.id.clone(),
        title: rule.title.clone(),
        severity: rule.severity,
        step: rule.step,
        ai: rule.ai,
        resource: ResourceRef { address: address.into(), kind: kind.into() },
        location,
        attribute: attribute.map(str::to_string),
        message: message.into(),
        evidence: None,
        remediation: rule.remediation.clone(),
        references: rule.references.clone(),
        suppressed: None,
    }
}

pub fn scan() -> Scan {
    let encryption =
        rule("TR-AWS-S3-001", "S3 bucket is not encrypted with a KMS key", Severity::High, Step::Audit, false);
    let internet = rule(
        "TR-AWS-SAGEMAKER-001",
        "SageMaker notebook has direct internet access",
        Severity::Critical,
        Step::Reach,
        true,
    );
    let rotation = rule("TR-AWS-KMS-001", "KMS key rotation is disabled", Severity::Medium, Step::Audit, false);
    let logging = rule("TR-AWS-S3-002", "S3 bucket access logging is disabled", Severity::Low, Step::Detect, false);
    let versioning = rule("TR-AWS-S3-003", "S3 bucket versioning is disabled", Severity::Medium, Step::Audit, false);

    let mut findings = vec![
        finding(
            &encryption,
            "aws_s3_bucket.data",
            "aws_s3_bucket",
            file(MAIN_TF, 12, 14),
            Some("server_side_encryption_configuration"),
            "Training data bucket is not encrypted with a KMS key",
        ),
        finding(
            &internet,
            "aws_sagemaker_notebook_instance.research",
            "aws_sagemaker_notebook_instance",
            file(NOTEBOOK_TF, 30, 30),
            Some("direct_internet_access"),
            "Notebook can reach the internet directly",
        ),
        finding(
            &internet,
            "research",
            "AWS::SageMaker::NotebookInstance",
            Origin::Api { arn: NOTEBOOK_ARN.into(), field: "DirectInternetAccess".into() },
            Some("DirectInternetAccess"),
            "Live notebook has direct internet access",
        ),
        finding(
            &rotation,
            "aws_kms_key.k",
            "aws_kms_key",
            file(MAIN_TF, 40, 44),
            Some("enable_key_rotation"),
            "Key rotation is off",
        ),
        // Below the minimum severity (medium) in most tests.
        finding(
            &logging,
            "aws_s3_bucket.data",
            "aws_s3_bucket",
            file(MAIN_TF, 10, 20),
            Some("logging"),
            "Access logging is disabled",
        ),
        // Suppressed by an inline comment in the same file.
        finding(
            &versioning,
            "aws_s3_bucket.logs",
            "aws_s3_bucket",
            file(MAIN_TF, 50, 55),
            Some("versioning.enabled"),
            "Versioning is disabled",
        ),
        // Suppressed from a suppressions file.
        finding(
            &encryption,
            "aws_s3_bucket.logs",
            "aws_s3_bucket",
            file(MAIN_TF, 50, 55),
            Some("server_side_encryption_configuration"),
            "Log bucket is not encrypted with a KMS key",
        ),
    ];
    findings[5].suppressed = Some(Suppression {
        rule: "TR-AWS-S3-003".into(),
        reason: "log bucket, versioning not needed".into(),
        origin: file(MAIN_TF, 49, 49),
    });
    findings[6].suppressed = Some(Suppression {
        rule: "*".into(),
        reason: "accepted risk ticket SEC-42".into(),
        origin: file(".tightrope/suppressions.yaml", 3, 5),
    });

    let errors = vec![
        InputError {
            path: "infra/broken.tf".into(),
            line: Some(7),
            message: "expected `}` to close block `resource`".into(),
        },
        InputError { path: "k8s/bad.yaml".into(), line: None, message: "file is not valid UTF-8".into() },
    ];
    Scan { findings, errors, rules: vec![encryption, internet, rotation, logging, versioning] }
}
