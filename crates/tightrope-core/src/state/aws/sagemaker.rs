//! SageMaker: notebook instances, Studio domains, models, endpoint configurations, training jobs.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SageMaker {
    pub notebook_instances: Vec<NotebookInstance>,
    pub domains: Vec<Domain>,
    pub models: Vec<Model>,
    pub endpoint_configs: Vec<EndpointConfig>,
    pub training_jobs: Vec<TrainingJob>,
    /// Notebook instance lifecycle configurations (shell scripts run on create / start).
    pub lifecycle_configs: Vec<LifecycleConfig>,
    /// Model monitoring schedules declared (data quality, model quality, bias, explainability).
    pub monitoring_schedules: Vec<Meta>,
    /// Model registry package groups declared.
    pub model_package_groups: Vec<Meta>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LifecycleConfig {
    pub meta: Meta,
    pub name: Attr<String>,
    /// The `on_create` / `on_start` scripts as written (often base64); never printed unredacted.
    pub scripts: Vec<Attr<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotebookInstance {
    pub meta: Meta,
    pub name: Attr<String>,
    pub role: LinkAttr,
    pub instance_type: Attr<String>,
    /// Direct internet access from the notebook (default: enabled).
    pub direct_internet_access: Attr<bool>,
    /// Root access for notebook users (default: enabled).
    pub root_access: Attr<bool>,
    pub subnet: LinkAttr,
    pub security_groups: Vec<LinkAttr>,
    pub kms_key: LinkAttr,
    pub lifecycle_config: LinkAttr,
    /// `v1` (default, IMDSv1 allowed) or `v2`.
    pub minimum_imds_version: Attr<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub meta: Meta,
    pub name: Attr<String>,
    /// `IAM` or `SSO`.
    pub auth_mode: Attr<String>,
    /// `PublicInternetOnly` (default) or `VpcOnly`.
    pub app_network_access_type: Attr<String>,
    pub vpc: LinkAttr,
    pub kms_key: LinkAttr,
    pub execution_role: LinkAttr,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub meta: Meta,
    pub name: Attr<String>,
    pub execution_role: LinkAttr,
    pub network_isolation: Attr<bool>,
    pub in_vpc: Attr<bool>,
    pub containers: Vec<ModelContainer>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelContainer {
    pub image: Attr<String>,
    pub model_data_url: Attr<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EndpointConfig {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Encrypts the ML storage volumes attached to the endpoint instances.
    pub kms_key: LinkAttr,
    pub data_capture_enabled: Attr<bool>,
    pub data_capture_kms_key: LinkAttr,
    pub variant_models: Vec<LinkAttr>,
}

/// Training and processing jobs: from the live API, and from IaC the monitoring job definitions
/// (data quality, model quality, bias, explainability), which run processing jobs with these settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainingJob {
    pub meta: Meta,
    pub name: Attr<String>,
    pub role: LinkAttr,
    pub network_isolation: Attr<bool>,
    pub inter_container_encryption: Attr<bool>,
    pub in_vpc: Attr<bool>,
    pub volume_kms_key: LinkAttr,
    pub output_kms_key: LinkAttr,
}
