//! [`RawResource`]: one resource as a reader found it, before adaptation into the typed state.

use crate::node::{Node, Span};
use std::sync::Arc;
use tightrope_core::Suppression;

/// The vocabulary a resource is written in; decides which adapter reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vocabulary {
    /// Terraform resource types and attribute names (HCL, plan JSON, state JSON).
    Terraform,
    /// CloudFormation resource types and property names.
    CloudFormation,
    /// Kubernetes manifests.
    Kubernetes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawResource {
    pub vocabulary: Vocabulary,
    /// Source type: `aws_s3_bucket`, `AWS::S3::Bucket`, `Deployment`.
    pub kind: String,
    /// Stable address: `aws_s3_bucket.data`, `module.ml.aws_s3_bucket.data["a"]`, a logical id.
    pub address: String,
    pub file: Arc<str>,
    /// The whole resource block.
    pub span: Span,
    /// Attributes (Terraform), `Properties` (CloudFormation) or the whole manifest (Kubernetes).
    pub body: Node,
    /// Inline suppressions found in or just above the block.
    pub suppressions: Vec<Suppression>,
}
