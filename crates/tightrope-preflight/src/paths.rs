//! Cross-step attack paths ("toxic combinations"): internet exposure (reach, audit) → the identity
//! the exposed workload runs as (access) → data with a sensitivity label (classify) or a model
//! artefact (audit / supply).
//!
//! Each hop is established by the step that owns it, never guessed:
//! 1. **exposure**: a reach finding (`TR-REACH-002/003`, with its network path) or an audit finding
//!    of [`EXPOSURE_RULES`] on a workload;
//! 2. **identity**: the role the workload runs as, read from its typed state (`role_arn`,
//!    `execution_role_arn`, `agent_resource_role_arn`, Lambda `role`), resolved in the access
//!    model; EC2 instance profiles are not modelled yet, so instances end here;
//! 3. **target**: tightrope's IAM engine decides whether the role may perform the action that
//!    harms the target: `s3:GetObject` on a bucket holding a dataset labelled confidential or
//!    restricted (from `[[datasets]] location`), or `s3:PutObject` on the artefact of a SageMaker
//!    model (replace the model that is served).
//!
//! The **cheapest cut** is the hop whose fix costs least, by a fixed cost per hop kind (see
//! [`Hop::cost`]): closing an exposure is one setting (1), narrowing a grant is a policy change
//! (2), moving or minimising data is a data project (3); a hop shared by more paths wins ties.

use crate::steps::{Context, StepRun};
use serde::Serialize;
use std::collections::BTreeMap;
use tightrope_access::model::Principal;
use tightrope_classify::Label;
use tightrope_core::state::Link;
use tightrope_core::{CloudState, Finding, Origin, Reference, ResourceRef, Severity, Step};

/// Audit rules whose finding means the resource is reachable from (or reaches) the internet.
pub const EXPOSURE_RULES: &[&str] = &[
    "TR-AWS-SAGEMAKER-001", // notebook with direct internet access
    "TR-AWS-SAGEMAKER-008", // Studio domain with public internet access
    "TR-AWS-EC2-005",       // AI ports open to the internet
    "TR-AWS-EC2-007",       // training host with a public IP
];

/// Rule id of paths that end at labelled data.
pub const PATH_TO_DATA: &str = "TR-PREFLIGHT-001";
/// Rule id of paths that end at a model artefact.
pub const PATH_TO_MODEL: &str = "TR-PREFLIGHT-002";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HopKind {
    Exposure,
    Identity,
    Target,
}

/// One hop of a path, explained, with how to cut it.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    pub kind: HopKind,
    /// The step that established this hop.
    pub step: Step,
    pub resource: ResourceRef,
    pub explanation: String,
    pub origin: Origin,
    /// What to change to break the path here.
    pub cut: String,
}

impl Hop {
    /// Relative cost of cutting here: 1 a setting, 2 a policy change, 3 a data/architecture change.
    pub fn cost(&self) -> u8 {
        match self.kind {
            HopKind::Exposure => 1,
            HopKind::Identity => 2,
            HopKind::Target => 3,
        }
    }
}

/// One path from the internet to something worth protecting.
#[derive(Debug, Clone, Serialize)]
pub struct AttackPath {
    pub id: String,
    pub rule_id: &'static str,
    pub severity: Severity,
    pub title: String,
    pub hops: Vec<Hop>,
    /// Index into `hops` of the cheapest cut.
    pub cheapest_cut: usize,
    /// Other paths the same cut breaks.
    pub cut_also_breaks: usize,
}

