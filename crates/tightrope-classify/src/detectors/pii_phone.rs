//! `PII-PHONE` — telephone number in international (`+CC …`), North American and other national
//! formats. Category: PII. Regulations: GDPR, CCPA.
//! Trigger: two to six groups of digits separated by one space, dot or hyphen, optionally a
//! `(area)` group, a `+CC` calling code and an `x123`/`ext. 123` extension; or `+` and 7–15
//! digits; or 10–12 digits in one run.
//! Validation, by the numbering plan the format names:
//! - `+CC …`: an assigned calling code and a national number length its plan allows
//!   ([`crate::phone_plan`]); High with a phone context word, else Medium.
//! - North American `NXX-NXX-XXXX` (also `(NXX) NXX-XXXX`, `1-`/`001-` before): area code and
//!   exchange start with 2–9 and the separators agree; High with context, else Medium.
//! - any other national format (a country is not known, so no plan is checked beyond the length) (`040 898 9331`, `06-24312407`, `(11) 4706-6184`): 6–15 digits and
//!   a phone context word (`phone`, `tel`, `call`, `fax`, `mobile`, … before it, or a label such
//!   as `office`, `fax`, `mobile` right after it, as in address blocks); Medium. Without context
//!   such digit groups are too often ids, amounts or versions to report.
//!
//! Dates (`2024-01-15`, `15.01.2024`) and dotted IPv4 addresses are never phone numbers.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::phone_plan::valid_international;
use crate::validate::{digits, has_whole_word};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-PHONE",
    "Phone number",
    Category::Pii,
    &[Regulation::Gdpr, Regulation::Ccpa],
    Severity::Medium,
    &[],
    r"(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?\d{1,5}|\b\d{1,5})(?:[ .-]\d{1,5}){1,5}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?\b|\+\d{7,15}\b|\b\d{10,12}\b",
    validate,
);

/// Words that say a number nearby is a phone number (whole words, any case).
const CONTEXT_BEFORE: &[&str] = &[
    "phone",
    "phones",
    "telephone",
    "tel",
    "call",
    "calls",
    "called",
    "calling",
    "mobile",
    "cell",
    "cellphone",
    "fax",
    "contact",
    "sms",
    "whatsapp",
    "dial",
    "reach",
    "hotline",
];

/// Labels written right after a number in address blocks and signatures (`555 0100 office`).
const LABEL_AFTER: &[&str] = &[
    "office", "fax", "mobile", "cell", "home", "work", "phone", "tel", "direct",
];

fn validate(c: &Candidate) -> Option<Confidence> {
    let full = c.value();
    // An extension (`x1234`, `ext. 12`) is part of the number but not of its digit count.
    let v = full
        .iter()
        .position(|b| *b == b'x' || *b == b'e')
        .map_or(full, |i| &full[..i]);
    let v = v.trim_ascii_end();
    if is_date(v) || is_ipv4(v) {
        return None;
    }
    let ds = digits(v);
    if !(6..=15).contains(&ds.len()) {
        return None;
    }
    let context = || has_whole_word(c.before(40), CONTEXT_BEFORE) || label_after(c.after(16));
    let with_context = |base: Confidence| Some(if context() { Confidence::High } else { base });
    if v.first() == Some(&b'+') {
        // `+44 (0)20 …`: the bracketed trunk prefix is not dialled after a calling code.
        let trunk = usize::from(v.windows(3).any(|w| w == b"(0)"));
        let mut international = ds.clone();
        if trunk == 1 {
            let at = v
                .windows(3)
                .position(|w| w == b"(0)")
                .map_or(0, |p| digits(&v[..p]).len());
            international.remove(at);
        }
        valid_international(&international)?;
        return with_context(Confidence::Medium);
    }
    if let Some(nanp) = nanp_digits(v, &ds)
        && nanp[0] >= 2
        && nanp[3] >= 2
        && separators_agree(v)
    {
        return with_context(Confidence::Medium);
    }
    if !separators_agree(v) {
        return None;
    }
    context().then_some(Confidence::Medium)
}

/// The ten national digits of a North American number written `NXX-NXX-XXXX` (or `(NXX) NXX-XXXX`,
/// `NXXNXXXXXX`), with an optional `1` or `001` before.
fn nanp_digits<'d>(v: &[u8], ds: &'d [u8]) -> Option<&'d [u8]> {
    let national = match ds.len() {
        10 => ds,
        11 if ds[0] == 1 => &ds[1..],
        13 if ds.starts_with(&[0, 0, 1]) => &ds[3..],
        _ => return None,
    };
    // The last three groups must be 3, 3 and 4 digits (a 10-digit run counts as that too).
    let groups: Vec<usize> = v
        .split(|b| !b.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(<[u8]>::len)
        .collect();
    let shape = match groups.as_slice() {
        [.., 3, 3, 4] => true,
        [.., 10] => ds.len() == 10,
        _ => false,
    };
    shape.then_some(national)
}

