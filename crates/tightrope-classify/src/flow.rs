//! Data-flow policy: where labelled data may flow, checked against the cloud state.
//!
//! Policy file (TOML, e.g. `tightrope.toml`):
//!
//! ```toml
//! [classify]
//! zone_tag = "Zone"                       # tag naming a workload's zone (default "Zone")
//!
//! [classify.labels]                       # store → label (bucket name or IaC address)
//! "acme-customer-exports" = "restricted"
//!
//! [[classify.flows]]
//! label = "restricted"                    # applies to stores with this label or a higher one
//! readers = ["training"]                  # reader kinds allowed to read them
//! zones = ["training"]                    # and only from these zones (empty: any zone)
//! deny = ["serving"]                      # kinds never allowed (wins over `readers`)
//! ```
//!
//! Reader kinds: `training` (SageMaker training/processing jobs), `serving` (SageMaker models,
//! i.e. what endpoints serve), `notebook` (notebook instances, Studio domains), `principal` (a role,
//! user or group no modelled workload uses). A reader reads a store when one of its identity
//! policies allows `s3:GetObject` on the bucket (wildcards followed; statement conditions ignored,
//! so results over-approximate).

use crate::label::Label;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use tightrope_core::policy::Statement;
use tightrope_core::state::Link;
use tightrope_core::state::aws::s3::Bucket;
use tightrope_core::{CloudState, Finding, Origin, PolicyDocument, Reference, ResourceRef, Severity, Step};

/// The policy file's `[classify]` section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifyPolicy {
    #[serde(default)]
    pub zone_tag: Option<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, Label>,
    #[serde(default)]
    pub flows: Vec<FlowRule>,
}

/// One flow rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowRule {
    pub label: Label,
    #[serde(default)]
    pub readers: Option<Vec<ReaderKind>>,
    #[serde(default)]
    pub zones: Vec<String>,
    #[serde(default)]
    pub deny: Vec<ReaderKind>,
}

/// What kind of workload reads a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReaderKind {
    Training,
    Serving,
    Notebook,
    Principal,
}

impl ReaderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReaderKind::Training => "training",
            ReaderKind::Serving => "serving",
            ReaderKind::Notebook => "notebook",
            ReaderKind::Principal => "principal",
        }
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    classify: ClassifyPolicy,
}

impl ClassifyPolicy {
    /// Parse the `[classify]` section of a TOML policy file; errors carry the line.
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str::<File>(text).map(|f| f.classify).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            format!("{}{}", line.map(|l| format!("line {l}: ")).unwrap_or_default(), e.message())
        })
    }
}

/// A workload or principal that can read a store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reader {
    pub kind: ReaderKind,
    pub address: String,
    pub resource_kind: String,
    pub zone: Option<String>,
    /// The role, user or group whose policy grants the read.
    pub via: String,
    pub origin: Origin,
}

/// A labelled store and who can read it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoreAccess {
    pub address: String,
    pub name: Option<String>,
    pub label: Label,
    /// Where the label came from: `policy`, `classification`, `tag`.
    pub label_source: &'static str,
    pub readers: Vec<Reader>,
}

fn bucket_label(b: &Bucket, labels: &BTreeMap<String, Label>) -> Option<(Label, &'static str)> {
    let name = b.name.get().map(String::as_str);
    let from_map = labels.get(&b.meta.address).or_else(|| name.and_then(|n| labels.get(n)));
    if let Some(l) = from_map {
        return Some((*l, "labels"));
    }
    let tag = b
        .meta
        .tags
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("DataClassification"))
        .map(|(_, v)| v);
    tag.and_then(|t| t.parse().ok()).map(|l| (l, "tag"))
}

/// Whether an IAM resource pattern covers objects of the bucket (by ARN, or by an unresolved
/// reference to the bucket's address such as `${aws_s3_bucket.data.arn}/*`).
fn resource_covers(pattern: &str, b: &Bucket) -> bool {
    use tightrope_core::policy::action_matches as wildcard;
    if pattern == "*" {
        return true;
    }
    if pattern.contains(&format!("{}.", b.meta.address)) || pattern.contains(&format!("{}/", b.meta.address)) {
        return true;
    }
    b.name
        .get()
        .is_some_and(|n| wildcard(pattern, &format!("arn:aws:s3:::{n}/object")) || wildcard(pattern, &format!("arn:aws:s3:::{n}/*")))
}

fn statement_reads(s: &Statement, b: &Bucket) -> bool {
    s.grants_action("s3:GetObject") && (s.resources.iter().any(|r| resource_covers(r, b)) || !s.not_resources.is_empty())
}

