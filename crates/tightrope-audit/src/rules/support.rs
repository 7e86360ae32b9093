//! Small helpers the rules share: wording that says whether a value is explicit or a default, the
//! tests every "is it encrypted with a customer-managed key" rule needs, lookups across the state
//! (a link's role or bucket, a role's policies), and the AI-workload signals (training-data
//! buckets, training hosts, AI Kubernetes workloads) that AI-specific rules restrict themselves to.

use tightrope_core::CloudState;
use tightrope_core::policy::PolicyDocument;
use tightrope_core::state::Meta;
use tightrope_core::state::aws::compute::Instance;
use tightrope_core::state::aws::iam::Role;
use tightrope_core::state::aws::s3::Bucket;
use tightrope_core::state::kubernetes::{Container, Workload};
use tightrope_core::state::{Link, LinkAttr};
use tightrope_core::{Attr, Origin};

/// `what`, followed by " by default" when the value was left out and is the provider's default.
pub fn stated<T>(attr: &Attr<T>, what: &str) -> String {
    if attr.is_explicit() {
        what.to_string()
    } else {
        format!("{what} by default")
    }
}

/// The key is known not to be a customer-managed key: none is configured, or it names an
/// AWS-managed key alias (`alias/aws/...`). Unknown keys are never reported.
pub fn no_customer_key(key: &LinkAttr) -> bool {
    match key.get() {
        None => key.is_absent(),
        Some(Link::Literal(s)) => s.starts_with("alias/aws/") || s.contains(":alias/aws/"),
        Some(Link::Resource(_)) => false,
    }
}

/// A short description of a missing or AWS-managed key, for messages.
pub fn key_problem(key: &LinkAttr) -> &'static str {
    if key.get().is_some() {
        "uses an AWS-managed key"
    } else {
        "has no customer-managed KMS key"
    }
}

/// Every value of a list attribute is known (none is an unresolved expression).
pub fn all_known(items: &[Attr<String>]) -> bool {
    items.iter().all(|a| !a.is_unknown())
}

/// Why a Kubernetes container may run as root, and the attribute to point at.
pub struct RootReason {
    pub message: String,
    /// The attribute's origin, or the workload's when the attribute has none.
    pub origin: Origin,
    pub attribute: &'static str,
}

fn origin_or<T>(attr: &Attr<T>, fallback: &Origin) -> Origin {
    if attr.origin == Origin::Unknown {
        fallback.clone()
    } else {
        attr.origin.clone()
    }
}

/// The container may run as root: it asks for UID 0, or neither it nor its pod requires a
/// non-root user and it sets no non-root `runAsUser`. Unknown settings are never reported.
pub fn may_run_as_root(w: &Workload, c: &Container) -> Option<RootReason> {
    if c.run_as_user.is(&0) {
        let origin = origin_or(&c.run_as_user, &w.meta.origin);
        return Some(RootReason {
            message: format!("container `{}` runs as UID 0 (root)", c.name),
            origin,
            attribute: "securityContext.runAsUser",
        });
    }
    if c.run_as_user.is_unknown() || c.run_as_user.get().is_some() {
        return None;
    }
    let (non_root, attribute) = if c.run_as_non_root.is_absent() {
        (&w.run_as_non_root, "spec.securityContext.runAsNonRoot")
    } else {
        (&c.run_as_non_root, "securityContext.runAsNonRoot")
    };
    if non_root.is_unknown() || non_root.is(&true) {
        return None;
    }
    let how = if non_root.is_explicit() { "is false" } else { "is not set" };
    Some(RootReason {
        message: format!(
            "container `{}` may run as root: runAsNonRoot {how} and no non-root runAsUser is set",
            c.name
        ),
        origin: origin_or(non_root, &w.meta.origin),
        attribute,
    })
}

/// The container asks for a GPU or other accelerator.
pub fn uses_gpu(c: &Container) -> bool {
    c.limits_gpu.get().is_some_and(|v| !v.trim().is_empty() && v.trim() != "0")
}

// ---------------------------------------------------------------------------------------------
// AI workload signals: which buckets hold training data, which hosts train models, which
// Kubernetes workloads serve them. Rules that restrict themselves to AI resources use only these.
// ---------------------------------------------------------------------------------------------

