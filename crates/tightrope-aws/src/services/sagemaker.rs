//! SageMaker: notebook instances, Studio domains, models, endpoint configurations and training
//! jobs, each listed then described; monitoring schedules, listed.

use crate::services::{describe_each, Fragment};
use crate::session::{client, Ctx};
use crate::values::{api, attr, link, links, meta, text};
use aws_sdk_sagemaker::Client;
use tightrope_core::state::aws::sagemaker::{Domain, EndpointConfig, Model, ModelContainer, NotebookInstance, TrainingJob};
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let sm = client!(aws_sdk_sagemaker, ctx);
    notebooks(ctx, &sm, f).await;
    endpoint_configs(ctx, &sm, f).await;
    models(ctx, &sm, f).await;
    training_jobs(ctx, &sm, f).await;
    domains(ctx, &sm, f).await;
    monitoring_schedules(&sm, f).await;
}

/// Model Monitor schedules: only whether there are any (the monitoring rule asks no more).
async fn monitoring_schedules(sm: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListMonitoringSchedules", sm.list_monitoring_schedules(), monitoring_schedule_summaries) else { return };
    for s in &list {
        if let Some(arn) = s.monitoring_schedule_arn() {
            f.aws.sagemaker.monitoring_schedules.push(meta(arn, "AWS::SageMaker::MonitoringSchedule", "MonitoringScheduleSummaries"));
        }
    }
}

async fn notebooks(ctx: &Ctx, sm: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListNotebookInstances", sm.list_notebook_instances(), notebook_instances) else { return };
    let keys = list.iter().filter_map(|s| s.notebook_instance_name().map(str::to_string)).collect();
    let described = describe_each(&mut f.gaps, "DescribeNotebookInstance", keys, |name| sm.describe_notebook_instance().notebook_instance_name(name).send()).await;
    for n in described {
        let name = n.notebook_instance_name().unwrap_or_default();
        let arn = n.notebook_instance_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("sagemaker", &format!("notebook-instance/{name}")));
        let arn = arn.as_str();
        f.aws.sagemaker.notebook_instances.push(NotebookInstance {
            meta: meta(arn, "AWS::SageMaker::NotebookInstance", "NotebookInstances"),
            name: text(n.notebook_instance_name(), arn, "NotebookInstanceName"),
            role: link(n.role_arn(), arn, "RoleArn"),
            instance_type: text(n.instance_type().map(|t| t.as_str()), arn, "InstanceType"),
            direct_internet_access: attr(n.direct_internet_access().map(|d| d.as_str() == "Enabled"), Some(true), arn, "DirectInternetAccess"),
            root_access: attr(n.root_access().map(|r| r.as_str() == "Enabled"), Some(true), arn, "RootAccess"),
            subnet: link(n.subnet_id(), arn, "SubnetId"),
            security_groups: links(n.security_groups().iter().map(String::as_str), arn, "SecurityGroups"),
            kms_key: link(n.kms_key_id(), arn, "KmsKeyId"),
            lifecycle_config: link(n.notebook_instance_lifecycle_config_name(), arn, "NotebookInstanceLifecycleConfigName"),
            minimum_imds_version: attr(
                n.instance_metadata_service_configuration().map(|c| c.minimum_instance_metadata_service_version().unwrap_or("1").to_string()),
                Some("1".to_string()),
                arn,
                "InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion",
            )
            .map(|v| format!("v{}", v.trim_start_matches('v'))),
        });
    }
}

async fn endpoint_configs(ctx: &Ctx, sm: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListEndpointConfigs", sm.list_endpoint_configs(), endpoint_configs) else { return };
    let keys = list.iter().filter_map(|s| s.endpoint_config_name().map(str::to_string)).collect();
    let described = describe_each(&mut f.gaps, "DescribeEndpointConfig", keys, |name| sm.describe_endpoint_config().endpoint_config_name(name).send()).await;
    for c in described {
        let name = c.endpoint_config_name().unwrap_or_default();
        let arn = c.endpoint_config_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("sagemaker", &format!("endpoint-config/{name}")));
        let arn = arn.as_str();
        let capture = c.data_capture_config();
        f.aws.sagemaker.endpoint_configs.push(EndpointConfig {
            meta: meta(arn, "AWS::SageMaker::EndpointConfig", "EndpointConfigs"),
            name: text(c.endpoint_config_name(), arn, "EndpointConfigName"),
            kms_key: link(c.kms_key_id(), arn, "KmsKeyId"),
            data_capture_enabled: Attr::explicit(capture.and_then(|d| d.enable_capture()).unwrap_or(capture.is_some()), api(arn, "DataCaptureConfig.EnableCapture")),
            data_capture_kms_key: link(capture.and_then(|d| d.kms_key_id()), arn, "DataCaptureConfig.KmsKeyId"),
            variant_models: links(c.production_variants().iter().filter_map(|v| v.model_name()), arn, "ProductionVariants.ModelName"),
        });
    }
}