impl AttackPath {
    /// `A → B → C`.
    pub fn render(&self) -> String {
        self.hops
            .iter()
            .map(|h| h.resource.address.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    }

    /// The path as a finding, located at the cheapest cut.
    pub fn to_finding(&self) -> Finding {
        let cut = &self.hops[self.cheapest_cut];
        let evidence = self
            .hops
            .iter()
            .enumerate()
            .map(|(i, h)| {
                format!(
                    "{}. [{} via {}] {}: {}",
                    i + 1,
                    h.kind_str(),
                    h.step.as_str(),
                    h.resource.address,
                    h.explanation
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        let also = if self.cut_also_breaks > 0 {
            format!(" (this also breaks {} other path(s))", self.cut_also_breaks)
        } else {
            String::new()
        };
        Finding {
            rule_id: self.rule_id.to_string(),
            title: self.title.clone(),
            severity: self.severity,
            step: cut.step,
            ai: true,
            resource: self.hops[0].resource.clone(),
            location: cut.origin.clone(),
            attribute: None,
            message: format!("attack path: {}", self.render()),
            evidence: Some(evidence),
            remediation: format!("Cheapest cut, at {} ({}): {}{also}", cut.resource.address, cut.kind_str(), cut.cut),
            references: vec![
                Reference { name: "MITRE ATLAS AML.T0025: Exfiltration via Cyber Means".into(), url: Some("https://atlas.mitre.org/techniques/AML.T0025".into()) },
                Reference { name: "OWASP LLM02: Sensitive Information Disclosure".into(), url: Some("https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/".into()) },
            ],
            suppressed: None,
        }
    }
}

impl Hop {
    pub fn kind_str(&self) -> &'static str {
        match self.kind {
            HopKind::Exposure => "exposure",
            HopKind::Identity => "identity",
            HopKind::Target => "target",
        }
    }
}

/// The role a workload runs as: (link, attribute name), when the workload has one.
fn workload_role<'a>(
    state: &'a CloudState,
    address: &str,
) -> Option<(&'a Link, &'static str, &'a Origin)> {
    let sm = &state.aws.sagemaker;
    let pick = |l: &'a tightrope_core::state::LinkAttr, attr: &'static str| {
        l.get().map(|v| (v, attr, &l.origin))
    };
    if let Some(n) = sm
        .notebook_instances
        .iter()
        .find(|n| n.meta.address == address)
    {
        return pick(&n.role, "role_arn");
    }
    if let Some(d) = sm.domains.iter().find(|d| d.meta.address == address) {
        return pick(&d.execution_role, "default_user_settings.execution_role");
    }
    if let Some(m) = sm.models.iter().find(|m| m.meta.address == address) {
        return pick(&m.execution_role, "execution_role_arn");
    }
    if let Some(a) = state
        .aws
        .bedrock
        .agents
        .iter()
        .find(|a| a.meta.address == address)
    {
        return pick(&a.role, "agent_resource_role_arn");
    }
    if let Some(f) = state
        .aws
        .compute
        .lambda_functions
        .iter()
        .find(|f| f.meta.address == address)
    {
        return pick(&f.role, "role");
    }
    None
}

/// The principal a role link points at.
fn principal<'a>(ctx: &'a Context, link: &Link) -> Option<&'a Principal> {
    let account = ctx.account.as_ref()?;
    account.principals.iter().find(|p| match link {
        Link::Resource(a) => &p.resource.address == a,
        Link::Literal(s) => {
            &p.arn == s
                || (p.kind == tightrope_access::model::Kind::Role
                    && s.contains(":role/")
                    && p.arn.rsplit('/').next() == s.rsplit('/').next())
        }
    })
}

/// A bucket by IaC address or name: (address, kind, name, origin).
fn bucket<'a>(
    state: &'a CloudState,
    location: &str,
) -> Option<(&'a tightrope_core::state::Meta, Option<&'a String>)> {
    state
        .aws
        .s3
        .buckets
        .iter()
        .find(|b| b.meta.address == location || b.name.get().is_some_and(|n| n == location))
        .map(|b| (&b.meta, b.name.get()))
}

struct Entry {
    resource: ResourceRef,
    explanation: String,
    origin: Origin,
    cut: String,
    step: Step,
}

