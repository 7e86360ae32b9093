//! SageMaker monitoring job definitions (processing jobs with network and KMS settings), notebook
//! lifecycle configurations, monitoring schedules and model package groups.

use super::declared;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::sagemaker::{LifecycleConfig, TrainingJob};

/// `AWS::SageMaker::{DataQuality,ModelQuality,ModelBias,ModelExplainability}JobDefinition`: the
/// output configuration's name carries the definition's kind.
pub fn job_definition(f: &Fields, state: &mut CloudState) {
    let output = [
        "DataQualityJobOutputConfig",
        "ModelQualityJobOutputConfig",
        "ModelBiasJobOutputConfig",
        "ModelExplainabilityJobOutputConfig",
    ]
    .into_iter()
    .find(|p| f.has(p))
    .unwrap_or("DataQualityJobOutputConfig");
    state.aws.sagemaker.training_jobs.push(TrainingJob {
        meta: f.meta("Tags"),
        name: f.string("JobDefinitionName", None),
        role: f.link("RoleArn"),
        network_isolation: f.bool("NetworkConfig.EnableNetworkIsolation", Some(false)),
        inter_container_encryption: f.bool("NetworkConfig.EnableInterContainerTrafficEncryption", Some(false)),
        in_vpc: declared(f, "NetworkConfig.VpcConfig"),
        volume_kms_key: f.link("JobResources.ClusterConfig.VolumeKmsKeyId"),
        output_kms_key: f.link(&format!("{output}.KmsKeyId")),
    });
}

pub fn lifecycle_config(f: &Fields, state: &mut CloudState) {
    let scripts = ["OnCreate.Content", "OnStart.Content"]
        .into_iter()
        .flat_map(|p| f.strings(p))
        .collect();
    state.aws.sagemaker.lifecycle_configs.push(LifecycleConfig {
        meta: f.meta("Tags"),
        name: f.string("NotebookInstanceLifecycleConfigName", None),
        scripts,
    });
}

pub fn monitoring_schedule(f: &Fields, state: &mut CloudState) {
    state.aws.sagemaker.monitoring_schedules.push(f.meta("Tags"));
}

pub fn model_package_group(f: &Fields, state: &mut CloudState) {
    state.aws.sagemaker.model_package_groups.push(f.meta("ModelPackageGroupTags"));
}