/// Words that mark a name, tag or label as belonging to model training data. Project words such as
/// `llm`, `ml` or `genai` are left out: they name every resource of an AI project, logs included.
const TRAINING_WORDS: &[&str] = &[
    "train",
    "training",
    "trainingdata",
    "dataset",
    "datasets",
    "model",
    "models",
    "sagemaker",
    "features",
    "featurestore",
    "embeddings",
    "corpus",
    "finetune",
    "finetuning",
    "checkpoints",
];

/// Tag keys whose mere presence says the data is classified (kept on training-data candidates).
const CLASSIFICATION_TAGS: &[&str] = &["dataclassification", "data_classification", "data-classification", "classification"];

/// Split an identifier into lower-case words at non-alphanumerics and camelCase boundaries
/// (`TrainingDataBucket`, `ml-datasets_v2` → `training data bucket`, `ml datasets v2`).
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in s.chars() {
        if !ch.is_ascii_alphanumeric() {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if ch.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
        cur.push(ch.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The first training word in `text`, if any.
fn training_word(text: &str) -> Option<String> {
    words(text).into_iter().find(|w| TRAINING_WORDS.contains(&w.as_str()))
}

/// The resource's own name in its address (`aws_s3_bucket.training_data` → `training_data`).
fn local_name(meta: &Meta) -> &str {
    meta.address.rsplit('.').next().unwrap_or(&meta.address)
}

/// Tag keys whose value says what the data or resource is for (a project or owner tag does not).
const PURPOSE_TAGS: &[&str] = &[
    "purpose",
    "data",
    "datatype",
    "data_type",
    "data-type",
    "contents",
    "usage",
    "role",
    "workload",
    "dataset",
];

/// Why the resource looks like it belongs to model training, from its tags and names: a
/// classification tag, a training word in the resource's own names, or a purpose tag (`Purpose`,
/// `DataType`, `Workload`, ...) whose value has a training word. Project or owner tags are not
/// used: `Project = acme-llm` is on every resource of an AI project, logs buckets included.
pub fn training_signal(meta: &Meta, names: &[Option<&str>]) -> Option<String> {
    if let Some((k, v)) = meta
        .tags
        .iter()
        .find(|(k, v)| CLASSIFICATION_TAGS.contains(&k.to_ascii_lowercase().as_str()) && !v.eq_ignore_ascii_case("public"))
    {
        return Some(format!("tag `{k}` = `{v}`"));
    }
    let by_name = names
        .iter()
        .flatten()
        .chain(std::iter::once(&local_name(meta)))
        .find_map(|n| training_word(n).map(|w| format!("name `{n}` contains `{w}`")));
    by_name.or_else(|| {
        meta.tags.iter().find_map(|(k, v)| {
            let purpose = PURPOSE_TAGS.contains(&k.to_ascii_lowercase().as_str());
            let w = if purpose { training_word(v) } else { None }.or_else(|| training_word(k));
            w.map(|w| format!("tag `{k}` = `{v}` mentions `{w}`"))
        })
    })
}

/// Why a bucket is taken to hold model training data (or model artifacts), or `None`.
///
/// The heuristic, in order: (1) the bucket is referenced as model data by a SageMaker model
/// (`model_data_url = "s3://<bucket>/..."`); (2) a data-classification tag (`DataClassification`
/// and spellings, any value but `public`); (3) the bucket name or resource name contains a training
/// word as a whole word (`train`, `training`, `dataset`, `model`, `sagemaker`, `features`,
/// `embeddings`, `corpus`, `finetune`, `checkpoints`; not project words such as `llm` or `ml`; camelCase and `-`/`_`/`.` separate
/// words, so `html-assets` does not match `ml`); (4) a purpose tag (`Purpose`, `DataType`,
/// `Workload`, ...) whose value has a training word, or a tag key that is one.
pub fn training_data_signal(state: &CloudState, b: &Bucket) -> Option<String> {
    let name = b.name.get().map(String::as_str);
    if let Some(n) = name {
        let used_by_model = state.aws.sagemaker.models.iter().flat_map(|m| &m.containers).any(|c| {
            c.model_data_url
                .get()
                .and_then(|u| u.strip_prefix("s3://"))
                .and_then(|u| u.split('/').next())
                == Some(n)
        });
        if used_by_model {
            return Some("referenced as SageMaker model data".to_string());
        }
    }
    training_signal(&b.meta, &[name])
}

/// Accelerated (GPU / Trainium / Inferentia / Gaudi) EC2 instance families: the hosts that train
/// and serve models.
pub fn accelerated_instance_type(instance_type: &str) -> bool {
    const FAMILIES: &[&str] = &[
        "p2", "p3", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6", "g3", "g3s", "g4dn", "g4ad", "g5", "g5g", "g6", "g6e", "gr6", "trn1",
        "trn1n", "trn2", "inf1", "inf2", "dl1", "dl2q",
    ];
    let family = instance_type.trim().trim_start_matches("ml.").split('.').next().unwrap_or_default();
    FAMILIES.contains(&family.to_ascii_lowercase().as_str())
}

/// Why an EC2 instance or launch template is taken to be a training host: an accelerated
/// instance type, or a training word in its tags or resource name.
pub fn training_host_signal(i: &Instance) -> Option<String> {
    if let Some(t) = i.instance_type.get().filter(|t| accelerated_instance_type(t)) {
        return Some(format!("accelerated instance type `{t}`"));
    }
    training_signal(&i.meta, &[])
}

/// Container images of model-serving and training stacks (matched on the image's repository).
const AI_IMAGES: &[&str] = &[
    "vllm",
    "tritonserver",
    "triton",
    "kserve",
    "text-generation-inference",
    "ollama",
    "torchserve",
    "tensorflow/serving",
    "tensorflow-serving",
    "seldon",
    "rayproject/ray",
    "ray-ml",
    "huggingface",
    "nvcr.io/nim",
    "llama",
    "localai",
    "tgi",
    "pytorch",
    "nvidia/cuda",
    "jupyter",
];

/// The image names an AI serving or training stack.
pub fn ai_image(image: &str) -> bool {
    let repo = image.split('@').next().unwrap_or(image).to_ascii_lowercase();
    let repo = repo
        .rsplit_once(':')
        .filter(|(_, tag)| !tag.contains('/'))
        .map_or(repo.as_str(), |(r, _)| r)
        .to_string();
    AI_IMAGES.iter().any(|m| repo.contains(m))
}

/// Why a Kubernetes workload is taken to be an AI workload: a container asks for a GPU, runs a
/// known model-serving / training image, or the workload's labels name a serving stack.
pub fn ai_workload_signal(w: &Workload) -> Option<String> {
    if let Some(c) = w.containers.iter().find(|c| uses_gpu(c)) {
        return Some(format!("container `{}` requests a GPU", c.name));
    }
    if let Some((c, img)) = w
        .containers
        .iter()
        .find_map(|c| c.image.get().filter(|i| ai_image(i)).map(|i| (c, i)))
    {
        return Some(format!("container `{}` runs `{img}`", c.name));
    }
    w.meta.tags.iter().find_map(|(k, v)| {
        let serving = ["kserve", "vllm", "ray", "triton", "inference", "model", "llm", "serving-runtime"];
        let hit = words(k).iter().chain(words(v).iter()).any(|x| serving.contains(&x.as_str()));
        hit.then(|| format!("label `{k}` = `{v}`"))
    })
}

/// The role a link names, among the roles in the state.
pub fn find_role<'a>(state: &'a CloudState, link: &LinkAttr) -> Option<&'a Role> {
    let l = link.get()?;
    state
        .aws
        .iam
        .roles
        .iter()
        .find(|r| l.points_to(&r.meta.address, r.name.get().map(String::as_str)))
}

/// The bucket a link names, among the buckets in the state.
pub fn find_bucket<'a>(state: &'a CloudState, link: &LinkAttr) -> Option<&'a Bucket> {
    let l = link.get()?;
    state
        .aws
        .s3
        .buckets
        .iter()
        .find(|b| l.points_to(&b.meta.address, b.name.get().map(String::as_str)))
}

