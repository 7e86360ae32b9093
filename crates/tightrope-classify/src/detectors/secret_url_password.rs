//! `SECRET-URL-PASSWORD` — password embedded in a URL (`postgres://user:pass@host`, `https://u:p@…`).
//! Category: credential. Regulations: SOC 2.
//! Trigger: `://`. Validation: a user and a password of 3–128 characters before `@host`, the password
//! not a placeholder (`password`, `${DB_PASS}`, `****`, `<pass>`), and the host has a dot, a port
//! or is `localhost`. High confidence when the password has mixed classes, Medium otherwise.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{is_placeholder, mixed_classes};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 24,
    after: 320,
    ..Detector::keyworded(
        "SECRET-URL-PASSWORD",
        "Password in a URL",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::High,
        &["://"],
        r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s:/@\x22'<>]{1,64}:(?P<v>[^\s:/@\x22'<>]{3,128})@(?P<host>[A-Za-z0-9._-]{2,253}(?::\d{1,5})?)",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    if is_placeholder(v) {
        return None;
    }
    let host = c.haystack.get(c.value_end + 1..c.end).unwrap_or_default();
    if !(host.contains(&b'.') || host.contains(&b':') || host.starts_with(b"localhost")) {
        return None;
    }
    Some(if mixed_classes(v) && v.len() >= 8 {
        Confidence::High
    } else {
        Confidence::Medium
    })
}
