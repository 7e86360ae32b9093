//! Bedrock: guardrails, agents, knowledge bases, model invocation logging, custom models.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bedrock {
    pub guardrails: Vec<Guardrail>,
    pub agents: Vec<Agent>,
    pub knowledge_bases: Vec<KnowledgeBase>,
    /// Account/region-level invocation logging configurations declared.
    pub invocation_logging: Vec<InvocationLogging>,
    pub custom_models: Vec<CustomModel>,
}

impl Bedrock {
    /// Bedrock is in use: some Bedrock resource is declared or collected, or invocation logging
    /// has a destination. A live region's logging configuration that was never set (no
    /// destination) is collected for every region and says nothing about use.
    pub fn in_use(&self) -> bool {
        !(self.agents.is_empty() && self.knowledge_bases.is_empty() && self.guardrails.is_empty() && self.custom_models.is_empty())
            || self.invocation_logging.iter().any(InvocationLogging::has_destination)
    }
}

impl InvocationLogging {
    /// Logs go somewhere: an S3 bucket or a CloudWatch log group is set (or may be).
    pub fn has_destination(&self) -> bool {
        !(self.s3_bucket.is_absent() && self.cloudwatch_log_group.is_absent())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Guardrail {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Content filters by type (`PROMPT_ATTACK`, `HATE`, `VIOLENCE`, ...).
    pub content_filters: Vec<ContentFilter>,
    /// A sensitive-information (PII / regex) policy is configured.
    pub sensitive_information: Attr<bool>,
    /// Contextual-grounding filter types configured (`GROUNDING`, `RELEVANCE`).
    pub contextual_grounding: Vec<Attr<String>>,
    pub kms_key: LinkAttr,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContentFilter {
    pub filter_type: Attr<String>,
    /// `NONE`, `LOW`, `MEDIUM`, `HIGH`.
    pub input_strength: Attr<String>,
    pub output_strength: Attr<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    pub meta: Meta,
    pub name: Attr<String>,
    pub role: LinkAttr,
    /// The guardrail attached to the agent, if any.
    pub guardrail: LinkAttr,
    pub kms_key: LinkAttr,
    pub foundation_model: Attr<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeBase {
    pub meta: Meta,
    pub name: Attr<String>,
    pub role: LinkAttr,
    /// Vector store type (`OPENSEARCH_SERVERLESS`, `PINECONE`, `RDS`, ...).
    pub storage_type: Attr<String>,
    pub kms_key: LinkAttr,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InvocationLogging {
    pub meta: Meta,
    pub text_data_delivery: Attr<bool>,
    pub s3_bucket: LinkAttr,
    pub cloudwatch_log_group: LinkAttr,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomModel {
    pub meta: Meta,
    pub name: Attr<String>,
    pub base_model: Attr<String>,
    pub kms_key: LinkAttr,
    pub role: LinkAttr,
    pub in_vpc: Attr<bool>,
}
