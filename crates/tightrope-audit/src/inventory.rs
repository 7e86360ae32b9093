//! The AI asset inventory: every AI-related resource of a [`CloudState`] with its key security
//! attributes (encryption, network exposure, logging, identity), for `tightrope inventory`.
//!
//! Which resources count as AI assets is decided from the typed state alone: AI services (SageMaker,
//! Bedrock, Azure OpenAI / Cognitive Services, Azure ML, Vertex AI) always; vector stores
//! (OpenSearch domains, PostgreSQL RDS/Aurora with vector hints, Vertex index endpoints); GPU
//! compute (accelerated EC2 instances and EKS node groups); training-data stores and Kubernetes
//! inference workloads by the heuristics of [`crate::rules::support`], whose reason is kept in
//! [`AiAsset::why`].

use crate::rules::support::{accelerated_instance_type, ai_workload_signal, selects, training_data_signal, training_signal, words};
use serde::Serialize;
use tightrope_core::state::{Link, LinkAttr, Meta};
use tightrope_core::{Attr, CloudState, Origin};

/// What an AI asset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssetKind {
    Model,
    CustomModel,
    Endpoint,
    EndpointConfig,
    Notebook,
    StudioDomain,
    TrainingJob,
    Agent,
    KnowledgeBase,
    Guardrail,
    InvocationLogging,
    ModelRegistry,
    ModelMonitoring,
    AiService,
    VectorStore,
    GpuCompute,
    TrainingData,
    InferenceWorkload,
}

impl AssetKind {
    /// Human-readable name, for tables.
    pub fn label(self) -> &'static str {
        match self {
            AssetKind::Model => "model",
            AssetKind::CustomModel => "custom model",
            AssetKind::Endpoint => "endpoint",
            AssetKind::EndpointConfig => "endpoint config",
            AssetKind::Notebook => "notebook",
            AssetKind::StudioDomain => "studio domain",
            AssetKind::TrainingJob => "training/processing job",
            AssetKind::Agent => "agent",
            AssetKind::KnowledgeBase => "knowledge base",
            AssetKind::Guardrail => "guardrail",
            AssetKind::InvocationLogging => "invocation logging",
            AssetKind::ModelRegistry => "model registry",
            AssetKind::ModelMonitoring => "model monitoring",
            AssetKind::AiService => "AI service account",
            AssetKind::VectorStore => "vector store",
            AssetKind::GpuCompute => "GPU compute",
            AssetKind::TrainingData => "training data",
            AssetKind::InferenceWorkload => "inference workload",
        }
    }
}

/// One AI-related resource and its key security attributes. Attributes are short descriptions
/// (`customer-managed key`, `VPC only`, ...); `None` when the attribute does not apply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AiAsset {
    pub kind: AssetKind,
    /// `aws`, `azure`, `gcp`, `kubernetes`.
    pub provider: &'static str,
    pub service: &'static str,
    /// Resource address and its type in the source's vocabulary.
    pub address: String,
    pub resource_type: String,
    pub name: Option<String>,
    pub location: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logging: Option<String>,
    /// The IAM role / identity the asset runs as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// Why a heuristic counted the resource as an AI asset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl AiAsset {
    fn new(kind: AssetKind, provider: &'static str, service: &'static str, meta: &Meta, name: &Attr<String>) -> Self {
        AiAsset {
            kind,
            provider,
            service,
            address: meta.address.clone(),
            resource_type: meta.kind.clone(),
            name: name.get().cloned(),
            location: meta.origin.clone(),
            encryption: None,
            network: None,
            logging: None,
            identity: None,
            why: None,
        }
    }

    fn encryption(mut self, v: impl Into<String>) -> Self {
        self.encryption = Some(v.into());
        self
    }
    fn network(mut self, v: impl Into<String>) -> Self {
        self.network = Some(v.into());
        self
    }
    fn logging(mut self, v: impl Into<String>) -> Self {
        self.logging = Some(v.into());
        self
    }
    fn identity(mut self, link: &LinkAttr) -> Self {
        self.identity = link_text(link);
        self
    }
    fn why(mut self, v: impl Into<String>) -> Self {
        self.why = Some(v.into());
        self
    }
}

/// A link as text: the literal, or the address it references.
fn link_text(link: &LinkAttr) -> Option<String> {
    match link.get() {
        Some(Link::Literal(s)) => Some(s.clone()),
        Some(Link::Resource(a)) => Some(a.clone()),
        None if link.is_unknown() => Some("(unknown)".to_string()),
        None => None,
    }
}

