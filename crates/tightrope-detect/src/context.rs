//! Context for risk ranking: how much an alert matters given what the identity may do and what it
//! touched. [`Context`] is the seam other steps plug into (privilege from the access step,
//! data sensitivity from the classify step, exposure from the reach step); [`StateContext`] is the
//! implementation from the cloud state available today.

use serde::Serialize;
use tightrope_core::CloudState;
use tightrope_core::PolicyDocument;
use tightrope_core::state::aws::iam::{InlinePolicy, ManagedPolicy};
use tightrope_core::state::{Link, LinkAttr};

/// One contextual factor and why it applies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    /// `privileged`, `sensitive-data`, `internet-exposed`, `ai-resource`, `defense-tampering`.
    pub name: &'static str,
    /// Weight in [0, 1] in the noisy-OR of context.
    pub weight: f64,
    pub reason: String,
}

/// What the rest of tightrope knows about identities and resources.
pub trait Context {
    /// Factors about an identity (a role or user ARN).
    fn identity(&self, arn: &str) -> Vec<Factor>;
    /// Factors about a resource (an ARN) the alert's events touched.
    fn resource(&self, arn: &str) -> Vec<Factor>;
}

/// No context: every alert is ranked on anomaly strength and the action alone.
pub struct NoContext;

impl Context for NoContext {
    fn identity(&self, _: &str) -> Vec<Factor> {
        Vec::new()
    }
    fn resource(&self, _: &str) -> Vec<Factor> {
        Vec::new()
    }
}

/// Context from a [`CloudState`] (IaC today, the live collector later): admin-like IAM principals,
/// S3 buckets tagged with a data classification, and publicly readable buckets.
pub struct StateContext {
    admins: Vec<(String, String)>,
    sensitive: Vec<(String, String)>,
    public: Vec<String>,
}

/// Tag keys whose value says how sensitive a bucket's data is.
const CLASSIFICATION_TAGS: [&str; 4] = [
    "DataClassification",
    "data_classification",
    "Classification",
    "Sensitivity",
];

impl StateContext {
    pub fn new(state: &CloudState) -> Self {
        let iam = &state.aws.iam;
        let mut admins = Vec::new();
        let principals = iam
            .roles
            .iter()
            .map(|r| (&r.name, &r.meta, &r.inline_policies, &r.managed_policies))
            .chain(
                iam.users
                    .iter()
                    .map(|u| (&u.name, &u.meta, &u.inline_policies, &u.managed_policies)),
            );
        for (name, meta, inline, managed) in principals {
            let name = name.value.clone().unwrap_or_else(|| meta.address.clone());
            if let Some(why) = admin_like(&name, inline, managed, &iam.policies) {
                admins.push((name, why));
            }
        }
        let mut sensitive = Vec::new();
        let mut public = Vec::new();
        for b in &state.aws.s3.buckets {
            let name = b
                .name
                .value
                .clone()
                .unwrap_or_else(|| b.meta.address.clone());
            for k in CLASSIFICATION_TAGS {
                if let Some(v) = b.meta.tags.get(k) {
                    let lower = v.to_ascii_lowercase();
                    if !matches!(lower.as_str(), "public" | "none" | "low") {
                        sensitive.push((name.clone(), format!("bucket {name} is tagged {k}={v}")));
                    }
                }
            }
            let acl_public = matches!(
                b.acl.value.as_deref(),
                Some("public-read" | "public-read-write")
            );
            let policy_public = b
                .policy
                .value
                .as_ref()
                .is_some_and(|d| d.allows().any(|st| st.any_principal()));
            if acl_public || policy_public {
                public.push(name);
            }
        }
        StateContext {
            admins,
            sensitive,
            public,
        }
    }
}

/// Why a principal is admin-like: an Allow on every action (inline or managed document), or an
/// AWS-managed administrator policy attached.
fn admin_like(
    name: &str,
    inline: &[InlinePolicy],
    managed: &[LinkAttr],
    policies: &[ManagedPolicy],
) -> Option<String> {
    let all_actions = |d: &PolicyDocument| {
        d.statements
            .iter()
            .any(|st| st.grants_all_actions() && st.on_all_resources())
    };
    if inline
        .iter()
        .any(|p| p.document.value.as_ref().is_some_and(all_actions))
    {
        return Some(format!(
            "{name} has an inline policy allowing every action on every resource"
        ));
    }
    for link in managed.iter().filter_map(|m| m.value.as_ref()) {
        match link {
            Link::Literal(arn) if ADMIN_POLICIES.iter().any(|p| arn.ends_with(p)) => {
                return Some(format!("{name} has {arn} attached"));
            }
            Link::Resource(address) => {
                let doc = policies
                    .iter()
                    .find(|p| &p.meta.address == address)
                    .and_then(|p| p.document.value.as_ref());
                if doc.is_some_and(all_actions) {
                    return Some(format!(
                        "{name} has policy {address} allowing every action on every resource"
                    ));
                }
            }
            Link::Literal(_) => {}
        }
    }
    None
}

/// AWS-managed policies that make a principal admin-like.
const ADMIN_POLICIES: [&str; 3] = [
    ":policy/AdministratorAccess",
    ":policy/IAMFullAccess",
    ":policy/PowerUserAccess",
];

/// The last path segment of an ARN (`arn:aws:iam::1:role/ml/inference` → `inference`).
fn arn_name(arn: &str) -> &str {
    arn.rsplit(['/', ':']).next().unwrap_or(arn)
}

impl Context for StateContext {
    fn identity(&self, arn: &str) -> Vec<Factor> {
        let name = arn_name(arn);
        self.admins
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, why)| Factor {
                name: "privileged",
                weight: 0.6,
                reason: why.clone(),
            })
            .collect()
    }

    fn resource(&self, arn: &str) -> Vec<Factor> {
        let Some(rest) = arn.strip_prefix("arn:aws:s3:::") else {
            return Vec::new();
        };
        let bucket = rest.split('/').next().unwrap_or(rest);
        let mut out: Vec<Factor> = self
            .sensitive
            .iter()
            .filter(|(b, _)| b == bucket)
            .map(|(_, why)| Factor {
                name: "sensitive-data",
                weight: 0.5,
                reason: why.clone(),
            })
            .collect();
        if self.public.iter().any(|b| b == bucket) {
            out.push(Factor {
                name: "internet-exposed",
                weight: 0.4,
                reason: format!("bucket {bucket} is publicly readable"),
            });
        }
        out
    }
}
