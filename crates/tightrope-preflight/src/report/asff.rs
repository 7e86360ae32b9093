//! AWS Security Finding Format (ASFF, schema 2018-10-08) for Security Hub `BatchImportFindings`:
//! `{"Findings": [...]}`, one per unsuppressed finding (attack paths included). Field limits are
//! Security Hub's (title 256, description 1024, recommendation 512 characters).
//! Checked in tests against the `AwsSecurityFinding` shape of botocore's Security Hub model.

use crate::Preflight;
use serde_json::{Value, json};
use tightrope_core::{Finding, Severity, Step};

/// Account and region the findings are imported into (IaC does not know them).
#[derive(Debug, Clone)]
pub struct Target {
    pub account: String,
    pub region: String,
}

impl Default for Target {
    fn default() -> Self {
        Target {
            account: tightrope_access::model::PLACEHOLDER_ACCOUNT.into(),
            region: "us-east-1".into(),
        }
    }
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn label(s: Severity) -> (&'static str, u8) {
    match s {
        Severity::Info => ("INFORMATIONAL", 0),
        Severity::Low => ("LOW", 1),
        Severity::Medium => ("MEDIUM", 40),
        Severity::High => ("HIGH", 70),
        Severity::Critical => ("CRITICAL", 90),
    }
}

fn finding_type(f: &Finding) -> &'static str {
    match f.step {
        Step::Detect => "Unusual Behaviors/User",
        Step::Classify => "Sensitive Data Identifications/PII",
        Step::Supply => "Software and Configuration Checks/Vulnerabilities/CVE",
        Step::Access => "Software and Configuration Checks/AWS Security Best Practices",
        Step::Reach => {
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability"
        }
        Step::Audit | Step::Drill => {
            "Software and Configuration Checks/Industry and Regulatory Standards"
        }
    }
}

/// Security Hub's resource type for a source type, `Other` when it has none.
fn resource_type(kind: &str) -> &'static str {
    match kind {
        "aws_s3_bucket" | "AWS::S3::Bucket" => "AwsS3Bucket",
        "aws_iam_role" | "AWS::IAM::Role" => "AwsIamRole",
        "aws_iam_user" | "AWS::IAM::User" => "AwsIamUser",
        "aws_instance" | "AWS::EC2::Instance" => "AwsEc2Instance",
        "aws_security_group" | "AWS::EC2::SecurityGroup" => "AwsEc2SecurityGroup",
        "aws_kms_key" | "AWS::KMS::Key" => "AwsKmsKey",
        "aws_lambda_function" | "AWS::Lambda::Function" => "AwsLambdaFunction",
        "aws_opensearch_domain" | "AWS::OpenSearchService::Domain" => "AwsOpenSearchServiceDomain",
        "aws_sagemaker_notebook_instance" | "AWS::SageMaker::NotebookInstance" => {
            "AwsSageMakerNotebookInstance"
        }
        _ => "Other",
    }
}

fn one(f: &Finding, p: &Preflight, t: &Target, now: &str) -> Value {
    let (sev, normalized) = label(f.severity);
    let id = tightrope_report::fingerprint(f);
    let mut description = f.message.clone();
    if let Some(e) = &f.evidence {
        description.push_str(" | ");
        description.push_str(e);
    }
    let mut v = json!({
        "SchemaVersion": "2018-10-08",
        "Id": format!("tightrope/{}/{id}", p.environment),
        "ProductArn": format!("arn:aws:securityhub:{}:{}:product/{}/default", t.region, t.account, t.account),
        "ProductName": "tightrope",
        "CompanyName": "tightrope",
        "GeneratorId": format!("tightrope-{}", f.rule_id),
        "AwsAccountId": t.account,
        "Types": [finding_type(f)],
        "CreatedAt": now,
        "UpdatedAt": now,
        "Severity": {"Label": sev, "Normalized": normalized, "Original": f.severity.as_str()},
        "Title": cut(&f.title, 256),
        "Description": cut(&description, 1024),
        "Remediation": {"Recommendation": {"Text": cut(&f.remediation, 512)}},
        "Resources": [{
            "Type": resource_type(&f.resource.kind),
            "Id": cut(&f.resource.address, 512),
            "Partition": "aws",
            "Region": t.region,
        }],
        "ProductFields": {"tightrope/step": f.step.as_str(), "tightrope/rule": f.rule_id, "tightrope/location": crate::report::location(&f.location), "tightrope/ai": f.ai.to_string()},
        "RecordState": "ACTIVE",
        "Workflow": {"Status": "NEW"},
    });
    if let Some(url) = f.references.iter().find_map(|r| r.url.clone()) {
        v["Remediation"]["Recommendation"]["Url"] = json!(url);
    }
    v
}

pub fn render(p: &Preflight, t: &Target) -> String {
    let now = tightrope_cloudtrail::format_time(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    );
    let findings: Vec<Value> = p
        .all_findings()
        .iter()
        .filter(|f| f.suppressed.is_none())
        .map(|f| one(f, p, t, &now))
        .collect();
    serde_json::to_string_pretty(&json!({"Findings": findings})).unwrap_or_default() + "\n"
}
