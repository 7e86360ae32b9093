//! `SECRET-AWS-ACCESS-KEY` — AWS access key ID (`AKIA…` long-term, `ASIA…` temporary).
//! Category: credential. Regulations: SOC 2.
//! Trigger: the prefixes AKIA, ASIA, ABIA, ACCA, A3T followed by 16 upper-case base32 characters.
//! Validation: the 16 characters are base32 (A–Z, 2–7), as real key IDs are, and the ID is not AWS's
//! documentation example. High confidence when a 40-character secret access key sits within 400
//! bytes (a key pair); Medium for a lone ID (an ID alone is not a usable credential).

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{entropy, has_word};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 24,
    ..Detector::keyworded(
        "SECRET-AWS-ACCESS-KEY",
        "AWS access key ID",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        r"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b",
        validate,
    )
};

/// Whether a 40-character base64 string that looks like a secret access key is within `n` bytes.
pub fn secret_key_near(c: &Candidate, n: usize) -> bool {
    let region = [c.before(n), c.after(n)];
    region.iter().any(|r| {
        r.split(|b| !(b.is_ascii_alphanumeric() || *b == b'/' || *b == b'+'))
            .any(|w| w.len() == 40 && entropy(w) > 4.0 && w.iter().any(u8::is_ascii_lowercase) && w.iter().any(u8::is_ascii_uppercase))
    })
}

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    let body = v.get(4..)?;
    let base32 = body.iter().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(b));
    if has_word(v, &["EXAMPLE"]) && !has_word(c.after(400), &["secret"]) {
        return Some(Confidence::Low);
    }
    Some(match (base32, secret_key_near(c, 400)) {
        (true, true) => Confidence::High,
        (true, false) | (false, true) => Confidence::Medium,
        (false, false) => Confidence::Low,
    })
}
