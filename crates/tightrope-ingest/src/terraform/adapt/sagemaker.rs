//! SageMaker notebook instances, Studio domains, models and endpoint configurations.

use super::ByKind;
use super::block::{present, within};
use crate::fields::Fields;
use tightrope_core::state::aws::sagemaker::{Domain, EndpointConfig, Model, ModelContainer, NotebookInstance};
use tightrope_core::{Attr, CloudState};

pub const KINDS: &[&str] =
    &["aws_sagemaker_notebook_instance", "aws_sagemaker_domain", "aws_sagemaker_model", "aws_sagemaker_endpoint_configuration"];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let sm = &mut state.aws.sagemaker;
    sm.notebook_instances.extend(by.of("aws_sagemaker_notebook_instance").iter().map(|r| notebook(&Fields::new(r))));
    sm.domains.extend(by.of("aws_sagemaker_domain").iter().map(|r| domain(&Fields::new(r))));
    sm.models.extend(by.of("aws_sagemaker_model").iter().map(|r| model(&Fields::new(r))));
    sm.endpoint_configs.extend(by.of("aws_sagemaker_endpoint_configuration").iter().map(|r| endpoint_config(&Fields::new(r))));
}

fn notebook(f: &Fields) -> NotebookInstance {
    let imds = f.string("instance_metadata_service_configuration.minimum_instance_metadata_service_version", Some("1"));
    NotebookInstance {
        meta: f.meta("tags"),
        name: f.string("name", None),
        role: f.link("role_arn"),
        instance_type: f.string("instance_type", None),
        direct_internet_access: f.enabled("direct_internet_access", Some(true)),
        root_access: f.enabled("root_access", Some(true)),
        subnet: f.link("subnet_id"),
        security_groups: f.links("security_groups"),
        kms_key: f.link("kms_key_id"),
        lifecycle_config: f.link("lifecycle_config_name"),
        // Terraform writes "1" / "2"; the state says "v1" / "v2".
        minimum_imds_version: imds.map(|v| if v.starts_with('v') { v } else { format!("v{v}") }),
    }
}

fn domain(f: &Fields) -> Domain {
    Domain {
        meta: f.meta("tags"),
        name: f.string("domain_name", None),
        auth_mode: f.string("auth_mode", None),
        app_network_access_type: f.string("app_network_access_type", Some("PublicInternetOnly")),
        vpc: f.link("vpc_id"),
        kms_key: f.link("kms_key_id"),
        execution_role: f.link("default_user_settings.execution_role"),
    }
}

fn model(f: &Fields) -> Model {
    let containers = ["primary_container", "container"]
        .into_iter()
        .flat_map(|key| f.all(key))
        .map(|b| ModelContainer {
            image: within(f, b, |g| g.string("image", None)),
            model_data_url: within(f, b, |g| g.string("model_data_url", None)),
        })
        .collect();
    Model {
        meta: f.meta("tags"),
        name: f.string("name", None),
        execution_role: f.link("execution_role_arn"),
        network_isolation: f.bool("enable_network_isolation", Some(false)),
        in_vpc: present(f, "vpc_config"),
        containers,
    }
}

fn endpoint_config(f: &Fields) -> EndpointConfig {
    // `enable_capture` defaults to true once a `data_capture_config` block is written.
    let data_capture_enabled = match f.node("data_capture_config") {
        Some(b) if !b.is_unknown() => within(f, b, |g| g.bool("enable_capture", Some(true))),
        Some(b) => Attr::unknown(f.origin_of(b.span)),
        None => Attr::default_value(Some(false), f.block_origin()),
    };
    EndpointConfig {
        meta: f.meta("tags"),
        name: f.string("name", None),
        kms_key: f.link("kms_key_arn"),
        data_capture_enabled,
        data_capture_kms_key: f.link("data_capture_config.kms_key_id"),
        variant_models: f.links("production_variants.model_name"),
    }
}
