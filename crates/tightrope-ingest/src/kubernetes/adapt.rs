//! Kubernetes objects to typed [`Workload`]s: the pod template of every workload kind, with
//! Kubernetes' own defaults for what a manifest leaves out. Other kinds are counted as unmodelled.

use crate::fields::{Fields, scalar_string};
use crate::node::{Node, Value};
use crate::raw::RawResource;
use std::collections::BTreeMap;
use tightrope_core::state::kubernetes::{Container, EnvVar, NetworkPolicy, Service, Volume, Workload};
use tightrope_core::{Attr, CloudState};

/// Resource names that request an accelerator; the `*` entry is a prefix.
const GPU_RESOURCES: &[&str] = &["nvidia.com/gpu", "amd.com/gpu", "aws.amazon.com/neuron*"];

const CONTAINER_ROLES: &[&str] = &["containers", "initContainers", "ephemeralContainers"];

pub fn adapt(raw: &[&RawResource], state: &mut CloudState) {
    for res in raw {
        match (pod_spec_path(&res.kind), res.kind.as_str()) {
            (Some(path), _) => state.kubernetes.workloads.push(workload(res, path)),
            (None, "Service") => state.kubernetes.services.push(service(res)),
            (None, "NetworkPolicy") => state.kubernetes.network_policies.push(network_policy(res)),
            (None, _) => *state.unmodelled.entry(res.kind.clone()).or_default() += 1,
        }
    }
}

/// Where a workload kind keeps its pod spec.
fn pod_spec_path(kind: &str) -> Option<&'static str> {
    match kind {
        "Pod" => Some("spec"),
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "ReplicationController" | "Job" => Some("spec.template.spec"),
        "CronJob" => Some("spec.jobTemplate.spec.template.spec"),
        _ => None,
    }
}

fn workload(res: &RawResource, spec_path: &str) -> Workload {
    let f = Fields::new(res);
    let empty = Node::new(Value::Map(Vec::new()), res.span);
    // A workload without a pod spec gets every default, located at the resource block.
    let spec = f.at(f.node(spec_path).unwrap_or(&empty));
    let pod_security = spec.node("securityContext").map(|p| spec.at(p));
    let spec = &spec;
    let pod_security = pod_security.as_ref();
    Workload {
        meta: f.meta("metadata.labels"),
        name: f.node("metadata.name").and_then(Node::as_str).unwrap_or_default().to_string(),
        namespace: f.string("metadata.namespace", Some("default")),
        host_network: k8s_bool(spec, "hostNetwork", Some(false)),
        host_pid: k8s_bool(spec, "hostPID", Some(false)),
        host_ipc: k8s_bool(spec, "hostIPC", Some(false)),
        service_account_name: if spec.has("serviceAccountName") {
            spec.string("serviceAccountName", Some("default"))
        } else {
            // The deprecated alias, still honoured by the API server.
            spec.string("serviceAccount", Some("default"))
        },
        automount_service_account_token: k8s_bool(spec, "automountServiceAccountToken", Some(true)),
        run_as_non_root: k8s_bool(spec, "securityContext.runAsNonRoot", None),
        containers: CONTAINER_ROLES
            .iter()
            .flat_map(|role| spec.all(role).into_iter().map(move |c| container(&spec.at(c), role, pod_security)))
            .collect(),
        volumes: spec
            .all("volumes")
            .into_iter()
            .map(|v| {
                let v = spec.at(v);
                Volume { name: name_of(&v), host_path: v.string("hostPath.path", None) }
            })
            .collect(),
        pod_labels: string_map(f.node(&pod_labels_path(spec_path))),
    }
}

/// Where the labels of a workload's pods are: beside its pod spec (`spec.template.metadata.labels`),
/// or the Pod's own `metadata.labels`.
fn pod_labels_path(spec_path: &str) -> String {
    match spec_path.strip_suffix(".spec") {
        Some(template) => format!("{template}.metadata.labels"),
        None => "metadata.labels".to_string(),
    }
}

/// A map of scalar strings (labels, annotations, selectors); other values are skipped.
fn string_map(n: Option<&Node>) -> BTreeMap<String, String> {
    n.and_then(Node::as_map).unwrap_or_default().iter().filter_map(|(k, v)| scalar_string(v).map(|v| (k.to_string(), v))).collect()
}

