//! `PII-PERSON` — a person's name. Category: PII. Regulations: GDPR, CCPA.
//! Trigger: an honorific or introducing word (Mr, Mrs, Ms, Dr, Dear, contact, name:, signed,
//! patient, customer, employee) followed by one to three capitalised words.
//! Validation: each word is capitalised, 2–20 letters, and not a common capitalised non-name
//! (a weekday, month, or "The"). Medium confidence after an honorific or `name:`, Low otherwise.
//! No dictionary of real people and no network: names without such context are not reported.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 80,
    ..Detector::keyworded(
        "PII-PERSON",
        "Person name",
        Category::Pii,
        &[Regulation::Gdpr, Regulation::Ccpa],
        Severity::Medium,
        TRIGGERS,
        r"(?i:mrs?\.?|ms\.?|miss|dr\.?|dear|contact|name:|name is|named|signed|patient|customer|employee|sincerely,|regards,|attn:)[ \t\r\n]+(?P<v>[A-Z][a-z]{1,19}(?:[ ](?:[A-Z]\.[ ])?[A-Z][a-z]{1,19}(?:-[A-Z][a-z]{1,19})?){0,2})\b",
        validate,
    )
};

/// Honorifics and introducing words that this detector reads a name after (also used by
/// `PII-PERSON-NAME` to leave such names to this detector).
pub const TRIGGERS: &[&str] = &[
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "mr ",
    "mrs ",
    "ms ",
    "miss ",
    "dear ",
    "contact ",
    "name:",
    "name is ",
    "named ",
    "signed ",
    "patient ",
    "customer ",
    "employee ",
    "sincerely,",
    "regards,",
    "attn:",
];

/// Capitalised words that follow a trigger or start a name-shaped phrase but are not names.
pub const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Support",
    "Customer",
    "Service",
    "Team",
    "Sir",
    "Madam",
    "All",
    "Us",
    "Me",
    "Information",
    "Details",
    "Number",
    "Email",
];

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = std::str::from_utf8(c.value()).ok()?;
    let first = v.split(' ').next()?;
    if NOT_NAMES.contains(&first) {
        return None;
    }
    let trigger = c.haystack.get(c.start..c.value_start).unwrap_or_default();
    let strong = [&b"mr"[..], b"ms", b"dr", b"miss", b"name", b"dear"]
        .iter()
        .any(|w| trigger.len() >= w.len() && trigger[..w.len()].eq_ignore_ascii_case(w));
    let words = v.split(' ').count();
    Some(if strong || words >= 2 {
        Confidence::Medium
    } else {
        Confidence::Low
    })
}
