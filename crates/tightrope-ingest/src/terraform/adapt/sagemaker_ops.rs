//! SageMaker operations around the models: monitoring job definitions (processing jobs with their
//! network and KMS settings), notebook lifecycle configurations, monitoring schedules and model
//! registry package groups.

use super::ByKind;
use super::block::present;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::sagemaker::{LifecycleConfig, TrainingJob};

pub const KINDS: &[&str] = &[
    "aws_sagemaker_data_quality_job_definition",
    "aws_sagemaker_notebook_instance_lifecycle_configuration",
    "aws_sagemaker_monitoring_schedule",
    "aws_sagemaker_model_package_group",
];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let sm = &mut state.aws.sagemaker;
    sm.training_jobs
        .extend(by.of("aws_sagemaker_data_quality_job_definition").iter().map(|r| {
            let f = Fields::new(r);
            TrainingJob {
                meta: f.meta("tags"),
                name: f.string("job_definition_name", None),
                role: f.link("role_arn"),
                network_isolation: f.bool("network_config.enable_network_isolation", Some(false)),
                inter_container_encryption: f.bool("network_config.enable_inter_container_traffic_encryption", Some(false)),
                in_vpc: present(&f, "network_config.vpc_config"),
                volume_kms_key: f.link("job_resources.cluster_config.volume_kms_key_id"),
                output_kms_key: f.link("data_quality_job_output_config.kms_key_id"),
            }
        }));
    sm.lifecycle_configs
        .extend(by.of("aws_sagemaker_notebook_instance_lifecycle_configuration").iter().map(|r| {
            let f = Fields::new(r);
            let scripts = ["on_create", "on_start"]
                .into_iter()
                .filter(|p| f.has(p))
                .map(|p| f.string(p, None))
                .collect();
            LifecycleConfig {
                meta: f.meta("tags"),
                name: f.string("name", None),
                scripts,
            }
        }));
    sm.monitoring_schedules.extend(
        by.of("aws_sagemaker_monitoring_schedule")
            .iter()
            .map(|r| Fields::new(r).meta("tags")),
    );
    sm.model_package_groups.extend(
        by.of("aws_sagemaker_model_package_group")
            .iter()
            .map(|r| Fields::new(r).meta("tags")),
    );
}
