//! `PII-DATE-OF-BIRTH` — a date next to a birth context word. Category: PII. Regulations: GDPR, CCPA, HIPAA.
//! Trigger: the date shapes of [`super::pii_date`].
//! Validation: a real calendar date (see `pii_date::parse`) with a year 1900–2030, and a context
//! word (born, birth, DOB, birthday) within 40 bytes before it. Medium confidence; dates without
//! context are `PII-DATE` (low). CSV columns named like `dob`/`birth_date` are labelled by header.

use super::pii_date;
use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::has_word;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-DATE-OF-BIRTH",
    "Date of birth",
    Category::Pii,
    &[Regulation::Gdpr, Regulation::Ccpa, Regulation::Hipaa],
    Severity::Medium,
    &[],
    pii_date::PATTERN,
    validate,
);

fn validate(c: &Candidate) -> Option<Confidence> {
    pii_date::parse(c.value())?;
    has_word(c.before(40), &["born", "birth", "dob", "d.o.b", "birthday"]).then_some(Confidence::Medium)
}