fn service(res: &RawResource) -> Service {
    let f = Fields::new(res);
    Service {
        meta: f.meta("metadata.labels"),
        name: f.node("metadata.name").and_then(Node::as_str).unwrap_or_default().to_string(),
        namespace: f.string("metadata.namespace", Some("default")),
        service_type: f.string("spec.type", Some("ClusterIP")),
        selector: string_map(f.node("spec.selector")),
        annotations: string_map(f.node("metadata.annotations")),
        load_balancer_source_ranges: f.strings("spec.loadBalancerSourceRanges"),
    }
}

fn network_policy(res: &RawResource) -> NetworkPolicy {
    let f = Fields::new(res);
    NetworkPolicy {
        meta: f.meta("metadata.labels"),
        name: f.node("metadata.name").and_then(Node::as_str).unwrap_or_default().to_string(),
        namespace: f.string("metadata.namespace", Some("default")),
    }
}

fn name_of(f: &Fields<'_>) -> String {
    f.node("name").and_then(scalar_string).unwrap_or_default()
}

fn container(c: &Fields<'_>, role: &str, pod: Option<&Fields<'_>>) -> Container {
    let sc = |path: &str| format!("securityContext.{path}");
    Container {
        name: name_of(c),
        role: role.to_string(),
        image: c.string("image", None),
        privileged: k8s_bool(c, &sc("privileged"), Some(false)),
        allow_privilege_escalation: k8s_bool(c, &sc("allowPrivilegeEscalation"), Some(true)),
        run_as_non_root: with_pod_fallback(c, pod, "runAsNonRoot", |f, p| k8s_bool(f, p, None)),
        run_as_user: with_pod_fallback(c, pod, "runAsUser", |f, p| f.int(p, None)),
        read_only_root_filesystem: k8s_bool(c, &sc("readOnlyRootFilesystem"), Some(false)),
        capabilities_add: c.strings(&sc("capabilities.add")),
        limits_cpu: c.string("resources.limits.cpu", None),
        limits_memory: c.string("resources.limits.memory", None),
        limits_gpu: gpu_limit(c),
        env: c.all("env").into_iter().map(|e| env_var(&c.at(e))).collect(),
    }
}

/// The container's `securityContext.<field>`, or else the pod's `securityContext.<field>`.
fn with_pod_fallback<T>(c: &Fields<'_>, pod: Option<&Fields<'_>>, field: &str, read: impl Fn(&Fields<'_>, &str) -> Attr<T>) -> Attr<T> {
    let own = format!("securityContext.{field}");
    match pod {
        Some(p) if !c.has(&own) && p.has(field) => read(p, field),
        _ => read(c, &own),
    }
}

/// The first accelerator limit. Resource names contain dots, so the map is searched by key
/// rather than through a dotted path.
fn gpu_limit(c: &Fields<'_>) -> Attr<String> {
    let limits = c.node("resources.limits").and_then(Node::as_map).unwrap_or_default();
    let is_gpu = |key: &str| GPU_RESOURCES.iter().any(|g| g.strip_suffix('*').map_or(key == *g, |prefix| key.starts_with(prefix)));
    match limits.iter().find(|(k, _)| is_gpu(k)) {
        Some((_, n)) => match scalar_string(n) {
            Some(v) => Attr::explicit(v, c.origin_of(n.span)),
            None => Attr::unknown(c.origin_of(n.span)),
        },
        None => Attr::default_value(None, c.block_origin()),
    }
}

fn env_var(e: &Fields<'_>) -> EnvVar {
    let value = match (e.node("value"), e.node("valueFrom")) {
        (Some(_), _) => e.string("value", None),
        // Resolved at run time from a Secret, ConfigMap or field reference.
        (None, Some(from)) => Attr::unknown(e.origin_of(from.span)),
        // Kubernetes sets the variable to the empty string.
        (None, None) => Attr::default_value(Some(String::new()), e.block_origin()),
    };
    EnvVar { name: name_of(e), value, from_secret: e.has("valueFrom.secretKeyRef") }
}

/// A boolean field as Kubernetes reads it (YAML 1.1): `true/false/yes/no/on/off` in any case.
/// Anything else written there is unknown.
fn k8s_bool(f: &Fields<'_>, path: &str, default: Option<bool>) -> Attr<bool> {
    let Some(n) = f.node(path) else { return Attr::default_value(default, f.block_origin()) };
    let value = match &n.value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    };
    match value {
        Some(v) => Attr::explicit(v, f.origin_of(n.span)),
        None => Attr::unknown(f.origin_of(n.span)),
    }
}
