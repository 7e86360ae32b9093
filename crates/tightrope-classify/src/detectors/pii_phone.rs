//! `PII-PHONE` — telephone number, North American and international (E.164-like) formats.
//! Category: PII. Regulations: GDPR, CCPA.
//! Trigger: `(NXX) NXX-XXXX`, `NXX-NXX-XXXX`, `NXX.NXX.XXXX` (optionally `+1`/`001` before and an
//! `x123`/`ext. 123` extension after), `+CC …` groups.
//! Validation: 10–15 digits; North American numbers need an area code and exchange starting 2–9
//! and consistent separators; an international number needs its `+` country code. Medium
//! confidence; High with a context word (phone, tel, call, mobile, fax) just before.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{digits, has_word};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-PHONE",
    "Phone number",
    Category::Pii,
    &[Regulation::Gdpr, Regulation::Ccpa],
    Severity::Medium,
    &[],
    r"(?:(?:\+1|\b001)[ .-]?)?(?:\(\d{3}\)[ .-]?|\b\d{3}[ .-])\d{3}[ .-]\d{4}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?\b|\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){2,4}\b",
    validate,
);

const CONTEXT: &[&str] = &["phone", "tel", "call", "mobile", "cell", "fax", "contact", "sms", "whatsapp"];

fn validate(c: &Candidate) -> Option<Confidence> {
    let full = c.value();
    // An extension (`x1234`, `ext. 12`) is part of the number but not of its digit count.
    let v = full.iter().position(|b| *b == b'x' || *b == b'e').map_or(full, |i| &full[..i]);
    let mut ds = digits(v);
    if v.starts_with(b"001") {
        ds.drain(..2); // the international dialling prefix 00 before country code 1
    }
    if !(10..=15).contains(&ds.len()) {
        return None;
    }
    if v.first() == Some(&b'+') && !v.starts_with(b"+1") {
        // International: the country code is the only structure we can check.
        if ds.first() == Some(&0) {
            return None;
        }
    } else {
        let nanp = if ds.len() == 11 && ds.first() == Some(&1) {
            &ds[1..]
        } else {
            &ds[..]
        };
        if nanp.len() != 10 || nanp[0] < 2 || nanp[3] < 2 {
            return None;
        }
        // Separators between the groups must agree (`555-123.4567` is not a phone number).
        let seps: Vec<u8> = v.iter().copied().filter(|b| matches!(b, b'-' | b'.')).collect();
        if seps.windows(2).any(|w| w[0] != w[1]) {
            return None;
        }
    }
    Some(if has_word(c.before(24), CONTEXT) {
        Confidence::High
    } else {
        Confidence::Medium
    })
}