/// A KMS key setting described for people: customer-managed, AWS-managed, provider default.
fn key_text(key: &LinkAttr, without: &str) -> String {
    match key.get() {
        Some(Link::Literal(s)) if s.starts_with("alias/aws/") || s.contains(":alias/aws/") => "AWS-managed key".into(),
        Some(_) => "customer-managed key".into(),
        None if key.is_unknown() => "unknown".into(),
        None => without.into(),
    }
}

/// A boolean setting described with a word for each value.
fn flag(attr: &Attr<bool>, yes: &str, no: &str) -> String {
    match attr.get() {
        Some(true) => yes.into(),
        Some(false) => no.into(),
        None => "unknown".into(),
    }
}

/// Words that mark a relational database as a vector store.
const VECTOR_WORDS: &[&str] = &[
    "vector",
    "vectors",
    "pgvector",
    "embedding",
    "embeddings",
    "rag",
    "knn",
    "semantic",
    "retrieval",
];

/// Every AI-related resource of `state`, grouped by kind, in input order within a kind.
pub fn inventory(state: &CloudState) -> Vec<AiAsset> {
    let mut out = Vec::new();
    aws_sagemaker(state, &mut out);
    aws_bedrock(state, &mut out);
    aws_data(state, &mut out);
    aws_compute(state, &mut out);
    azure(state, &mut out);
    gcp(state, &mut out);
    kubernetes(state, &mut out);
    out.sort_by_key(|a| a.kind);
    out
}

fn aws_sagemaker(state: &CloudState, out: &mut Vec<AiAsset>) {
    let sm = &state.aws.sagemaker;
    for nb in &sm.notebook_instances {
        let mut network = if nb.subnet.get().is_some() {
            "in VPC".to_string()
        } else {
            "no VPC".to_string()
        };
        if nb.direct_internet_access.is(&true) {
            network.push_str(", direct internet access");
        }
        out.push(
            AiAsset::new(AssetKind::Notebook, "aws", "sagemaker", &nb.meta, &nb.name)
                .encryption(key_text(&nb.kms_key, "AWS-managed key (default)"))
                .network(network)
                .identity(&nb.role),
        );
    }
    for d in &sm.domains {
        let network = d.app_network_access_type.get().map_or("unknown".to_string(), |t| {
            if t == "VpcOnly" {
                "VPC only".into()
            } else {
                "public internet".into()
            }
        });
        out.push(
            AiAsset::new(AssetKind::StudioDomain, "aws", "sagemaker", &d.meta, &d.name)
                .encryption(key_text(&d.kms_key, "AWS-managed key (default)"))
                .network(network)
                .identity(&d.execution_role),
        );
    }
    for m in &sm.models {
        let mut network = flag(&m.in_vpc, "in VPC", "no VPC");
        if m.network_isolation.is(&true) {
            network.push_str(", network isolation");
        }
        out.push(
            AiAsset::new(AssetKind::Model, "aws", "sagemaker", &m.meta, &m.name)
                .network(network)
                .identity(&m.execution_role),
        );
    }
    for ec in &sm.endpoint_configs {
        let logging = if ec.data_capture_enabled.is(&true) {
            "data capture"
        } else {
            "no data capture"
        };
        out.push(
            AiAsset::new(AssetKind::EndpointConfig, "aws", "sagemaker", &ec.meta, &ec.name)
                .encryption(key_text(&ec.kms_key, "AWS-managed key (default)"))
                .logging(logging),
        );
    }
    for j in &sm.training_jobs {
        let mut network = flag(&j.in_vpc, "in VPC", "no VPC");
        network.push_str(if j.network_isolation.is(&true) {
            ", network isolation"
        } else {
            ", no network isolation"
        });
        out.push(
            AiAsset::new(AssetKind::TrainingJob, "aws", "sagemaker", &j.meta, &j.name)
                .encryption(format!(
                    "volume: {}; output: {}",
                    key_text(&j.volume_kms_key, "AWS-managed"),
                    key_text(&j.output_kms_key, "AWS-managed")
                ))
                .network(network)
                .identity(&j.role),
        );
    }
    let none = Attr::default();
    out.extend(
        sm.model_package_groups
            .iter()
            .map(|m| AiAsset::new(AssetKind::ModelRegistry, "aws", "sagemaker", m, &none)),
    );
    out.extend(
        sm.monitoring_schedules
            .iter()
            .map(|m| AiAsset::new(AssetKind::ModelMonitoring, "aws", "sagemaker", m, &none)),
    );
}

