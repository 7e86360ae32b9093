//! `PII-EMAIL` — e-mail address. Category: PII. Regulations: GDPR, CCPA.
//! Trigger: the literal `@`, then an RFC 5322 "dot-atom" address around it.
//! Validation: the domain has a dot, an alphabetic top-level domain of 2–24 letters, no empty
//! labels; the local part neither starts nor ends with a dot. High confidence when valid.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 64,
    after: 256,
    ..Detector::keyworded(
        "PII-EMAIL",
        "E-mail address",
        Category::Pii,
        &[Regulation::Gdpr, Regulation::Ccpa],
        Severity::Medium,
        &["@"],
        r"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    let at = v.iter().position(|&b| b == b'@')?;
    let (local, domain) = (&v[..at], &v[at + 1..]);
    if local.ends_with(b".") || local.windows(2).any(|w| w == b"..") || domain.windows(2).any(|w| w == b"..") {
        return None;
    }
    Some(Confidence::High)
}
