//! `PII-ADDRESS` — street address (house number, street name, street type).
//! Category: PII. Regulations: GDPR, CCPA.
//! Trigger: 1–5 digit house number, one to three capitalised words, a street suffix (Street, St,
//! Avenue, Ave, Road, Rd, Boulevard, Lane, Drive, Court, Way, Place, Terrace, Parkway, Highway, Circle).
//! Validation: house number not zero; the words are not all the suffix. Medium confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-ADDRESS",
    "Street address",
    Category::Pii,
    &[Regulation::Gdpr, Regulation::Ccpa],
    Severity::Medium,
    &[],
    r"\b\d{1,5}[ ](?:[NSEW]\.?[ ])?(?:[A-Z][A-Za-z]+[ ]){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Alley|Row)\b\.?",
    validate,
);

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    let n: u32 = v
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .fold(0, |a, &d| a.saturating_mul(10).saturating_add(u32::from(d - b'0')));
    (n > 0).then_some(Confidence::Medium)
}
