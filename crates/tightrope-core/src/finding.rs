//! The one [`Finding`] type every analyzer emits, and the input errors a scan reports beside it.

use crate::origin::Origin;
use crate::severity::Severity;
use serde::{Deserialize, Serialize};

/// The preflight step a rule or finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    Audit,
    Access,
    Classify,
    Detect,
    Supply,
    Reach,
    Drill,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Audit => "audit",
            Step::Access => "access",
            Step::Classify => "classify",
            Step::Detect => "detect",
            Step::Supply => "supply",
            Step::Reach => "reach",
            Step::Drill => "drill",
        }
    }
}

/// An external reference for a rule (a benchmark control, a framework entry, documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// e.g. "CIS AWS 2.1.1", "OWASP LLM02", "MITRE ATLAS AML.T0024", "NIST AI RMF MANAGE 2.2"
    pub name: String,
    pub url: Option<String>,
}

/// The resource a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResourceRef {
    /// Stable address: `aws_s3_bucket.data`, `module.ml.aws_sagemaker_model.llm`,
    /// `TrainingBucket` (CloudFormation logical id), `Deployment/default/web` (Kubernetes), or an ARN.
    pub address: String,
    /// Type in the source's own vocabulary: `aws_s3_bucket`, `AWS::S3::Bucket`, `Deployment`.
    pub kind: String,
}

/// Why a finding is suppressed, and where that was said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    /// Rule id, or `*` for every rule.
    pub rule: String,
    pub reason: String,
    /// Where the suppression was written (inline comment or suppressions file).
    pub origin: Origin,
}

impl Suppression {
    pub fn matches(&self, rule_id: &str) -> bool {
        self.rule == "*" || self.rule.eq_ignore_ascii_case(rule_id)
    }
}

/// One result of one rule about one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    pub title: String,
    pub severity: Severity,
    pub step: Step,
    /// The rule concerns an AI workload (SageMaker, Bedrock, vector store, GPU nodes, ...).
    pub ai: bool,
    pub resource: ResourceRef,
    /// Where to change it: the attribute's own location when it was set explicitly, otherwise the
    /// resource block where it must be added.
    pub location: Origin,
    /// The attribute the finding is about, in the source's vocabulary (`metadata_options.http_tokens`).
    pub attribute: Option<String>,
    pub message: String,
    /// Supporting evidence, always redacted where sensitive.
    pub evidence: Option<String>,
    pub remediation: String,
    pub references: Vec<Reference>,
    /// Set when an inline comment or suppressions file accepted this finding, with the reason.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub suppressed: Option<Suppression>,
}

/// A source that could not be read or understood. A scan reports it and carries on with the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    pub path: String,
    pub line: Option<u32>,
    /// What went wrong, and what was expected.
    pub message: String,
}
