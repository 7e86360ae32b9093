//! `FIN-IBAN` — International Bank Account Number. Category: financial. Regulations: GDPR, PCI DSS.
//! Trigger: country code (either case), two check digits, 11–30 alphanumerics (optionally in groups of four).
//! Validation: the length registered for the country (ISO 13616 registry) and the ISO 7064
//! mod-97-10 checksum. High confidence; a match failing either is never reported.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::iban_mod97;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "FIN-IBAN",
    "IBAN bank account number",
    Category::Financial,
    &[Regulation::Gdpr, Regulation::Glba],
    Severity::High,
    &[],
    r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?\b",
    validate,
);

/// IBAN length per country (ISO 13616 registry).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SC", 31),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

fn validate(c: &Candidate) -> Option<Confidence> {
    let compact: Vec<u8> = c
        .value()
        .iter()
        .copied()
        .filter(|b| *b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    let country = std::str::from_utf8(compact.get(..2)?).ok()?;
    let (_, len) = LENGTHS.iter().find(|(cc, _)| *cc == country)?;
    (compact.len() == *len && iban_mod97(&compact)).then_some(Confidence::High)
}
