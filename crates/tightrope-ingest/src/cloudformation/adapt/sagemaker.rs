//! SageMaker notebook instances, Studio domains, models and endpoint configurations.

use super::declared;
use crate::fields::Fields;
use tightrope_core::state::aws::sagemaker::{Domain, EndpointConfig, Model, ModelContainer, NotebookInstance};
use tightrope_core::{Attr, CloudState};

pub fn notebook_instance(f: &Fields, state: &mut CloudState) {
    let imds = f.string("InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion", Some("1"));
    state.aws.sagemaker.notebook_instances.push(NotebookInstance {
        meta: f.meta("Tags"),
        name: f.string("NotebookInstanceName", None),
        role: f.link("RoleArn"),
        instance_type: f.string("InstanceType", None),
        direct_internet_access: f.enabled("DirectInternetAccess", Some(true)),
        root_access: f.enabled("RootAccess", Some(true)),
        subnet: f.link("SubnetId"),
        security_groups: f.links("SecurityGroupIds"),
        kms_key: f.link("KmsKeyId"),
        lifecycle_config: f.link("LifecycleConfigName"),
        minimum_imds_version: imds.map(|v| if v.starts_with('v') { v } else { format!("v{v}") }),
    });
}

pub fn domain(f: &Fields, state: &mut CloudState) {
    state.aws.sagemaker.domains.push(Domain {
        meta: f.meta("Tags"),
        name: f.string("DomainName", None),
        auth_mode: f.string("AuthMode", None),
        app_network_access_type: f.string("AppNetworkAccessType", Some("PublicInternetOnly")),
        vpc: f.link("VpcId"),
        kms_key: f.link("KmsKeyId"),
        execution_role: f.link("DefaultUserSettings.ExecutionRole"),
    });
}

pub fn model(f: &Fields, state: &mut CloudState) {
    let containers = f
        .all("PrimaryContainer")
        .into_iter()
        .chain(f.all("Containers"))
        .map(|n| {
            let c = f.at(n);
            ModelContainer { image: c.string("Image", None), model_data_url: c.string("ModelDataUrl", None) }
        })
        .collect();
    state.aws.sagemaker.models.push(Model {
        meta: f.meta("Tags"),
        name: f.string("ModelName", None),
        execution_role: f.link("ExecutionRoleArn"),
        network_isolation: f.bool("EnableNetworkIsolation", Some(false)),
        in_vpc: declared(f, "VpcConfig"),
        containers,
    });
}

pub fn endpoint_config(f: &Fields, state: &mut CloudState) {
    // Capture is on by default once a `DataCaptureConfig` is written.
    let data_capture_enabled = match f.node("DataCaptureConfig") {
        Some(n) => f.at(n).bool("EnableCapture", Some(true)),
        None => Attr::default_value(Some(false), f.block_origin()),
    };
    state.aws.sagemaker.endpoint_configs.push(EndpointConfig {
        meta: f.meta("Tags"),
        name: f.string("EndpointConfigName", None),
        kms_key: f.link("KmsKeyId"),
        data_capture_enabled,
        data_capture_kms_key: f.link("DataCaptureConfig.KmsKeyId"),
        variant_models: f.links("ProductionVariants.ModelName"),
    });
}
