//! `SECRET-GITLAB-TOKEN` — GitLab personal, project, group, deploy, runner, pipeline-trigger and
//! feed tokens. Category: credential. Regulations: SOC 2.
//! Trigger: `glpat-`, `gldt-`, `glrt-`, `glptt-`, `glcbt-`, `glft-`, `glsoat-`, `GR1348941`.
//! Validation: 20+ URL-safe characters with mixed classes (not a placeholder). High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::mixed_classes;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 80,
    ..Detector::keyworded(
        "SECRET-GITLAB-TOKEN",
        "GitLab token",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glsoat-", "GR1348941"],
        r"\b(?:glpat|gldt|glrt|glptt|glcbt|glft|glsoat)-(?P<v>[0-9A-Za-z_.-]{20,64})\b|\bGR1348941(?P<v2>[0-9A-Za-z_-]{20})\b",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    mixed_classes(c.value()).then_some(Confidence::High)
}
