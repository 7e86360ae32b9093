//! Bedrock guardrails, agents, knowledge bases, model invocation logging and custom models.

use super::ByKind;
use super::block::{present, within};
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::bedrock::{Agent, ContentFilter, CustomModel, Guardrail, InvocationLogging, KnowledgeBase};

pub const KINDS: &[&str] = &[
    "aws_bedrock_guardrail",
    "aws_bedrockagent_agent",
    "aws_bedrockagent_knowledge_base",
    "aws_bedrock_model_invocation_logging_configuration",
    "aws_bedrock_custom_model",
];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let bedrock = &mut state.aws.bedrock;
    bedrock.guardrails.extend(by.of("aws_bedrock_guardrail").iter().map(|r| guardrail(&Fields::new(r))));
    bedrock.agents.extend(by.of("aws_bedrockagent_agent").iter().map(|r| {
        let f = Fields::new(r);
        Agent {
            meta: f.meta("tags"),
            name: f.string("agent_name", None),
            role: f.link("agent_resource_role_arn"),
            guardrail: f.link("guardrail_configuration.guardrail_identifier"),
            kms_key: f.link("customer_encryption_key_arn"),
            foundation_model: f.string("foundation_model", None),
        }
    }));
    bedrock.knowledge_bases.extend(by.of("aws_bedrockagent_knowledge_base").iter().map(|r| {
        let f = Fields::new(r);
        KnowledgeBase {
            meta: f.meta("tags"),
            name: f.string("name", None),
            role: f.link("role_arn"),
            storage_type: f.string("storage_configuration.type", None),
            // Not an argument of the Terraform resource today; read in case a provider adds it.
            kms_key: f.link("kms_key_arn"),
        }
    }));
    bedrock.invocation_logging.extend(by.of("aws_bedrock_model_invocation_logging_configuration").iter().map(|r| {
        let f = Fields::new(r);
        InvocationLogging {
            meta: f.meta("tags"),
            text_data_delivery: f.bool("logging_config.text_data_delivery_enabled", Some(true)),
            s3_bucket: f.link("logging_config.s3_config.bucket_name"),
            cloudwatch_log_group: f.link("logging_config.cloudwatch_config.log_group_name"),
        }
    }));
    bedrock.custom_models.extend(by.of("aws_bedrock_custom_model").iter().map(|r| {
        let f = Fields::new(r);
        CustomModel {
            meta: f.meta("tags"),
            name: f.string("custom_model_name", None),
            base_model: f.string("base_model_identifier", None),
            kms_key: f.link("custom_model_kms_key_id"),
            role: f.link("role_arn"),
            in_vpc: present(&f, "vpc_config"),
        }
    }));
}

fn guardrail(f: &Fields) -> Guardrail {
    let content_filters = f
        .all("content_policy_config.filters_config")
        .into_iter()
        .map(|b| ContentFilter {
            filter_type: within(f, b, |g| g.string("type", None)),
            input_strength: within(f, b, |g| g.string("input_strength", None)),
            output_strength: within(f, b, |g| g.string("output_strength", None)),
        })
        .collect();
    Guardrail {
        meta: f.meta("tags"),
        name: f.string("name", None),
        content_filters,
        sensitive_information: present(f, "sensitive_information_policy_config"),
        contextual_grounding: f.strings("contextual_grounding_policy_config.filters_config.type"),
        kms_key: f.link("kms_key_arn"),
    }
}