/// Hyphens and dots are not mixed (`555-123.4567` is not a phone number).
fn separators_agree(v: &[u8]) -> bool {
    !(v.contains(&b'-') && v.contains(&b'.'))
}

/// `YYYY-MM-DD`, `DD.MM.YYYY`, `DD-MM-YYYY` and the like (three groups, one of four digits, with a
/// month of 1–12 in the middle).
fn is_date(v: &[u8]) -> bool {
    let groups: Vec<&[u8]> = v.split(|b| matches!(b, b'-' | b'.' | b' ')).collect();
    let [a, b, c] = groups.as_slice() else {
        return false;
    };
    let month = std::str::from_utf8(b).ok().and_then(|m| m.parse::<u8>().ok());
    let years = (a.len() == 4 && c.len() <= 2) || (c.len() == 4 && a.len() <= 2);
    years && b.len() <= 2 && month.is_some_and(|m| (1..=12).contains(&m))
}

/// Four dot-separated numbers of 0–255.
fn is_ipv4(v: &[u8]) -> bool {
    let parts: Vec<&[u8]> = v.split(|b| *b == b'.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && std::str::from_utf8(p)
                    .ok()
                    .and_then(|s| s.parse::<u16>().ok())
                    .is_some_and(|n| n <= 255)
        })
}

/// A label word right after the number, before any other word: `0477 11 28 98 office`,
/// `06-10446904-Office`, `(895)164-4839 (mobile)`.
fn label_after(after: &[u8]) -> bool {
    let skip = after
        .iter()
        .take_while(|b| matches!(b, b' ' | b'-' | b'(' | b'/' | b',' | b':'))
        .count();
    let rest = &after[skip..];
    let word_len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    word_len > 0
        && LABEL_AFTER
            .iter()
            .any(|w| rest[..word_len].eq_ignore_ascii_case(w.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, value: &str) -> Option<Confidence> {
        let start = text.find(value).expect("value in text");
        validate(&Candidate {
            haystack: text.as_bytes(),
            start,
            end: start + value.len(),
            value_start: start,
            value_end: start + value.len(),
        })
    }

    #[test]
    fn international_numbers_follow_their_plan() {
        assert_eq!(
            check("see +44 20 7946 0958 now", "+44 20 7946 0958"),
            Some(Confidence::Medium)
        );
        assert_eq!(check("tel +49 30 901820", "+49 30 901820"), Some(Confidence::High));
        assert_eq!(
            check("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            Some(Confidence::Medium)
        );
        assert_eq!(check("x +44 20 79 y", "+44 20 79"), None, "too short for the UK");
        assert_eq!(check("x +999 1234 5678 y", "+999 1234 5678"), None, "unassigned code");
    }

    #[test]
    fn north_american_numbers() {
        assert_eq!(check("at (348) 227-5672.", "(348) 227-5672"), Some(Confidence::Medium));
        assert_eq!(
            check("call 001-920-866-4851", "001-920-866-4851"),
            Some(Confidence::High)
        );
        assert_eq!(check("x 348-227.5672 y", "348-227.5672"), None, "mixed separators");
        assert_eq!(
            check("x 148-227-5672 y", "148-227-5672"),
            None,
            "area code starts with 1"
        );
        assert_eq!(
            check("phone: 148-227-5672", "148-227-5672"),
            Some(Confidence::Medium),
            "national, with context"
        );
    }

    #[test]
    fn national_formats_need_context() {
        assert_eq!(check("Phone: 040 898 9331", "040 898 9331"), Some(Confidence::Medium));
        assert_eq!(check("06-24312407-Office", "06-24312407"), Some(Confidence::Medium));
        assert_eq!(check("22 498317 office", "22 498317"), Some(Confidence::Medium));
        assert_eq!(
            check("You can call 0477 11 28 98", "0477 11 28 98"),
            Some(Confidence::Medium)
        );
        assert_eq!(check("order 040 898 9331 shipped", "040 898 9331"), None);
        assert_eq!(check("hotel 040 898 9331", "040 898 9331"), None, "`tel` inside a word");
        assert_eq!(check("call 12 34", "12 34"), None, "too few digits");
    }

    #[test]
    fn dates_and_addresses_are_not_phones() {
        assert_eq!(check("call on 2024-01-15", "2024-01-15"), None);
        assert_eq!(check("call on 15.01.2024", "15.01.2024"), None);
        assert_eq!(check("call 192.168.100.200", "192.168.100.200"), None);
    }
}