fn aws_bedrock(state: &CloudState, out: &mut Vec<AiAsset>) {
    let b = &state.aws.bedrock;
    for a in &b.agents {
        let guardrail = if a.guardrail.get().is_some() {
            "guardrail attached"
        } else {
            "no guardrail"
        };
        out.push(
            AiAsset::new(AssetKind::Agent, "aws", "bedrock", &a.meta, &a.name)
                .encryption(key_text(&a.kms_key, "AWS-owned key (default)"))
                .identity(&a.role)
                .why(guardrail),
        );
    }
    for k in &b.knowledge_bases {
        let store = k
            .storage_type
            .get()
            .map_or_else(|| "vector store unknown".to_string(), |t| format!("vector store {t}"));
        out.push(
            AiAsset::new(AssetKind::KnowledgeBase, "aws", "bedrock", &k.meta, &k.name)
                .identity(&k.role)
                .why(store),
        );
    }
    for g in &b.guardrails {
        out.push(
            AiAsset::new(AssetKind::Guardrail, "aws", "bedrock", &g.meta, &g.name)
                .encryption(key_text(&g.kms_key, "AWS-owned key (default)")),
        );
    }
    for m in &b.custom_models {
        out.push(
            AiAsset::new(AssetKind::CustomModel, "aws", "bedrock", &m.meta, &m.name)
                .encryption(key_text(&m.kms_key, "AWS-owned key (default)"))
                .network(flag(&m.in_vpc, "customization in VPC", "customization without VPC"))
                .identity(&m.role),
        );
    }
    for l in &b.invocation_logging {
        let dest = [
            link_text(&l.s3_bucket).map(|s| format!("S3 {s}")),
            link_text(&l.cloudwatch_log_group).map(|s| format!("CloudWatch {s}")),
        ];
        let dest: Vec<String> = dest.into_iter().flatten().collect();
        let logging = if dest.is_empty() {
            "no destination".to_string()
        } else {
            dest.join(", ")
        };
        out.push(AiAsset::new(AssetKind::InvocationLogging, "aws", "bedrock", &l.meta, &Attr::default()).logging(logging));
    }
}

fn aws_data(state: &CloudState, out: &mut Vec<AiAsset>) {
    for d in &state.aws.opensearch.domains {
        let audit = d
            .log_types
            .iter()
            .any(|t| t.get().is_some_and(|v| v.eq_ignore_ascii_case("AUDIT_LOGS")));
        out.push(
            AiAsset::new(AssetKind::VectorStore, "aws", "opensearch", &d.meta, &d.name)
                .encryption(flag(&d.encrypt_at_rest, "encrypted at rest", "not encrypted at rest"))
                .network(flag(&d.in_vpc, "in VPC", "public endpoint"))
                .logging(if audit { "audit logs" } else { "no audit logs" })
                .why("OpenSearch domain (k-NN vector search)"),
        );
    }
    let rds = &state.aws.rds;
    let kb_uses_rds = state
        .aws
        .bedrock
        .knowledge_bases
        .iter()
        .any(|k| k.storage_type.eq_ignore_case("RDS"));
    for db in rds.instances.iter().filter(|i| i.cluster.is_absent()).chain(&rds.clusters) {
        let postgres = db.engine.get().is_some_and(|e| e.contains("postgres"));
        let hint = words(&db.meta.address)
            .into_iter()
            .chain(db.name.get().map(|n| words(n)).unwrap_or_default())
            .chain(db.meta.tags.iter().flat_map(|(k, v)| words(k).into_iter().chain(words(v))))
            .find(|w| VECTOR_WORDS.contains(&w.as_str()));
        let why = match (hint, postgres && kb_uses_rds) {
            (Some(w), _) if postgres => format!("PostgreSQL with vector hint `{w}`"),
            (_, true) => "PostgreSQL, and a Bedrock knowledge base stores vectors in RDS".to_string(),
            _ => continue,
        };
        out.push(
            AiAsset::new(AssetKind::VectorStore, "aws", "rds", &db.meta, &db.name)
                .encryption(flag(&db.storage_encrypted, "encrypted", "not encrypted"))
                .network(flag(&db.publicly_accessible, "publicly accessible", "private"))
                .why(why),
        );
    }
    for b in &state.aws.s3.buckets {
        let Some(why) = training_data_signal(state, b) else { continue };
        let encryption = b
            .encryption
            .as_ref()
            .and_then(|e| e.algorithm.get())
            .map_or_else(|| "SSE-S3 (default)".to_string(), |a| a.clone());
        let public = b.public_access_block.as_ref().is_some_and(|p| {
            p.block_public_acls.is(&true)
                && p.block_public_policy.is(&true)
                && p.ignore_public_acls.is(&true)
                && p.restrict_public_buckets.is(&true)
        });
        out.push(
            AiAsset::new(AssetKind::TrainingData, "aws", "s3", &b.meta, &b.name)
                .encryption(encryption)
                .network(if public {
                    "public access blocked"
                } else {
                    "public access not fully blocked"
                })
                .logging(if b.logging_target.get().is_some() {
                    "access logging"
                } else {
                    "no access logging"
                })
                .why(why),
        );
    }
}

