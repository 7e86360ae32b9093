//! `SECRET-GOOGLE-API-KEY` — Google API key (Maps, Gemini, Firebase, …).
//! Category: credential. Regulations: SOC 2.
//! Trigger: `AIza` followed by 35 URL-safe base64 characters.
//! Validation: exact length and mixed character classes. High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::mixed_classes;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 48,
    ..Detector::keyworded(
        "SECRET-GOOGLE-API-KEY",
        "Google API key",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::High,
        &["AIza"],
        r"\bAIza[0-9A-Za-z_-]{35}(?:[^0-9A-Za-z_-]|$)",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    let key = v.get(..39)?;
    mixed_classes(&key[4..]).then_some(Confidence::High)
}
