//! `SECRET-HIGH-ENTROPY` — a long random-looking string next to a credential context word
//! (`key`, `token`, `secret`, `bearer`, `authorization`).
//! Category: credential. Regulations: SOC 2.
//! Trigger: the context words; then a base64/hex token of 20–256 characters within 40 bytes.
//! Validation: entropy above 4.2 bits/char for base64-like or 3.0 for hex-like tokens, mixed
//! classes, not a UUID, path or placeholder. Low confidence: it catches unknown token formats and
//! should be reviewed.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{entropy, is_placeholder, mixed_classes};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 320,
    ..Detector::keyworded(
        "SECRET-HIGH-ENTROPY",
        "High-entropy string near a credential word",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Medium,
        &["key", "token", "secret", "bearer", "authorization"],
        r"(?i:key|token|secret|bearer|authorization)[^A-Za-z0-9\r\n]{1,12}(?:[A-Za-z]{0,12}[ ])?(?P<v>[A-Za-z0-9+/_-]{20,256}={0,2})",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    if is_placeholder(v) || !mixed_classes(v) {
        return None;
    }
    let hex = v.iter().all(u8::is_ascii_hexdigit);
    let uuid_like = v.iter().filter(|&&b| b == b'-').count() == 4 && v.len() == 36;
    if uuid_like || v.iter().filter(|&&b| b == b'/').count() > 2 {
        return None;
    }
    let e = entropy(v);
    ((hex && e > 3.0 && v.len() >= 32) || (!hex && e > 4.2)).then_some(Confidence::Low)
}