async fn models(ctx: &Ctx, sm: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListModels", sm.list_models(), models) else { return };
    let keys = list.iter().filter_map(|s| s.model_name().map(str::to_string)).collect();
    let described = describe_each(&mut f.gaps, "DescribeModel", keys, |name| sm.describe_model().model_name(name).send()).await;
    for m in described {
        let name = m.model_name().unwrap_or_default();
        let arn = m.model_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("sagemaker", &format!("model/{name}")));
        let arn = arn.as_str();
        let containers = m
            .primary_container()
            .into_iter()
            .chain(m.containers())
            .map(|c| ModelContainer { image: text(c.image(), arn, "Containers.Image"), model_data_url: text(c.model_data_url(), arn, "Containers.ModelDataUrl") })
            .collect();
        f.aws.sagemaker.models.push(Model {
            meta: meta(arn, "AWS::SageMaker::Model", "Models"),
            name: text(m.model_name(), arn, "ModelName"),
            execution_role: link(m.execution_role_arn(), arn, "ExecutionRoleArn"),
            network_isolation: attr(m.enable_network_isolation(), Some(false), arn, "EnableNetworkIsolation"),
            in_vpc: Attr::explicit(m.vpc_config().is_some(), api(arn, "VpcConfig")),
            containers,
        });
    }
}

async fn training_jobs(ctx: &Ctx, sm: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListTrainingJobs", sm.list_training_jobs(), training_job_summaries) else { return };
    let keys = list.iter().filter_map(|s| s.training_job_name().map(str::to_string)).collect();
    let described = describe_each(&mut f.gaps, "DescribeTrainingJob", keys, |name| sm.describe_training_job().training_job_name(name).send()).await;
    for j in described {
        let name = j.training_job_name().unwrap_or_default();
        let arn = j.training_job_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("sagemaker", &format!("training-job/{name}")));
        let arn = arn.as_str();
        f.aws.sagemaker.training_jobs.push(TrainingJob {
            meta: meta(arn, "AWS::SageMaker::TrainingJob", "TrainingJobSummaries"),
            name: text(j.training_job_name(), arn, "TrainingJobName"),
            role: link(j.role_arn(), arn, "RoleArn"),
            network_isolation: attr(j.enable_network_isolation(), Some(false), arn, "EnableNetworkIsolation"),
            inter_container_encryption: attr(j.enable_inter_container_traffic_encryption(), Some(false), arn, "EnableInterContainerTrafficEncryption"),
            in_vpc: Attr::explicit(j.vpc_config().is_some(), api(arn, "VpcConfig")),
            volume_kms_key: link(j.resource_config().and_then(|r| r.volume_kms_key_id()), arn, "ResourceConfig.VolumeKmsKeyId"),
            output_kms_key: link(j.output_data_config().and_then(|o| o.kms_key_id()), arn, "OutputDataConfig.KmsKeyId"),
        });
    }
}

async fn domains(ctx: &Ctx, sm: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "ListDomains", sm.list_domains(), domains) else { return };
    let keys = list.iter().filter_map(|s| s.domain_id().map(str::to_string)).collect();
    let described = describe_each(&mut f.gaps, "DescribeDomain", keys, |id| sm.describe_domain().domain_id(id).send()).await;
    for d in described {
        let id = d.domain_id().unwrap_or_default();
        let arn = d.domain_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("sagemaker", &format!("domain/{id}")));
        let arn = arn.as_str();
        f.aws.sagemaker.domains.push(Domain {
            meta: meta(arn, "AWS::SageMaker::Domain", "Domains"),
            name: text(d.domain_name(), arn, "DomainName"),
            auth_mode: text(d.auth_mode().map(|a| a.as_str()), arn, "AuthMode"),
            app_network_access_type: attr(
                d.app_network_access_type().map(|a| a.as_str().to_string()),
                Some("PublicInternetOnly".to_string()),
                arn,
                "AppNetworkAccessType",
            ),
            vpc: link(d.vpc_id(), arn, "VpcId"),
            kms_key: link(d.kms_key_id(), arn, "KmsKeyId"),
            execution_role: link(d.default_user_settings().and_then(|u| u.execution_role()), arn, "DefaultUserSettings.ExecutionRole"),
        });
    }
}
