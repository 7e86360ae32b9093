//! Kubernetes workloads (Pods and the controllers that template them).

use super::Meta;
use crate::attr::Attr;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kubernetes {
    pub workloads: Vec<Workload>,
    pub services: Vec<Service>,
    pub network_policies: Vec<NetworkPolicy>,
}

/// A Service: how workloads are exposed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub meta: Meta,
    pub name: String,
    pub namespace: Attr<String>,
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer`, `ExternalName`.
    pub service_type: Attr<String>,
    /// `spec.selector`: the pod labels it sends traffic to.
    pub selector: std::collections::BTreeMap<String, String>,
    pub annotations: std::collections::BTreeMap<String, String>,
    /// `spec.loadBalancerSourceRanges`: client CIDRs allowed through a cloud load balancer.
    pub load_balancer_source_ranges: Vec<Attr<String>>,
}

/// A NetworkPolicy: its namespace is what matters for "is traffic restricted at all here".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkPolicy {
    pub meta: Meta,
    pub name: String,
    pub namespace: Attr<String>,
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
    /// Labels of the pods it runs (the pod template's, or the Pod's own), matched by Service selectors.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub pod_labels: std::collections::BTreeMap<String, String>,
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
