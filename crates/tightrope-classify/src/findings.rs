//! Datasets → `Finding`s (step Classify) for the shared table/JSON/SARIF renderers: one finding per
//! dataset and detector with matches at or above the confidence threshold, plus one per table
//! column classified from its header alone (a `first_name` column has no pattern to match).

use crate::Classification;
use crate::dataset::{Dataset, DetectorSummary, Location};
use crate::detector::{Category, Confidence};
use crate::detectors::by_id;
use std::sync::Arc;
use tightrope_core::{Finding, Origin, Reference, ResourceRef, Severity, Step};

/// The severity of matches of a detector at a confidence: the detector's own at high confidence,
/// one step lower at medium, `info` at low.
pub fn severity(base: Severity, confidence: Confidence) -> Severity {
    match confidence {
        Confidence::High => base,
        Confidence::Medium => match base {
            Severity::Critical => Severity::High,
            Severity::High => Severity::Medium,
            _ => Severity::Low,
        },
        Confidence::Low => Severity::Info,
    }
}

/// What to do about data of a category.
pub fn remediation(category: Category) -> &'static str {
    match category {
        Category::Credential => {
            "Revoke and rotate the credential, remove it from the dataset, and keep secrets in a secrets manager; scrub the data before it feeds training or retrieval."
        }
        Category::Financial => {
            "Remove or tokenise payment and bank data before it reaches AI pipelines (PCI DSS 3.4); restrict the store to the payment scope."
        }
        Category::Phi => {
            "De-identify health data (HIPAA Safe Harbor or expert determination) before use; restrict and log access to the store."
        }
        Category::Pii => {
            "Minimise or pseudonymise personal data before training or retrieval (GDPR Art. 5, 25); label the store and restrict who may read it."
        }
    }
}

fn references(regs: &[crate::detector::Regulation]) -> Vec<Reference> {
    regs.iter()
        .map(|r| Reference {
            name: r.as_str().to_string(),
            url: None,
        })
        .collect()
}

fn origin(path: &str, loc: Option<&Location>) -> Origin {
    let line = match loc {
        Some(Location::Text { line, .. }) => u32::try_from(*line).unwrap_or(u32::MAX),
        Some(Location::Cell { row, .. }) => u32::try_from(row + 1).unwrap_or(u32::MAX),
        None => 1,
    };
    Origin::file(&Arc::from(path), line, line)
}

fn evidence(s: &DetectorSummary) -> String {
    s.samples
        .iter()
        .map(|e| format!("{}: {} ({}, {})", e.location, e.masked, e.confidence, e.hash))
        .collect::<Vec<_>>()
        .join("; ")
}

fn dataset_findings(d: &Dataset, min: Confidence, out: &mut Vec<Finding>) {
    for s in &d.detectors {
        let (count, top) = match min {
            Confidence::Low => (s.count, s.max_confidence),
            Confidence::Medium => (s.medium + s.high, s.max_confidence),
            Confidence::High => (s.high, Confidence::High),
        };
        if count == 0 {
            continue;
        }
        let Some(det) = by_id(s.id) else { continue };
        let first = s.samples.iter().find(|e| e.confidence >= min).or(s.samples.first());
        out.push(Finding {
            rule_id: s.id.to_string(),
            title: s.title.to_string(),
            severity: severity(det.severity, top),
            step: Step::Classify,
            ai: false,
            resource: ResourceRef {
                address: d.path.clone(),
                kind: d.format.clone(),
            },
            location: origin(&d.path, first.map(|e| &e.location)),
            attribute: match first.map(|e| &e.location) {
                Some(Location::Cell { column, .. }) => Some(column.clone()),
                _ => None,
            },
            message: format!(
                "{count} {} match(es) at {min} confidence or above ({} high, {} medium, {} low); dataset labelled {}",
                s.title.to_lowercase(),
                s.high,
                s.medium,
                s.low,
                d.label
            ),
            evidence: Some(evidence(s)),
            remediation: remediation(s.category).to_string(),
            references: references(s.regulations),
            suppressed: None,
        });
    }
    for c in &d.columns {
        let Some(id) = c.classification else { continue };
        if c.matches.iter().any(|m| m.detector == id) {
            continue; // already reported from its values
        }
        let Some(det) = by_id(id) else { continue };
        out.push(Finding {
            rule_id: id.to_string(),
            title: det.title.to_string(),
            severity: severity(det.severity, Confidence::Medium),
            step: Step::Classify,
            ai: false,
            resource: ResourceRef {
                address: d.path.clone(),
                kind: d.format.clone(),
            },
            location: origin(&d.path, None),
            attribute: Some(c.name.clone()),
            message: format!(
                "column `{}` holds {} by its header ({} non-empty cells); dataset labelled {}",
                c.name,
                det.title.to_lowercase(),
                c.non_empty,
                d.label
            ),
            evidence: None,
            remediation: remediation(det.category).to_string(),
            references: references(det.regulations),
            suppressed: None,
        });
    }
}

/// Every finding of a classification run.
pub fn to_findings(c: &Classification, min: Confidence) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &c.datasets {
        dataset_findings(d, min, &mut out);
    }
    out
}
