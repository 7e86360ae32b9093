//! `SECRET-PRIVATE-KEY` — PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP).
//! Category: credential. Regulations: SOC 2.
//! Trigger: `PRIVATE KEY`, in a `-----BEGIN … PRIVATE KEY-----` armour line.
//! Validation: the armour line is followed by base64 key material (at least 32 base64 characters
//! within the next 200 bytes, newlines and PEM headers allowed): High; an armour line alone
//! (documentation, a template) is Low.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 40,
    after: 24,
    ..Detector::keyworded(
        "SECRET-PRIVATE-KEY",
        "Private key",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["PRIVATE KEY"],
        r"-----BEGIN[ ](?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let body = c.after(200);
    // Longest run of base64 characters (line breaks and `\n` escapes in JSON strings allowed).
    let mut run = 0usize;
    let mut best = 0usize;
    let mut prev = 0u8;
    for &b in body {
        if b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=' {
            if !(prev == b'\\' && b == b'n') {
                run += 1;
            }
        } else if !matches!(b, b'\n' | b'\r' | b' ' | b'\\' | b':' | b',' | b'-') {
            run = 0;
        }
        best = best.max(run);
        prev = b;
    }
    Some(if best >= 32 { Confidence::High } else { Confidence::Low })
}