fn aws_compute(state: &CloudState, out: &mut Vec<AiAsset>) {
    for i in &state.aws.compute.instances {
        let Some(t) = i.instance_type.get().filter(|t| accelerated_instance_type(t)) else {
            continue;
        };
        let imds = if i.metadata_http_tokens.eq_ignore_case("required") {
            "IMDSv2 only"
        } else {
            "IMDSv1 allowed"
        };
        out.push(
            AiAsset::new(AssetKind::GpuCompute, "aws", "ec2", &i.meta, &Attr::default())
                .encryption(flag(&i.root_volume_encrypted, "root volume encrypted", "root volume not encrypted"))
                .network(format!(
                    "{}, {imds}",
                    flag(&i.associate_public_ip, "public IP", "no public IP").replace("unknown", "public IP per subnet default")
                ))
                .identity(&i.iam_instance_profile)
                .why(format!("accelerated instance type `{t}`")),
        );
    }
    for ng in &state.aws.containers.eks_node_groups {
        let gpu_type = ng
            .instance_types
            .iter()
            .filter_map(|t| t.get())
            .find(|t| accelerated_instance_type(t))
            .cloned();
        let gpu_ami = ng
            .ami_type
            .get()
            .filter(|a| ["GPU", "NVIDIA", "NEURON"].iter().any(|k| a.to_ascii_uppercase().contains(k)))
            .cloned();
        let Some(why) = gpu_type
            .map(|t| format!("accelerated instance type `{t}`"))
            .or(gpu_ami.map(|a| format!("accelerated AMI type `{a}`")))
        else {
            continue;
        };
        let ssh = if ng.ssh_key.get().is_some() { "SSH enabled" } else { "no SSH" };
        out.push(
            AiAsset::new(AssetKind::GpuCompute, "aws", "eks", &ng.meta, &Attr::default())
                .network(ssh)
                .identity(&ng.node_role)
                .why(why),
        );
    }
}

fn azure(state: &CloudState, out: &mut Vec<AiAsset>) {
    let az = &state.azure;
    for a in &az.cognitive.accounts {
        let kind = a.kind.get().map_or_else(|| "Cognitive Services".to_string(), |k| k.clone());
        out.push(
            AiAsset::new(AssetKind::AiService, "azure", "cognitive", &a.meta, &a.name)
                .encryption(key_text(&a.customer_managed_key, "Microsoft-managed key"))
                .network(flag(&a.public_network_access, "public network access", "private"))
                .identity(&a.identity_type.clone().map(Link::Literal))
                .why(kind),
        );
    }
    for w in &az.machine_learning.workspaces {
        out.push(
            AiAsset::new(AssetKind::StudioDomain, "azure", "machine-learning", &w.meta, &w.name)
                .encryption(key_text(&w.customer_managed_key, "Microsoft-managed key"))
                .network(flag(&w.public_network_access, "public network access", "private"))
                .why("Azure ML workspace"),
        );
    }
    for c in &az.machine_learning.compute_instances {
        out.push(
            AiAsset::new(AssetKind::Notebook, "azure", "machine-learning", &c.meta, &c.name)
                .network(flag(&c.public_ip, "public IP", "no public IP"))
                .why("Azure ML compute instance"),
        );
    }
    for s in &az.storage.accounts {
        if let Some(why) = training_signal(&s.meta, &[s.name.get().map(String::as_str)]) {
            out.push(AiAsset::new(AssetKind::TrainingData, "azure", "storage", &s.meta, &s.name).why(why));
        }
    }
}