/// Every permission policy of a role known in the state: inline policies and attached managed
/// policies that are declared in the scan, each with the resource to report it at.
pub fn role_policies<'a>(state: &'a CloudState, role: &'a Role) -> Vec<(&'a Meta, &'a Attr<PolicyDocument>)> {
    let mut out: Vec<(&Meta, &Attr<PolicyDocument>)> = role
        .inline_policies
        .iter()
        .map(|p| (if p.meta.address.is_empty() { &role.meta } else { &p.meta }, &p.document))
        .collect();
    for attached in &role.managed_policies {
        let Some(l) = attached.get() else { continue };
        if let Some(p) = state
            .aws
            .iam
            .policies
            .iter()
            .find(|p| l.points_to(&p.meta.address, p.name.get().map(String::as_str)))
        {
            out.push((&p.meta, &p.document));
        }
    }
    out
}

/// AWS service principals of AI services (SageMaker, Bedrock and their sub-services).
pub fn ai_service_principal(p: &str) -> bool {
    let p = p.to_ascii_lowercase();
    [
        "sagemaker.amazonaws.com",
        "bedrock.amazonaws.com",
        "bedrock-agentcore.amazonaws.com",
        "comprehend.amazonaws.com",
        "kendra.amazonaws.com",
    ]
    .contains(&p.as_str())
}

