//! `SECRET-AWS-SECRET-KEY` — AWS secret access key next to its name.
//! Category: credential. Regulations: SOC 2.
//! Trigger: `aws_secret_access_key`, `SecretAccessKey`, `aws_secret_key`, `AWS_SECRET` … followed by an
//! assignment and 40 base64 characters.
//! Validation: exactly 40 characters, mixed case, entropy above 4 bits/char, not a placeholder.
//! High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{entropy, is_placeholder, mixed_classes};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 16,
    after: 120,
    ..Detector::keyworded(
        "SECRET-AWS-SECRET-KEY",
        "AWS secret access key",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &[
            "secret_access_key",
            "secretaccesskey",
            "aws_secret",
            "secret_key",
            "secret-access-key",
            "aws secret",
        ],
        r"(?i:aws)?[_. -]?(?i:secret)[_. -]?(?i:access)?[_. -]?(?i:key)(?:[\x22'\]]{0,2})\s{0,4}(?::=|=>|=|:|,)\s{0,4}[\x22']?(?P<v>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    if is_placeholder(v) || !mixed_classes(v) {
        return None;
    }
    Some(if entropy(v) > 4.0 { Confidence::High } else { Confidence::Medium })
}
