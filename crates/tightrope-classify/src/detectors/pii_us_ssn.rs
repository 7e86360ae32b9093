//! `PII-US-SSN` — US Social Security number. Category: PII. Regulations: GDPR, CCPA, GLBA.
//! Trigger: `AAA-GG-SSSS` or `AAA GG SSSS`.
//! Validation: SSA rules — area not 000, 666 or 900–999; group not 00; serial not 0000; not a
//! well-known advertising number (078-05-1120, 219-09-9999). Medium confidence; High with a context
//! word (ssn, social security, taxpayer) just before.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{digits, has_word};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-US-SSN",
    "US Social Security number",
    Category::Pii,
    &[Regulation::Gdpr, Regulation::Ccpa, Regulation::Glba],
    Severity::High,
    &[],
    r"\b\d{3}(?:-\d{2}-|[ ]\d{2}[ ])\d{4}\b",
    validate,
);

fn validate(c: &Candidate) -> Option<Confidence> {
    let ds = digits(c.value());
    if ds.len() != 9 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| ds[r].iter().fold(0u32, |a, &d| a * 10 + u32::from(d));
    let (area, group, serial) = (num(0..3), num(3..5), num(5..9));
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        return None;
    }
    if (area, group, serial) == (78, 5, 1120) || (area, group, serial) == (219, 9, 9999) {
        return None;
    }
    // A date-like or phone-like neighbour (`123-45-6789-0`) is not an SSN.
    if matches!(c.after(1).first(), Some(b'-' | b'.')) && c.after(2).get(1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some(
        if has_word(c.before(32), &["ssn", "social security", "social sec", "taxpayer", "tin"]) {
            Confidence::High
        } else {
            Confidence::Medium
        },
    )
}
