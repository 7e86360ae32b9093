//! `PHI-MRN` — medical record number. Category: PHI. Regulations: HIPAA.
//! Trigger: MRN, "medical record", "patient id" or "chart number" followed by an identifier.
//! Validation: 5–12 characters of digits (optionally with letters or dashes) holding at least 5
//! digits. Medium confidence (MRN formats are per hospital; the context word carries it).

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 64,
    ..Detector::keyworded(
        "PHI-MRN",
        "Medical record number",
        Category::Phi,
        &[Regulation::Hipaa],
        Severity::High,
        &["mrn", "medical record", "patient id", "patient_id", "chart number", "chart no"],
        r"(?i:mrn|medical record(?: number| no\.?| #)?|patient[ _]id|chart (?:number|no\.?))[\s:#=\x22']{1,4}(?P<v>\b[A-Z]{0,3}-?\d[\d-]{4,11}\b)",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let n = c.value().iter().filter(|b| b.is_ascii_digit()).count();
    (n >= 5).then_some(Confidence::Medium)
}
