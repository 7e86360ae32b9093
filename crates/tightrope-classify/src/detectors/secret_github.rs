//! `SECRET-GITHUB-TOKEN` — GitHub tokens: classic personal access tokens (`ghp_`), OAuth (`gho_`),
//! user-to-server (`ghu_`), server-to-server (`ghs_`), refresh (`ghr_`) and fine-grained PATs
//! (`github_pat_`). Category: credential. Regulations: SOC 2.
//! Trigger: the prefixes. Validation: for `gh?_` tokens the last 6 characters are the base62
//! CRC-32 of the first 30 (GitHub's checksum): High when it holds, Medium when it does not (test
//! fixtures and old tokens); fine-grained tokens: 22 + 59 characters, High.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 100,
    ..Detector::keyworded(
        "SECRET-GITHUB-TOKEN",
        "GitHub token",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b",
        validate,
    )
};

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Whether a `gh?_` token's 6-character suffix is the base62 CRC-32 of its 30-character body.
pub fn checksum_ok(token: &[u8]) -> bool {
    let Some(rest) = token.get(4..) else { return false };
    if rest.len() != 36 {
        return false;
    }
    let (body, check) = rest.split_at(30);
    let mut n = crc32fast::hash(body);
    let mut enc = [b'0'; 6];
    for slot in enc.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    n == 0 && enc == check
}

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    if v.starts_with(b"github_pat_") {
        return Some(Confidence::High);
    }
    Some(if checksum_ok(v) { Confidence::High } else { Confidence::Medium })
}