/// The internet-exposed resources, one entry each (the network path when reach has one).
fn entries(steps: &[StepRun]) -> Vec<Entry> {
    let mut out: BTreeMap<String, Entry> = BTreeMap::new();
    for run in steps {
        for f in run.findings.iter().filter(|f| f.suppressed.is_none()) {
            let reach = run.step == Step::Reach
                && (f.rule_id == tightrope_reach::check::AI_EXPOSED
                    || f.rule_id == tightrope_reach::check::EXPOSED);
            let audit = run.step == Step::Audit && EXPOSURE_RULES.contains(&f.rule_id.as_str());
            if !(reach || audit) {
                continue;
            }
            let explanation = match (&f.evidence, reach) {
                (Some(e), true) => format!("{} (network path: {e})", f.message),
                _ => format!("{} ({})", f.message, f.rule_id),
            };
            let e = Entry {
                resource: f.resource.clone(),
                explanation,
                origin: f.location.clone(),
                cut: f.remediation.clone(),
                step: run.step,
            };
            match out.get(&f.resource.address) {
                Some(old) if old.step == Step::Reach => {}
                _ => {
                    out.insert(f.resource.address.clone(), e);
                }
            }
        }
    }
    out.into_values().collect()
}

/// What a path may end at: (resource, action, ARN probed, explanation, severity, rule, title).
struct Target {
    resource: ResourceRef,
    origin: Origin,
    action: &'static str,
    arn: String,
    what: String,
    severity: Severity,
    rule: &'static str,
    cut: String,
}

fn targets(ctx: &Context) -> Vec<Target> {
    let mut out = Vec::new();
    let mut by_bucket: BTreeMap<String, (Label, Vec<String>, Vec<String>)> = BTreeMap::new();
    for d in ctx.data.iter().filter(|d| d.label >= Label::Confidential) {
        let Some(loc) = &d.location else { continue };
        let e = by_bucket
            .entry(loc.clone())
            .or_insert((Label::Public, Vec::new(), Vec::new()));
        e.0 = e.0.max(d.label);
        e.1.push(d.path.clone());
        e.2.extend(d.detectors.iter().cloned());
    }
    for (loc, (label, datasets, mut detectors)) in by_bucket {
        detectors.sort();
        detectors.dedup();
        let (resource, origin, name) = match bucket(&ctx.state, &loc) {
            Some((meta, name)) => (meta.resource_ref(), meta.origin.clone(), name.cloned()),
            None => (
                ResourceRef {
                    address: loc.clone(),
                    kind: "aws_s3_bucket".into(),
                },
                Origin::Unknown,
                Some(loc.clone()),
            ),
        };
        let name = name.unwrap_or_else(|| resource.address.clone());
        out.push(Target {
            what: format!("holds {} labelled `{label}` by classify ({}: {})", datasets.join(", "), if detectors.is_empty() { "no detector ids".to_string() } else { "found".to_string() }, detectors.join(", ")),
            severity: if label == Label::Restricted { Severity::Critical } else { Severity::High },
            rule: PATH_TO_DATA,
            cut: format!("Keep only de-identified data in `{name}` (mask or drop the columns classify flagged), or add a bucket policy that denies s3:GetObject to every role that does not train on it."),
            resource,
            origin,
            action: "s3:GetObject",
            arn: format!("arn:aws:s3:::{name}/*"),
        });
    }
    for m in &ctx.state.aws.sagemaker.models {
        for c in &m.containers {
            let Some(url) = c.model_data_url.get() else {
                continue;
            };
            let Some(rest) = url.strip_prefix("s3://") else {
                continue;
            };
            let artefact_bucket = rest.split('/').next().unwrap_or(rest);
            out.push(Target {
                what: format!("serves the model artefact {url}; whoever can overwrite it replaces the model behind the endpoint"),
                severity: Severity::High,
                rule: PATH_TO_MODEL,
                cut: format!("Allow s3:PutObject on `{artefact_bucket}` only to the training pipeline's role, enable versioning and pin the artefact by checksum (`tightrope supply lock`)."),
                resource: m.meta.resource_ref(),
                origin: c.model_data_url.origin.clone(),
                action: "s3:PutObject",
                arn: format!("arn:aws:s3:::{rest}"),
            });
        }
    }
    out
}

