//! `SECRET-HUGGINGFACE-TOKEN` — Hugging Face user access token or organisation API token.
//! Category: credential. Regulations: SOC 2.
//! Trigger: `hf_` followed by 34 letters (user tokens), `api_org_` followed by 34 letters.
//! Validation: both cases present and entropy above 3.5 bits/char (not a word such as
//! `hf_hub_download_…`). High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::entropy;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 48,
    ..Detector::keyworded(
        "SECRET-HUGGINGFACE-TOKEN",
        "Hugging Face access token",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["hf_", "api_org_"],
        r"\b(?:hf_|api_org_)(?P<v>[A-Za-z]{34})\b",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    let mixed = v.iter().any(u8::is_ascii_lowercase) && v.iter().any(u8::is_ascii_uppercase);
    (mixed && entropy(v) > 3.5).then_some(Confidence::High)
}
