//! Bedrock guardrails, agents and knowledge bases.

use super::declared;
use crate::fields::Fields;
use tightrope_core::state::aws::bedrock::{Agent, ContentFilter, Guardrail, KnowledgeBase};
use tightrope_core::{Attr, CloudState};

pub fn guardrail(f: &Fields, state: &mut CloudState) {
    let content_filters = f
        .all("ContentPolicyConfig.FiltersConfig")
        .into_iter()
        .map(|n| {
            let c = f.at(n);
            ContentFilter { filter_type: c.string("Type", None), input_strength: c.string("InputStrength", None), output_strength: c.string("OutputStrength", None) }
        })
        .collect();
    state.aws.bedrock.guardrails.push(Guardrail {
        meta: f.meta("Tags"),
        name: f.string("Name", None),
        content_filters,
        sensitive_information: declared(f, "SensitiveInformationPolicyConfig"),
        contextual_grounding: f.strings("ContextualGroundingPolicyConfig.FiltersConfig.Type"),
        kms_key: f.link("KmsKeyArn"),
    });
}

pub fn agent(f: &Fields, state: &mut CloudState) {
    state.aws.bedrock.agents.push(Agent {
        meta: f.meta("Tags"),
        name: f.string("AgentName", None),
        role: f.link("AgentResourceRoleArn"),
        guardrail: f.link("GuardrailConfiguration.GuardrailIdentifier"),
        kms_key: f.link("CustomerEncryptionKeyArn"),
        foundation_model: f.string("FoundationModel", None),
    });
}

pub fn knowledge_base(f: &Fields, state: &mut CloudState) {
    state.aws.bedrock.knowledge_bases.push(KnowledgeBase {
        meta: f.meta("Tags"),
        name: f.string("Name", None),
        role: f.link("RoleArn"),
        storage_type: f.string("StorageConfiguration.Type", None),
        // CloudFormation has no key property for a knowledge base itself.
        kms_key: Attr::default_value(None, f.block_origin()),
    });
}
