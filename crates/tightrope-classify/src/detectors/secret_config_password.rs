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
    let Some(rest) = hay.get(p..) else {
        return false;
    };
    let name = rest.iter().take(MAX_NAME + 1).take_while(|b| is_name(b)).count();
    name > 0 && name <= MAX_NAME && operator_follows(&rest[name..])
}

/// The first `p` in `from..=to` where [`may_start`] holds. Every position of a run of name bytes
/// has the same run end, so each run is read once (`may_start` at each position of a window reads
/// the rest of the run again): where the operator follows the run, the valid starts are the last
/// [`MAX_NAME`] positions of the run.
pub fn next_start(hay: &[u8], from: usize, to: usize) -> Option<usize> {
    let mut p = from;
    while p <= to {
        if !is_name(hay.get(p)?) {
            p += 1;
            continue;
        }
        // A run reaching past `to + MAX_NAME` is too long for any start up to `to`.
        let limit = to.saturating_add(MAX_NAME + 1).min(hay.len());
        let end = p + hay[p..limit].iter().take_while(|b| is_name(b)).count();
        if end == limit && hay.get(limit).is_some_and(is_name) {
            return None;
        }
        if operator_follows(&hay[end..]) {
            let first = p.max(end.saturating_sub(MAX_NAME));
            return (first <= to).then_some(first);
        }
        p = end;
    }
    None
}

/// A byte of a key name.
fn is_name(b: &u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Whether `after` (the bytes after a key name) starts with an optional quote or `]`, up to 8
/// spaces or tabs, and `:` or `=`.
fn operator_follows(mut after: &[u8]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_start_finds_what_may_start_allows() {
        let long_run = "k".repeat(MAX_NAME + 5);
        let texts = [
            "x password=Zx81kQpLm2Hv9t; \"api_key\": \"sk9\", DB_PASS  :  hunter2 my.token:=abc".to_string(),
            format!("{long_run}=v {long_run}x: y a.b-c_d ] = 1 'q'\t\t:z"),
            format!("{}= short= {long_run}", "a".repeat(MAX_NAME)),
        ];
        for text in &texts {
            let hay = text.as_bytes();
            for from in 0..hay.len() + 2 {
                for to in from..(from + 70).min(hay.len() + 2) {
                    let walked: Vec<usize> =
                        std::iter::successors(next_start(hay, from, to), |&p| next_start(hay, p + 1, to)).collect();
                    let filtered: Vec<usize> = (from..=to).filter(|&p| may_start(hay, p)).collect();
                    assert_eq!(walked, filtered, "{text:?} {from}..={to}");
                }
            }
        }
    }
}
