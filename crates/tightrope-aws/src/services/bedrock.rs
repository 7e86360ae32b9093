//! Bedrock: the region's model invocation logging configuration, guardrails, custom models (with
//! the customization job that made them: role and VPC), and, through the Agents API, agents and
//! knowledge bases.

use crate::services::{describe_each, Fragment};
use crate::session::{client, Ctx};
use crate::values::{api, link, meta, opt, text, texts};
use tightrope_core::state::aws::bedrock::{Agent, ContentFilter, CustomModel, Guardrail, InvocationLogging, KnowledgeBase};
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let bedrock = client!(aws_sdk_bedrock, ctx);
    invocation_logging(ctx, &bedrock, f).await;
    guardrails(&bedrock, f).await;
    custom_models(&bedrock, f).await;
    let agent = client!(aws_sdk_bedrockagent, ctx);
    agents(&agent, f).await;
    knowledge_bases(&agent, f).await;
}

/// The region's invocation logging: one resource per region, with no destination when logging
/// was never configured (so the logging rule reports the region).
async fn invocation_logging(ctx: &Ctx, bedrock: &aws_sdk_bedrock::Client, f: &mut Fragment) {
    let Ok(Some(out)) = f.gaps.sub("GetModelInvocationLoggingConfiguration", bedrock.get_model_invocation_logging_configuration().send().await, &[]) else {
        return;
    };
    let arn = ctx.arn("bedrock", "model-invocation-logging");
    let arn = arn.as_str();
    let config = out.logging_config();
    f.aws.bedrock.invocation_logging.push(InvocationLogging {
        meta: meta(arn, "AWS::Bedrock::ModelInvocationLoggingConfiguration", "loggingConfig"),
        text_data_delivery: match config {
            // AWS's default for a configuration that leaves the flag out is to deliver text.
            Some(c) => Attr::explicit(c.text_data_delivery_enabled().unwrap_or(true), api(arn, "loggingConfig.textDataDeliveryEnabled")),
            None => opt(None, arn, "loggingConfig"),
        },
        s3_bucket: link(config.and_then(|c| c.s3_config()).map(|s| s.bucket_name()), arn, "loggingConfig.s3Config.bucketName"),
        cloudwatch_log_group: link(config.and_then(|c| c.cloud_watch_config()).map(|c| c.log_group_name()), arn, "loggingConfig.cloudWatchConfig.logGroupName"),
    });
}