/// Every attack path over the steps' results, most severe first.
pub fn find(steps: &[StepRun], ctx: &Context) -> Vec<AttackPath> {
    let targets = targets(ctx);
    let mut out = Vec::new();
    for entry in entries(steps) {
        let Some((link, attr, role_origin)) = workload_role(&ctx.state, &entry.resource.address)
        else {
            tracing::debug!(resource = %entry.resource.address, "exposed, but no identity is modelled for it");
            continue;
        };
        let Some(p) = principal(ctx, link) else {
            continue;
        };
        let escalation = ctx
            .escalations
            .iter()
            .find(|e| e.from == p.arn && e.to == "admin");
        for t in &targets {
            let Some(decision) = tightrope_access::probe::can(p, t.action, &t.arn, &[]) else {
                continue;
            };
            let granted = decision
                .statement
                .map(|s| s.to_string())
                .unwrap_or_else(|| decision.reason.clone());
            let mut identity = format!(
                "{} runs as {} `{}` ({attr}); code running there holds its credentials, and tightrope's IAM engine allows it {} on {} ({granted})",
                entry.resource.address,
                p.kind.as_str(),
                p.name,
                t.action,
                t.arn
            );
            if let Some(e) = escalation {
                identity.push_str(&format!(
                    "; it can also become administrator: `{}` {}",
                    p.name,
                    e.render()
                ));
            }
            let hops = vec![
                Hop {
                    kind: HopKind::Exposure,
                    step: entry.step,
                    resource: entry.resource.clone(),
                    explanation: entry.explanation.clone(),
                    origin: entry.origin.clone(),
                    cut: entry.cut.clone(),
                },
                Hop {
                    kind: HopKind::Identity,
                    step: Step::Access,
                    resource: p.resource.clone(),
                    explanation: identity,
                    origin: if matches!(p.origin, Origin::Unknown) {
                        role_origin.clone()
                    } else {
                        p.origin.clone()
                    },
                    cut: format!(
                        "Remove {} on {} from `{}` ({granted}); grant only the actions and resources the workload uses (`tightrope access least-privilege`).",
                        t.action, t.arn, p.name
                    ),
                },
                Hop {
                    kind: HopKind::Target,
                    step: if t.rule == PATH_TO_DATA {
                        Step::Classify
                    } else {
                        Step::Audit
                    },
                    resource: t.resource.clone(),
                    explanation: t.what.clone(),
                    origin: t.origin.clone(),
                    cut: t.cut.clone(),
                },
            ];
            let title = if t.rule == PATH_TO_DATA {
                "Attack path from the internet to sensitive data"
            } else {
                "Attack path from the internet to a model artefact"
            };
            out.push(AttackPath {
                id: String::new(),
                rule_id: t.rule,
                severity: t.severity,
                title: title.into(),
                hops,
                cheapest_cut: 0,
                cut_also_breaks: 0,
            });
        }
    }
    choose_cuts(&mut out);
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.render().cmp(&b.render()))
    });
    for (i, p) in out.iter_mut().enumerate() {
        p.id = format!("AP-{:03}", i + 1);
    }
    out
}

/// Per path: the hop with the lowest cost; ties go to the hop shared by the most paths.
fn choose_cuts(paths: &mut [AttackPath]) {
    let mut shared: BTreeMap<(HopKind, String), usize> = BTreeMap::new();
    for p in paths.iter() {
        for h in &p.hops {
            *shared
                .entry((h.kind, h.resource.address.clone()))
                .or_default() += 1;
        }
    }
    for p in paths.iter_mut() {
        let best = p
            .hops
            .iter()
            .enumerate()
            .min_by_key(|(_, h)| {
                (
                    h.cost(),
                    std::cmp::Reverse(shared[&(h.kind, h.resource.address.clone())]),
                )
            })
            .map(|(i, _)| i)
            .unwrap_or(0);
        p.cheapest_cut = best;
        let h = &p.hops[best];
        p.cut_also_breaks = shared[&(h.kind, h.resource.address.clone())].saturating_sub(1);
    }
}
