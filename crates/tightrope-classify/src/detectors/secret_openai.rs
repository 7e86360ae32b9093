//! `SECRET-OPENAI-API-KEY` — OpenAI API key (user, project, service-account and admin keys).
//! Category: credential. Regulations: SOC 2.
//! Trigger: the literal `T3BlbkFJ` (base64 of "OpenAI") that every OpenAI key embeds, inside an
//! `sk-…` token. Validation: the `sk-` prefix and at least 20 characters on each side of the marker.
//! High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 200,
    after: 200,
    ..Detector::keyworded(
        "SECRET-OPENAI-API-KEY",
        "OpenAI API key",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["T3BlbkFJ"],
        r"\bsk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,160}T3BlbkFJ[A-Za-z0-9_-]{16,160}\b",
        validate,
    )
};

fn validate(_c: &Candidate) -> Option<Confidence> {
    Some(Confidence::High)
}
