//! `SECRET-ANTHROPIC-API-KEY` — Anthropic API or admin key.
//! Category: credential. Regulations: SOC 2.
//! Trigger: `sk-ant-`. Validation: the `api03`/`admin01` version tag, 80–120 URL-safe base64
//! characters and the `AA` suffix every key ends with. High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 140,
    ..Detector::keyworded(
        "SECRET-ANTHROPIC-API-KEY",
        "Anthropic API key",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["sk-ant-"],
        r"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}AA\b",
        validate,
    )
};

fn validate(_c: &Candidate) -> Option<Confidence> {
    Some(Confidence::High)
}
