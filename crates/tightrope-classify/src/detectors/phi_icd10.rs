//! `PHI-ICD10` — ICD-10 diagnosis code next to a diagnosis context word. Category: PHI. Regulations: HIPAA.
//! Trigger: ICD, diagnosis, dx or condition, followed by a code such as `E11.9` or `J45.20`.
//! Validation: chapter letter A–Z except U, two digits, optional dot and 1–4 characters. Medium
//! confidence: codes look like many other identifiers, so the context word is required.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 48,
    ..Detector::keyworded(
        "PHI-ICD10",
        "ICD-10 diagnosis code",
        Category::Phi,
        &[Regulation::Hipaa],
        Severity::High,
        &["icd", "diagnosis", "dx", "diagnosed"],
        r"(?i:icd[ -]?10(?:[ -]?cm)?|icd|diagnosis(?: code)?|dx|diagnosed with)[\s:#=\x22'(]{1,4}(?P<v>\b[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?\b)",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    (v.len() >= 3 && v.get(1).is_some_and(u8::is_ascii_digit)).then_some(Confidence::Medium)
}
