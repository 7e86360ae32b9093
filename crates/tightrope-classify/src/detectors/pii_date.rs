//! `PII-DATE` — a calendar date (ISO `2024-03-01`, `03/01/2024`, `1 March 2024`, `March 1, 2024`).
//! Category: PII (a date tied to a person is personal data under HIPAA's Safe Harbor list).
//! Regulations: HIPAA. Validation: month 1–12, day valid for the month, year 1900–2099.
//! Low confidence: a date alone is not sensitive; it raises a label only with other PII.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

/// Date shapes shared with `PII-DATE-OF-BIRTH`.
pub const PATTERN: &str = r"\b(?:(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:19|20)?\d{2}|(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[ ](?:of[ ])?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?[ ](?:19|20)\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ ](?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?[ ](?:19|20)\d{2})\b";

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-DATE",
    "Calendar date",
    Category::Pii,
    &[Regulation::Hipaa],
    Severity::Low,
    &[],
    PATTERN,
    validate,
);

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Parse a date in one of the supported shapes into (year or two-digit year, month, day).
pub fn parse(v: &[u8]) -> Option<(u32, u32, u32)> {
    let s = std::str::from_utf8(v).ok()?;
    let nums: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    // Month names only in dates with letters (most dates are all digits).
    let month_name = if s.bytes().any(|b| b.is_ascii_alphabetic()) {
        let lower = s.to_ascii_lowercase();
        MONTHS
            .iter()
            .position(|m| lower.contains(m))
            .and_then(|i| u32::try_from(i + 1).ok())
    } else {
        None
    };
    let (y, m, d) = match (month_name, nums.as_slice()) {
        (Some(m), [d, y]) => (*y, m, *d),
        (None, [a, b, c]) if *a >= 1900 => (*a, *b, *c),
        // Month first (US) when it can be, else day first.
        (None, [a, b, c]) if *a <= 12 => (*c, *a, *b),
        (None, [a, b, c]) => (*c, *b, *a),
        _ => return None,
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let max = *days.get(usize::try_from(m).ok()?.checked_sub(1)?)?;
    (d >= 1 && d <= max && (y < 100 || (1900..2100).contains(&y))).then_some((y, m, d))
}

fn validate(c: &Candidate) -> Option<Confidence> {
    parse(c.value()).map(|_| Confidence::Low)
}
