//! `FIN-ABA-ROUTING` — US bank routing (ABA) number. Category: financial. Regulations: GLBA.
//! Trigger: the words routing, ABA, RTN or transit followed by 9 digits.
//! Validation: the first two digits in a Federal Reserve range (00–12, 21–32, 61–72, 80) and the ABA
//! 3-7-1 checksum. High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{aba_checksum, digits};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 48,
    ..Detector::keyworded(
        "FIN-ABA-ROUTING",
        "US bank routing number",
        Category::Financial,
        &[Regulation::Glba],
        Severity::Medium,
        &["routing", "aba", "rtn", "transit"],
        r"(?i:routing|aba|rtn|transit)[A-Za-z _#.:=\x22'-]{0,20}(?P<v>\b\d{9}\b)",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let ds = digits(c.value());
    let prefix = u32::from(*ds.first()?) * 10 + u32::from(*ds.get(1)?);
    let fed = matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80);
    (fed && aba_checksum(&ds)).then_some(Confidence::High)
}