fn doc_reads(doc: Option<&PolicyDocument>, b: &Bucket) -> bool {
    doc.is_some_and(|d| d.allows().any(|s| statement_reads(s, b)))
}

/// A principal (role, user, group) with its identity policies resolved.
struct Principal<'s> {
    address: &'s str,
    name: Option<&'s str>,
    kind: &'s str,
    origin: &'s Origin,
    docs: Vec<&'s PolicyDocument>,
}

fn principals(state: &CloudState) -> Vec<Principal<'_>> {
    let iam = &state.aws.iam;
    let managed = |links: &[tightrope_core::state::LinkAttr]| -> Vec<&PolicyDocument> {
        links
            .iter()
            .filter_map(|l| l.get())
            .filter_map(|l| {
                iam.policies
                    .iter()
                    .find(|p| l.points_to(&p.meta.address, p.name.get().map(String::as_str)))
            })
            .filter_map(|p| p.document.get())
            .collect()
    };
    let mut out = Vec::new();
    for r in &iam.roles {
        let mut docs: Vec<&PolicyDocument> = r.inline_policies.iter().filter_map(|p| p.document.get()).collect();
        docs.extend(managed(&r.managed_policies));
        out.push(Principal {
            address: &r.meta.address,
            name: r.name.get().map(String::as_str),
            kind: &r.meta.kind,
            origin: &r.meta.origin,
            docs,
        });
    }
    for u in &iam.users {
        let mut docs: Vec<&PolicyDocument> = u.inline_policies.iter().filter_map(|p| p.document.get()).collect();
        docs.extend(managed(&u.managed_policies));
        out.push(Principal {
            address: &u.meta.address,
            name: u.name.get().map(String::as_str),
            kind: &u.meta.kind,
            origin: &u.meta.origin,
            docs,
        });
    }
    for g in &iam.groups {
        let mut docs: Vec<&PolicyDocument> = g.inline_policies.iter().filter_map(|p| p.document.get()).collect();
        docs.extend(managed(&g.managed_policies));
        out.push(Principal {
            address: &g.meta.address,
            name: g.name.get().map(String::as_str),
            kind: &g.meta.kind,
            origin: &g.meta.origin,
            docs,
        });
    }
    out
}

fn link_is(link: &tightrope_core::state::LinkAttr, p: &Principal) -> bool {
    match link.get() {
        Some(Link::Resource(a)) => a == p.address,
        Some(Link::Literal(s)) => p.name.is_some_and(|n| s == n || s.ends_with(&format!("/{n}"))),
        None => false,
    }
}

/// The workloads that use a principal, as readers.
fn workloads(state: &CloudState, p: &Principal, zone_tag: &str) -> Vec<Reader> {
    let sm = &state.aws.sagemaker;
    let zone = |tags: &BTreeMap<String, String>| tags.iter().find(|(k, _)| k.eq_ignore_ascii_case(zone_tag)).map(|(_, v)| v.clone());
    let mut out = Vec::new();
    let mut push = |kind, meta: &tightrope_core::state::Meta| {
        out.push(Reader {
            kind,
            address: meta.address.clone(),
            resource_kind: meta.kind.clone(),
            zone: zone(&meta.tags),
            via: p.address.to_string(),
            origin: meta.origin.clone(),
        })
    };
    for j in sm.training_jobs.iter().filter(|j| link_is(&j.role, p)) {
        push(ReaderKind::Training, &j.meta);
    }
    for m in sm.models.iter().filter(|m| link_is(&m.execution_role, p)) {
        push(ReaderKind::Serving, &m.meta);
    }
    for n in sm.notebook_instances.iter().filter(|n| link_is(&n.role, p)) {
        push(ReaderKind::Notebook, &n.meta);
    }
    for d in sm.domains.iter().filter(|d| link_is(&d.execution_role, p)) {
        push(ReaderKind::Notebook, &d.meta);
    }
    out
}

/// Every labelled bucket and its readers. `extra` adds labels from a classification run
/// (bucket name or address → label); policy labels win over tags.
pub fn stores(state: &CloudState, policy: &ClassifyPolicy, extra: &BTreeMap<String, Label>) -> Vec<StoreAccess> {
    let zone_tag = policy.zone_tag.as_deref().unwrap_or("Zone");
    let principals = principals(state);
    let mut out = Vec::new();
    for b in &state.aws.s3.buckets {
        let name = b.name.get().cloned();
        let from_run = extra
            .get(&b.meta.address)
            .or_else(|| name.as_ref().and_then(|n| extra.get(n)))
            .map(|l| (*l, "classification"));
        let Some((label, label_source)) = bucket_label(b, &policy.labels).or(from_run) else {
            continue;
        };
        let mut readers = Vec::new();
        for p in principals.iter().filter(|p| p.docs.iter().any(|d| doc_reads(Some(d), b))) {
            let mut w = workloads(state, p, zone_tag);
            if w.is_empty() {
                w.push(Reader {
                    kind: ReaderKind::Principal,
                    address: p.address.to_string(),
                    resource_kind: p.kind.to_string(),
                    zone: None,
                    via: p.address.to_string(),
                    origin: p.origin.clone(),
                });
            }
            readers.extend(w);
        }
        out.push(StoreAccess {
            address: b.meta.address.clone(),
            name,
            label,
            label_source,
            readers,
        });
    }
    out
}