fn gcp(state: &CloudState, out: &mut Vec<AiAsset>) {
    let v = &state.gcp.vertex;
    for n in &v.notebooks {
        out.push(
            AiAsset::new(AssetKind::Notebook, "gcp", "vertex-ai", &n.meta, &n.name)
                .encryption(key_text(&n.kms_key, "Google-managed key"))
                .network(flag(&n.public_ip, "public IP", "no public IP")),
        );
    }
    for e in &v.endpoints {
        let network = if e.network.get().is_some() || e.private_service_connect.is(&true) {
            "private endpoint"
        } else {
            "public endpoint"
        };
        out.push(
            AiAsset::new(AssetKind::Endpoint, "gcp", "vertex-ai", &e.meta, &e.name)
                .encryption(key_text(&e.kms_key, "Google-managed key"))
                .network(network),
        );
    }
    for e in &v.index_endpoints {
        out.push(
            AiAsset::new(AssetKind::VectorStore, "gcp", "vertex-ai", &e.meta, &e.name)
                .encryption(key_text(&e.kms_key, "Google-managed key"))
                .network(flag(&e.public_endpoint, "public endpoint", "private"))
                .why("Vector Search index endpoint"),
        );
    }
    for d in &v.data_stores {
        out.push(
            AiAsset::new(AssetKind::TrainingData, "gcp", "vertex-ai", &d.meta, &d.name)
                .encryption(key_text(&d.kms_key, "Google-managed key"))
                .why("Vertex AI dataset / featurestore"),
        );
    }
    for b in &state.gcp.storage.buckets {
        if let Some(why) = training_signal(&b.meta, &[b.name.get().map(String::as_str)]) {
            out.push(AiAsset::new(AssetKind::TrainingData, "gcp", "storage", &b.meta, &b.name).why(why));
        }
    }
}

fn kubernetes(state: &CloudState, out: &mut Vec<AiAsset>) {
    for w in &state.kubernetes.workloads {
        let Some(why) = ai_workload_signal(w) else { continue };
        let name = Attr {
            value: Some(w.name.clone()),
            ..Attr::default()
        };
        let exposed: Vec<String> = state
            .kubernetes
            .services
            .iter()
            .filter(|s| selects(s, w))
            .map(|s| format!("{} service `{}`", s.service_type.get().map_or("unknown", String::as_str), s.name))
            .collect();
        let network = if exposed.is_empty() {
            flag(&w.host_network, "host network", "pod network")
        } else {
            exposed.join(", ")
        };
        let mut asset = AiAsset::new(AssetKind::InferenceWorkload, "kubernetes", "workloads", &w.meta, &name)
            .network(network)
            .identity(&w.service_account_name.clone().map(Link::Literal))
            .why(why);
        if let Some(ns) = w.namespace.get() {
            asset.name = Some(format!("{ns}/{}", w.name));
        }
        out.push(asset);
    }
}

/// The inventory as pretty JSON: `{"assets": [...], "count": N}`.
pub fn to_json(assets: &[AiAsset]) -> String {
    let doc = serde_json::json!({ "count": assets.len(), "assets": assets });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// The inventory as a plain-text table, one asset per line, columns padded to their widest cell.
pub fn to_table(assets: &[AiAsset]) -> String {
    const HEAD: [&str; 8] = [
        "KIND",
        "PROVIDER",
        "RESOURCE",
        "ENCRYPTION",
        "NETWORK",
        "LOGGING",
        "IDENTITY",
        "LOCATION / WHY",
    ];
    let dash = || "-".to_string();
    let rows: Vec<[String; 8]> = assets
        .iter()
        .map(|a| {
            let place = match (&a.location, &a.why) {
                (Origin::File { path, start_line, .. }, Some(w)) => format!("{path}:{start_line} ({w})"),
                (Origin::File { path, start_line, .. }, None) => format!("{path}:{start_line}"),
                (_, Some(w)) => w.clone(),
                _ => dash(),
            };
            let resource = a
                .name
                .as_ref()
                .map_or_else(|| a.address.clone(), |n| format!("{} [{n}]", a.address));
            [
                a.kind.label().to_string(),
                format!("{}/{}", a.provider, a.service),
                resource,
                a.encryption.clone().unwrap_or_else(dash),
                a.network.clone().unwrap_or_else(dash),
                a.logging.clone().unwrap_or_else(dash),
                a.identity.clone().unwrap_or_else(dash),
                place,
            ]
        })
        .collect();
    let mut widths = HEAD.map(str::len);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(&HEAD.map(str::to_string));
    for r in &rows {
        out.push_str(&line(r));
    }
    out.push_str(&format!("\n{} AI asset(s)\n", assets.len()));
    out
}
