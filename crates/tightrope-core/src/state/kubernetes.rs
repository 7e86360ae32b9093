//! Kubernetes workloads (Pods and the controllers that template them).

use super::Meta;
use crate::attr::Attr;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kubernetes {
    pub workloads: Vec<Workload>,
}

/// A Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob: its pod template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    pub meta: Meta,
    pub name: String,
    pub namespace: Attr<String>,
    pub host_network: Attr<bool>,
    pub host_pid: Attr<bool>,
    pub host_ipc: Attr<bool>,
    pub service_account_name: Attr<String>,
    pub automount_service_account_token: Attr<bool>,
    /// Pod-level `securityContext.runAsNonRoot`.
    pub run_as_non_root: Attr<bool>,
    pub containers: Vec<Container>,
    pub volumes: Vec<Volume>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Container {
    pub name: String,
    /// `containers`, `initContainers` or `ephemeralContainers`.
    pub role: String,
    pub image: Attr<String>,
    pub privileged: Attr<bool>,
    pub allow_privilege_escalation: Attr<bool>,
    pub run_as_non_root: Attr<bool>,
    pub run_as_user: Attr<i64>,
    pub read_only_root_filesystem: Attr<bool>,
    pub capabilities_add: Vec<Attr<String>>,
    pub limits_cpu: Attr<String>,
    pub limits_memory: Attr<String>,
    /// `nvidia.com/gpu` (or another accelerator) limit: the container is an AI workload.
    pub limits_gpu: Attr<String>,
    pub env: Vec<EnvVar>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnvVar {
    pub name: String,
    /// A literal value (never printed unredacted); `None` when it comes from a Secret or ConfigMap.
    pub value: Attr<String>,
    pub from_secret: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    pub name: String,
    pub host_path: Attr<String>,
}