/// Check every labelled store's readers against the flow rules; each disallowed reader is a finding.
pub fn check(state: &CloudState, policy: &ClassifyPolicy, extra: &BTreeMap<String, Label>) -> (Vec<StoreAccess>, Vec<Finding>) {
    let stores = stores(state, policy, extra);
    let mut findings = Vec::new();
    for s in &stores {
        for rule in policy.flows.iter().filter(|r| s.label >= r.label) {
            for r in &s.readers {
                let why = if rule.deny.contains(&r.kind) {
                    Some(format!("{} readers are denied", r.kind.as_str()))
                } else if rule.readers.as_ref().is_some_and(|allowed| !allowed.contains(&r.kind)) {
                    Some(format!(
                        "only {} readers are allowed",
                        rule.readers.iter().flatten().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
                    ))
                } else if !rule.zones.is_empty() && !r.zone.as_ref().is_some_and(|z| rule.zones.contains(z)) {
                    Some(format!(
                        "readers must be in zone {} (reader zone: {})",
                        rule.zones.join(" or "),
                        r.zone.as_deref().unwrap_or("none")
                    ))
                } else {
                    None
                };
                let Some(why) = why else { continue };
                findings.push(Finding {
                    rule_id: "CLASSIFY-FLOW-001".into(),
                    title: "Labelled data flows to a reader the data-flow policy does not allow".into(),
                    severity: if s.label == Label::Restricted { Severity::High } else { Severity::Medium },
                    step: Step::Classify,
                    ai: matches!(r.kind, ReaderKind::Training | ReaderKind::Serving | ReaderKind::Notebook),
                    resource: ResourceRef { address: r.address.clone(), kind: r.resource_kind.clone() },
                    location: r.origin.clone(),
                    attribute: None,
                    message: format!(
                        "{} `{}` can read {} store `{}` (label from {}) through `{}`, but for {}+ data {}",
                        r.kind.as_str(),
                        r.address,
                        s.label,
                        s.name.as_deref().unwrap_or(&s.address),
                        s.label_source,
                        r.via,
                        rule.label,
                        why
                    ),
                    evidence: None,
                    remediation: "Remove s3:GetObject on the store from the reader's policies, move the workload to an allowed zone, or relabel the data after de-identifying it.".into(),
                    references: vec![Reference { name: "NIST AI RMF MAP 4.1".into(), url: None }],
                    suppressed: None,
                });
            }
        }
    }
    (stores, findings)
}

/// The tag the IaC should carry for a labelled store, e.g. `DataClassification=restricted`.
pub fn suggested_tag(label: Label) -> String {
    format!("DataClassification={label}")
}

/// A finding with no file origin needs one for SARIF; used for labels suggested on stores.
pub fn tag_suggestion(address: &str, kind: &str, origin: &Origin, label: Label, current: Option<&str>) -> Option<Finding> {
    if current.is_some_and(|c| c.eq_ignore_ascii_case(label.as_str())) {
        return None;
    }
    Some(Finding {
        rule_id: "CLASSIFY-TAG-001".into(),
        title: "Store holds classified data but is not tagged with its label".into(),
        severity: if label >= Label::Confidential {
            Severity::Low
        } else {
            Severity::Info
        },
        step: Step::Classify,
        ai: false,
        resource: ResourceRef {
            address: address.into(),
            kind: kind.into(),
        },
        location: if *origin == Origin::Unknown {
            Origin::file(&Arc::from(address), 1, 1)
        } else {
            origin.clone()
        },
        attribute: Some("tags.DataClassification".into()),
        message: format!(
            "classification labelled this store {label}; tag it `{}` (current: {})",
            suggested_tag(label),
            current.unwrap_or("none")
        ),
        evidence: None,
        remediation: format!(
            "Add the tag `{}` to the resource so access policies and reviews can key on it.",
            suggested_tag(label)
        ),
        references: Vec::new(),
        suppressed: None,
    })
}
