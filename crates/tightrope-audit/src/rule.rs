//! The [`Rule`] trait, its metadata, and the [`declare_rule!`] macro that keeps a rule, its
//! documentation and its metadata in one place.

use crate::compliance::{self, Framework};
use tightrope_core::state::Meta;
use tightrope_core::{Attr, CloudState, Finding, Origin, Reference, Severity, Step};

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, `TR-<PROVIDER>-<SERVICE>-<NNN>`; never reused.
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub step: Step,
    /// Cloud provider or platform: `aws`, `kubernetes`.
    pub provider: &'static str,
    /// Service: `s3`, `sagemaker`, `bedrock`, ...
    pub service: &'static str,
    /// The rule is about an AI workload.
    pub ai: bool,
    /// One-paragraph remediation, shown with every finding.
    pub remediation: &'static str,
    /// (name, url) pairs: CIS, NIST AI RMF, OWASP LLM Top 10, MITRE ATLAS, AWS docs.
    pub references: &'static [(&'static str, &'static str)],
    /// The rule's doc comment, Markdown.
    pub doc: &'static str,
    /// The framework requirements the rule serves (see [`crate::compliance`]).
    pub compliance: &'static [(Framework, &'static str)],
}

impl RuleMeta {
    /// The doc comment as Markdown (the space after `///` removed from every line).
    pub fn doc_markdown(&self) -> String {
        self.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
    }

    pub fn references(&self) -> Vec<Reference> {
        self.references
            .iter()
            .map(|(name, url)| Reference { name: name.to_string(), url: (!url.is_empty()).then(|| url.to_string()) })
            .collect()
    }

    /// The rule's compliance mappings as labels, `<framework slug>/<requirement id>`
    /// (`owasp-llm/LLM02`), in declaration order.
    pub fn compliance_tags(&self) -> Vec<String> {
        self.compliance.iter().map(|(f, id)| format!("{}/{id}", f.slug())).collect()
    }

    /// The rule's compliance mappings with the requirement titles, for documentation.
    pub fn compliance_requirements(&self) -> Vec<&'static compliance::Requirement> {
        self.compliance.iter().filter_map(|(f, id)| compliance::requirement(*f, id)).collect()
    }
}

/// A posture rule: reads the state, reports findings.
pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, state: &CloudState, out: &mut Findings);
}

/// Collects the findings of one rule, filling in everything the rule's metadata already says.
pub struct Findings {
    rule: &'static RuleMeta,
    pub(crate) items: Vec<Finding>,
}

impl Findings {
    pub fn new(rule: &'static RuleMeta) -> Self {
        Findings { rule, items: Vec::new() }
    }

    /// Report `resource`, pointing at `attr`'s origin (the attribute itself when written, the
    /// block when it was left out), named `attribute` in the source's vocabulary.
    pub fn at_attr<T>(&mut self, resource: &Meta, attr: &Attr<T>, attribute: &str, message: impl Into<String>) -> &mut Finding {
        let location = match &attr.origin {
            Origin::Unknown => resource.origin.clone(),
            o => o.clone(),
        };
        self.push(resource, location, Some(attribute), message)
    }

    /// Report `resource` as a whole.
    pub fn at_resource(&mut self, resource: &Meta, message: impl Into<String>) -> &mut Finding {
        self.push(resource, resource.origin.clone(), None, message)
    }

    /// Report at an explicit location within `resource`.
    pub fn push(&mut self, resource: &Meta, location: Origin, attribute: Option<&str>, message: impl Into<String>) -> &mut Finding {
        let r = self.rule;
        let suppressed = resource.suppressions.iter().find(|s| s.matches(r.id)).cloned();
        self.items.push(Finding {
            rule_id: r.id.to_string(),
            title: r.title.to_string(),
            severity: r.severity,
            step: r.step,
            ai: r.ai,
            resource: resource.resource_ref(),
            location,
            attribute: attribute.map(str::to_string),
            message: message.into(),
            evidence: None,
            remediation: r.remediation.to_string(),
            references: r.references(),
            suppressed,
        });
        self.items.last_mut().expect("just pushed")
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.items
    }
}

/// Declare a rule: its doc comment, a unit struct, its metadata and its check.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub struct NotebookRootAccess;
///     meta {
///         id: "TR-AWS-SAGEMAKER-002", title: "...", severity: High, step: Audit,
///         provider: "aws", service: "sagemaker", ai: true,
///         remediation: "...",
///         references: [("OWASP LLM03", "https://...")],
///         compliance: [(OwaspLlm, "LLM03"), (MitreAtlas, "AML.T0011")],   // optional
///     }
///     fn check(state, out) { ... }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident;
        meta {
            id: $id:expr,
            title: $title:expr,
            severity: $sev:ident,
            step: $step:ident,
            provider: $provider:expr,
            service: $service:expr,
            ai: $ai:expr,
            remediation: $rem:expr,
            references: [$(($rname:expr, $rurl:expr)),* $(,)?]
            $(, compliance: [$(($fw:ident, $req:expr)),* $(,)?])? $(,)?
        }
        fn check($state:ident, $out:ident) $body:block
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                id: $id,
                title: $title,
                severity: tightrope_core::Severity::$sev,
                step: tightrope_core::Step::$step,
                provider: $provider,
                service: $service,
                ai: $ai,
                remediation: $rem,
                references: &[$(($rname, $rurl)),*],
                doc: concat!($($doc, "\n"),*),
                compliance: &[$($(($crate::compliance::Framework::$fw, $req)),*)?],
            };
        }

        impl $crate::rule::Rule for $name {
            fn meta(&self) -> &'static $crate::rule::RuleMeta {
                static META: $crate::rule::RuleMeta = $name::META;
                &META
            }

            #[allow(unused_variables)]
            fn check(&self, $state: &tightrope_core::CloudState, $out: &mut $crate::rule::Findings) $body
        }
    };
}

/// What the renderers need to know about `rule`: id, title, severity, documentation, remediation,
/// references and compliance tags (SARIF `rules`, the JSON `rules` list).
pub fn descriptor(rule: &dyn Rule) -> tightrope_report::RuleDescriptor {
    let m = rule.meta();
    tightrope_report::RuleDescriptor {
        id: m.id.to_string(),
        title: m.title.to_string(),
        severity: m.severity,
        step: m.step,
        ai: m.ai,
        doc_markdown: m.doc_markdown(),
        remediation: m.remediation.to_string(),
        references: m.references(),
        compliance: m.compliance_tags(),
    }
}