/// Every identity policy declared in the scan: managed policies, and inline policies of roles,
/// users and groups, each with the resource to report it at and a short description.
pub fn identity_policies(state: &CloudState) -> Vec<(&Meta, &Attr<PolicyDocument>, &'static str)> {
    let iam = &state.aws.iam;
    let mut out: Vec<(&Meta, &Attr<PolicyDocument>, &'static str)> =
        iam.policies.iter().map(|p| (&p.meta, &p.document, "managed policy")).collect();
    let principals = iam
        .roles
        .iter()
        .map(|r| (&r.meta, &r.inline_policies, "inline policy of a role"))
        .chain(iam.users.iter().map(|u| (&u.meta, &u.inline_policies, "inline policy of a user")))
        .chain(iam.groups.iter().map(|g| (&g.meta, &g.inline_policies, "inline policy of a group")));
    for (meta, inline, what) in principals {
        for p in inline {
            out.push((if p.meta.address.is_empty() { meta } else { &p.meta }, &p.document, what));
        }
    }
    out
}

/// The Service sends traffic to the workload's pods: same namespace, and every selector label
/// present with the same value on the pods.
pub fn selects(svc: &tightrope_core::state::kubernetes::Service, w: &Workload) -> bool {
    !svc.selector.is_empty() && w.namespace.get() == svc.namespace.get() && svc.selector.iter().all(|(k, v)| w.pod_labels.get(k) == Some(v))
}

/// The AI workloads (with the reason) whose pods a Service selects.
pub fn served_ai_workloads<'a>(state: &'a CloudState, svc: &tightrope_core::state::kubernetes::Service) -> Vec<(&'a Workload, String)> {
    state.kubernetes.workloads.iter().filter(|w| selects(svc, w)).filter_map(|w| ai_workload_signal(w).map(|why| (w, why)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(address: &str, tags: &[(&str, &str)]) -> Meta {
        Meta {
            address: address.into(),
            tags: tags.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            ..Meta::default()
        }
    }

    #[test]
    fn words_split_on_separators_and_camel_case() {
        assert_eq!(words("TrainingDataBucket"), ["training", "data", "bucket"]);
        assert_eq!(words("ml-datasets_v2.raw"), ["ml", "datasets", "v2", "raw"]);
    }

    #[test]
    fn training_signal_uses_classification_names_and_purpose_tags_not_project_tags() {
        assert!(training_signal(&meta("aws_s3_bucket.a", &[("DataClassification", "confidential")]), &[]).is_some());
        assert!(training_signal(&meta("aws_s3_bucket.a", &[("DataClassification", "public")]), &[]).is_none());
        assert!(training_signal(&meta("aws_s3_bucket.a", &[]), &[Some("acme-training-data")]).is_some());
        assert!(training_signal(&meta("aws_s3_bucket.a", &[("Purpose", "fine-tuning datasets")]), &[]).is_some());
        // A project tag or project word marks every resource of the project, logs included.
        assert!(training_signal(&meta("aws_s3_bucket.logs", &[("Project", "acme-llm")]), &[Some("acme-llm-logs")]).is_none());
        assert!(training_signal(&meta("aws_s3_bucket.assets", &[]), &[Some("html-assets")]).is_none());
    }

    #[test]
    fn accelerated_types_and_ai_images() {
        assert!(accelerated_instance_type("p4d.24xlarge") && accelerated_instance_type("ml.g5.2xlarge"));
        assert!(!accelerated_instance_type("m5.large") && !accelerated_instance_type("gpu"));
        assert!(ai_image("vllm/vllm-openai:v0.6.3") && ai_image("nvcr.io/nvidia/tritonserver:24.01-py3"));
        assert!(!ai_image("nginx:1.27") && !ai_image("registry:5000/app"));
    }
}
