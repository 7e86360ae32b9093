//! `PII-PASSPORT` — passport number. Category: PII. Regulations: GDPR, CCPA.
//! Trigger: the word "passport" followed within a few words by a 6–9 character document number.
//! Validation: the number holds at least 5 digits (US: 9 digits or a letter and 8 digits; UK: 9
//! digits; most EU: 1–2 letters and 7 digits), and is not a date. Medium confidence: there is no
//! public checksum outside the machine-readable zone.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 64,
    ..Detector::keyworded(
        "PII-PASSPORT",
        "Passport number",
        Category::Pii,
        &[Regulation::Gdpr, Regulation::Ccpa],
        Severity::High,
        &["passport"],
        r"(?i)passport(?:[ _-]?(?:no|number|num|#|id))?\.?[\s:=#\x22']{1,4}(?:is[ ])?(?-i)(?P<v>\b[A-Z]{0,2}\d{6,9}\b)",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    let n = v.iter().filter(|b| b.is_ascii_digit()).count();
    (n >= 5 && (6..=9).contains(&v.len())).then_some(Confidence::Medium)
}
