//! `FIN-CREDIT-CARD` — payment card number (PAN). Category: financial. Regulations: PCI DSS, GLBA.
//! Trigger: 13–19 digits, optionally grouped by single spaces or dashes.
//! Validation: Luhn checksum, a known issuer range with a length valid for it (Visa 4; Mastercard
//! 51–55 and 2221–2720; American Express 34, 37; Discover 6011, 644–649, 65; JCB 3528–3589; Diners
//! 300–305, 36, 38–39; UnionPay 62; Maestro 50, 56–58, 6304, 67), one kind of separator, and not all
//! one digit. High confidence; a match without a valid issuer or checksum is never reported.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::{digits, luhn};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "FIN-CREDIT-CARD",
    "Payment card number",
    Category::Financial,
    &[Regulation::PciDss, Regulation::Glba],
    Severity::High,
    &[],
    r"\b\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}\b|\b\d{4}[ -]?\d{6}[ -]?\d{4,5}\b",
    validate,
);

/// The issuer of a PAN whose length fits that issuer.
pub fn issuer(ds: &[u8]) -> Option<&'static str> {
    let p = |n: usize| ds.iter().take(n).fold(0u32, |a, &d| a * 10 + u32::from(d));
    let len = ds.len();
    let (name, lengths): (&str, &[usize]) = match () {
        _ if p(1) == 4 => ("Visa", &[13, 16, 19]),
        _ if (51..=55).contains(&p(2)) || (2221..=2720).contains(&p(4)) => ("Mastercard", &[16]),
        _ if p(2) == 34 || p(2) == 37 => ("American Express", &[15]),
        _ if p(4) == 6011 || (644..=649).contains(&p(3)) || p(2) == 65 => ("Discover", &[16, 19]),
        _ if (3528..=3589).contains(&p(4)) => ("JCB", &[16, 19]),
        _ if (300..=305).contains(&p(3)) || p(2) == 36 || p(2) == 38 || p(2) == 39 => ("Diners Club", &[14, 16, 19]),
        _ if p(2) == 62 => ("UnionPay", &[16, 17, 18, 19]),
        _ if p(2) == 50 || (56..=58).contains(&p(2)) || p(4) == 6304 || p(2) == 67 => ("Maestro", &[12, 13, 14, 15, 16, 17, 18, 19]),
        _ => return None,
    };
    lengths.contains(&len).then_some(name)
}

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    let ds = digits(v);
    let has_space = v.contains(&b' ');
    let has_dash = v.contains(&b'-');
    if has_space && has_dash {
        return None;
    }
    let first = *ds.first()?;
    if ds.iter().all(|&d| d == first) || !luhn(&ds) {
        return None;
    }
    issuer(&ds).map(|_| Confidence::High)
}
