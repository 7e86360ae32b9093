//! `SECRET-JWT` — JSON Web Token (a bearer credential while it is valid).
//! Category: credential. Regulations: SOC 2.
//! Trigger: `eyJ` (base64 of `{"`), three dot-separated base64url parts.
//! Validation: the header decodes to a JSON object with an `alg` (or `typ`) member and the payload
//! decodes to a JSON object. High confidence; tokens with `"alg":"none"` are Medium (unsigned).

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::base64_decode;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 4096,
    ..Detector::keyworded(
        "SECRET-JWT",
        "JSON Web Token",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::High,
        &["eyJ"],
        r"\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{4,4000}\.[A-Za-z0-9_-]{0,1000}",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let mut parts = c.value().split(|&b| b == b'.');
    let header = base64_decode(parts.next()?)?;
    let payload = base64_decode(parts.next()?)?;
    let header: serde_json::Value = serde_json::from_slice(&header).ok()?;
    let payload: serde_json::Value = serde_json::from_slice(&payload).ok()?;
    let h = header.as_object()?;
    payload.as_object()?;
    if !(h.contains_key("alg") || h.contains_key("typ")) {
        return None;
    }
    let unsigned = h
        .get("alg")
        .and_then(|a| a.as_str())
        .is_some_and(|a| a.eq_ignore_ascii_case("none"));
    Some(if unsigned { Confidence::Medium } else { Confidence::High })
}