async fn guardrails(bedrock: &aws_sdk_bedrock::Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListGuardrails", bedrock.list_guardrails(), guardrails) else { return };
    let ids = list.iter().map(|g| g.id().to_string()).collect();
    let described = describe_each(&mut f.gaps, "GetGuardrail", ids, |id| bedrock.get_guardrail().guardrail_identifier(id).send()).await;
    for g in described {
        let arn = g.guardrail_arn();
        let content_filters = g
            .content_policy()
            .map(|p| p.filters())
            .unwrap_or_default()
            .iter()
            .map(|c| ContentFilter {
                filter_type: Attr::explicit(c.r#type().as_str().to_string(), api(arn, "contentPolicy.filters.type")),
                input_strength: Attr::explicit(c.input_strength().as_str().to_string(), api(arn, "contentPolicy.filters.inputStrength")),
                output_strength: Attr::explicit(c.output_strength().as_str().to_string(), api(arn, "contentPolicy.filters.outputStrength")),
            })
            .collect();
        let grounding = g.contextual_grounding_policy().map(|p| p.filters()).unwrap_or_default().iter().filter(|c| c.enabled() != Some(false)).map(|c| c.r#type().as_str());
        f.aws.bedrock.guardrails.push(Guardrail {
            meta: meta(arn, "AWS::Bedrock::Guardrail", "guardrails"),
            name: text(Some(g.name()), arn, "name"),
            content_filters,
            sensitive_information: Attr::explicit(g.sensitive_information_policy().is_some(), api(arn, "sensitiveInformationPolicy")),
            contextual_grounding: texts(grounding, arn, "contextualGroundingPolicy.filters.type"),
            kms_key: link(g.kms_key_arn(), arn, "kmsKeyArn"),
        });
    }
}

/// Custom models; the role and VPC of each come from the customization job that trained it.
async fn custom_models(bedrock: &aws_sdk_bedrock::Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListCustomModels", bedrock.list_custom_models(), model_summaries) else { return };
    let arns = list.iter().map(|m| m.model_arn().to_string()).collect();
    let described = describe_each(&mut f.gaps, "GetCustomModel", arns, |arn| bedrock.get_custom_model().model_identifier(arn).send()).await;
    for m in described {
        let arn = m.model_arn();
        let job = match m.job_arn() {
            Some(job) => f.gaps.sub("GetModelCustomizationJob", bedrock.get_model_customization_job().job_identifier(job).send().await, &[]),
            None => Ok(None),
        };
        let (role, in_vpc) = match &job {
            Ok(Some(j)) => (link(Some(j.role_arn()), arn, "jobArn.roleArn"), Attr::explicit(j.vpc_config().is_some(), api(arn, "jobArn.vpcConfig"))),
            Ok(None) => (opt(None, arn, "jobArn"), opt(None, arn, "jobArn")),
            Err(()) => (Attr::unknown(api(arn, "jobArn.roleArn")), Attr::unknown(api(arn, "jobArn.vpcConfig"))),
        };
        f.aws.bedrock.custom_models.push(CustomModel {
            meta: meta(arn, "AWS::Bedrock::CustomModel", "modelSummaries"),
            name: text(Some(m.model_name()), arn, "modelName"),
            base_model: text(m.base_model_arn(), arn, "baseModelArn"),
            kms_key: link(m.model_kms_key_arn(), arn, "modelKmsKeyArn"),
            role,
            in_vpc,
        });
    }
}

async fn agents(agent: &aws_sdk_bedrockagent::Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListAgents", agent.list_agents(), agent_summaries) else { return };
    let ids = list.iter().map(|a| a.agent_id().to_string()).collect();
    let described = describe_each(&mut f.gaps, "GetAgent", ids, |id| agent.get_agent().agent_id(id).send()).await;
    for a in described.iter().filter_map(|out| out.agent()) {
        let arn = a.agent_arn();
        f.aws.bedrock.agents.push(Agent {
            meta: meta(arn, "AWS::Bedrock::Agent", "agentSummaries"),
            name: text(Some(a.agent_name()), arn, "agentName"),
            role: link(Some(a.agent_resource_role_arn()), arn, "agentResourceRoleArn"),
            guardrail: link(a.guardrail_configuration().and_then(|g| g.guardrail_identifier()), arn, "guardrailConfiguration.guardrailIdentifier"),
            kms_key: link(a.customer_encryption_key_arn(), arn, "customerEncryptionKeyArn"),
            foundation_model: text(a.foundation_model(), arn, "foundationModel"),
        });
    }
}

async fn knowledge_bases(agent: &aws_sdk_bedrockagent::Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListKnowledgeBases", agent.list_knowledge_bases(), knowledge_base_summaries) else { return };
    let ids = list.iter().map(|k| k.knowledge_base_id().to_string()).collect();
    let described = describe_each(&mut f.gaps, "GetKnowledgeBase", ids, |id| agent.get_knowledge_base().knowledge_base_id(id).send()).await;
    for k in described.iter().filter_map(|out| out.knowledge_base()) {
        let arn = k.knowledge_base_arn();
        f.aws.bedrock.knowledge_bases.push(KnowledgeBase {
            meta: meta(arn, "AWS::Bedrock::KnowledgeBase", "knowledgeBaseSummaries"),
            name: text(Some(k.name()), arn, "name"),
            role: link(Some(k.role_arn()), arn, "roleArn"),
            storage_type: text(k.storage_configuration().map(|s| s.r#type().as_str()), arn, "storageConfiguration.type"),
            // The API has no key on the knowledge base itself (the vector store holds its own).
            kms_key: opt(None, arn, "storageConfiguration"),
        });
    }
}
