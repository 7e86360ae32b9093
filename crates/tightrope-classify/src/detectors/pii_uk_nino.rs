//! `PII-UK-NINO` — UK National Insurance number. Category: PII. Regulations: GDPR.
//! Trigger: two prefix letters, six digits (optionally in pairs), suffix A–D.
//! Validation: HMRC prefix rules — first letter not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V;
//! prefixes BG, GB, KN, NK, NT, TN, ZZ never issued. Medium confidence; High with "NI"/"national
//! insurance" context.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::has_word;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-UK-NINO",
    "UK National Insurance number",
    Category::Pii,
    &[Regulation::Gdpr],
    Severity::High,
    &[],
    r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    validate,
);

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    let prefix = v.get(..2)?;
    if [b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"].iter().any(|p| prefix == *p) {
        return None;
    }
    Some(if has_word(c.before(40), &["nino", "national insurance", "ni number", "ni no"]) {
        Confidence::High
    } else {
        Confidence::Medium
    })
}
