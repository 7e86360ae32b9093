//! `SECRET-CONFIG-PASSWORD` — a password, token or API key assigned in configuration
//! (`password=…`, `"api_key": "…"`, `DB_PASSWORD: …`, `client_secret = …`).
//! Category: credential. Regulations: SOC 2.
//! Trigger: the key words password, passwd, pwd, secret, token, api_key, apikey, access_key,
//! private_key, auth followed by `=`, `:` or `:=` and a value.
//! Validation: the value is 6–200 characters, not a placeholder, variable reference or function
//! call, and not a plain word: High when its entropy exceeds 3.5 bits/char and it mixes character
//! classes, Medium when it mixes classes and is 8+ characters, otherwise dropped.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{entropy, is_placeholder, mixed_classes};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 40,
    after: 260,
    ..Detector::keyworded(
        "SECRET-CONFIG-PASSWORD",
        "Password or token in configuration",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::High,
        &[
            "pass",
            "pwd",
            "secret",
            "token",
            "api_key",
            "apikey",
            "api-key",
            "access_key",
            "auth_key",
            "private_key",
            "credential",
        ],
        r"(?i:[A-Za-z0-9_.-]{0,30}(?:passwor?d|passwd|pass|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]{0,20})[\x22'\]]?[ \t]{0,8}(?::=|=>|==|=|:)[ \t]{0,8}(?:[\x22'`](?P<v>[^\x22'`\r\n]{6,200})[\x22'`]|(?P<v2>[^\s\x22'`,;]{6,200}))",
        validate,
    )
};

/// The longest key name the pattern reads: prefix, key word (`credentials`, `private_key`) and suffix.
const MAX_NAME: usize = 30 + 11 + 20;

/// Whether a match can start at `p` (a necessary condition; the engine runs the regex anchored
/// only at such positions instead of an unanchored search, whose lazy DFA builds new states at
/// almost every byte of source code). The key name is all `[A-Za-z0-9_.-]` and is followed by a
/// byte outside that set, so it runs from `p` to the end of its run of such bytes (at most
/// [`MAX_NAME`] of them); then come an optional quote or `]`, up to 8 spaces or tabs, and `:` or `=`.
pub fn may_start(hay: &[u8], p: usize) -> bool {
    let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-');
    let Some(rest) = hay.get(p..) else {
        return false;
    };
    let name = rest.iter().take(MAX_NAME + 1).take_while(|b| is_name(b)).count();
    if name == 0 || name > MAX_NAME {
        return false;
    }
    let mut after = &rest[name..];
    if let [b'"' | b'\'' | b']', tail @ ..] = after {
        after = tail;
    }
    let blanks = after.iter().take(8).take_while(|b| matches!(b, b' ' | b'\t')).count();
    matches!(after.get(blanks), Some(b':' | b'='))
}

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    if is_placeholder(v) || v.contains(&b' ') && v.split(|&b| b == b' ').count() > 2 {
        return None;
    }
    // Code, not a value: a call, a member access, a comparison.
    if v.ends_with(b")") || v.ends_with(b"(") || v.starts_with(b"$") || v.starts_with(b"%") {
        return None;
    }
    let e = entropy(v);
    match () {
        _ if mixed_classes(v) && e > 3.5 => Some(Confidence::High),
        _ if mixed_classes(v) && v.len() >= 8 => Some(Confidence::Medium),
        _ if e > 3.0 && v.len() >= 12 => Some(Confidence::Medium),
        _ => None,
    }
}
