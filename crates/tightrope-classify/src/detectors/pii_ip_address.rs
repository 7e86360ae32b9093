//! `PII-IP-ADDRESS` — IPv4 or IPv6 address. Category: PII (an online identifier under GDPR Recital 30).
//! Regulations: GDPR. Trigger: dotted quad, or colon-separated hex groups with `::` or 8 groups.
//! Validation: IPv4 octets 0–255 without leading zeros, not part of a longer dotted number
//! (version strings such as `1.2.3.4.5`); IPv6 parsed by `std::net`. Medium confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-IP-ADDRESS",
    "IP address",
    Category::Pii,
    &[Regulation::Gdpr],
    Severity::Low,
    &[],
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?\b",
    validate,
);

fn validate(c: &Candidate) -> Option<Confidence> {
    let s = std::str::from_utf8(c.value()).ok()?;
    let dotted_neighbour = |b: Option<&u8>| b == Some(&b'.');
    if dotted_neighbour(c.before(1).first()) && c.before(2).first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if dotted_neighbour(c.after(1).first()) && c.after(2).get(1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if s.contains('.') {
        let ip: std::net::Ipv4Addr = s.parse().ok()?;
        // 0.x and version-like all-small quads are rarely addresses.
        (ip.octets()[0] != 0).then_some(Confidence::Medium)
    } else {
        let ip: std::net::Ipv6Addr = s.parse().ok()?;
        (s.len() >= 6 && !ip.is_unspecified()).then_some(Confidence::Medium)
    }
}
