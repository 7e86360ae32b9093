//! `SECRET-GCP-SERVICE-ACCOUNT` — Google Cloud service-account key file (JSON).
//! Category: credential. Regulations: SOC 2.
//! Trigger: `"type": "service_account"`.
//! Validation: a `"private_key"` holding a PEM private key, or a `"private_key_id"` of 40 hex digits,
//! within 4 KiB around the trigger (the key file's fields come in any order). High confidence with
//! the key, otherwise not reported (a service-account JSON without a key is not a credential).

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::has_word;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 8,
    after: 64,
    ..Detector::keyworded(
        "SECRET-GCP-SERVICE-ACCOUNT",
        "Google Cloud service-account key",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["service_account"],
        r#"\x22type\x22\s*:\s*\x22service_account\x22"#,
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let around = [c.before(4096), c.after(4096)];
    around
        .iter()
        .any(|r| has_word(r, &["PRIVATE KEY-----"]) || has_word(r, &["\"private_key_id\""]))
        .then_some(Confidence::High)
}
