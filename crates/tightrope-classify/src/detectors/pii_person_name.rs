//! `PII-PERSON-NAME` — a person's name recognised from name lists, without context words.
//! Category: PII. Regulations: GDPR, CCPA.
//! Trigger: a capitalised word, optionally followed by a second one (and a middle initial `J.`
//! between them); the second may carry Latin accents (`Berločnik`), a `Mc`/`O'` prefix or a
//! hyphenated part.
//! Validation: the first word is a given name of the US Census lists ([`crate::names`]; names
//! that are common lowercase words such as "Will" or "May" are left out). Medium confidence when
//! the second word is a listed surname (`John Smith`), Low otherwise (`Maria Sultygov`, but also
//! place names such as "Asia Pacific"); a second word naming a place (`Street`, `Islands`) drops
//! the candidate. A given name alone is Low. (Leaving out given names at the start of a sentence
//! was tried: on Presidio's sentences it cost 0.07 recall for 0.01 precision.) Names right after an honorific or `name:` are left to
//! `PII-PERSON`, which reads them with that context.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::detectors::pii_person::{NOT_NAMES, TRIGGERS};
use crate::names::{is_first_name, is_surname};
use crate::swar;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector::keyworded(
    "PII-PERSON-NAME",
    "Person name (name lists)",
    Category::Pii,
    &[Regulation::Gdpr, Regulation::Ccpa],
    Severity::Medium,
    &[],
    r"\b[A-Z][a-z]{2,19}(?:(?:[ ][A-Z]\.)?[ ](?:Mc|O')?[A-Z](?:[a-z]|[\xC3-\xC5][\x80-\xBF]){1,19}(?:-[A-Z][a-z]{1,19})?)?",
    validate,
);

/// Second words that make a "name" a place: `John Street`, `Solomon Islands`, `Royal Bank`.
const PLACE_WORDS: &[&str] = &[
    "Street",
    "Avenue",
    "Road",
    "Drive",
    "Lane",
    "Court",
    "Way",
    "Place",
    "Boulevard",
    "Square",
    "Terrace",
    "Island",
    "Islands",
    "Heights",
    "Creek",
    "Park",
    "Hill",
    "Hills",
    "City",
    "County",
    "Bay",
    "Beach",
    "Valley",
    "Springs",
    "Lake",
    "River",
    "Mount",
    "Bank",
    "Station",
    "Airport",
    "University",
    "College",
    "School",
    "Hospital",
    "Church",
    "Center",
    "Centre",
    "Bridge",
    "Falls",
    "Harbor",
    "Harbour",
    "Point",
    "Port",
];

/// The first position in `from..to` where this detector's pattern starts with a word that
/// [`validate`] can accept: a word boundary, a capital and 2–19 lowercase letters (as many as the
/// greedy pattern takes) forming a listed given name. Positions that fail this cannot validate,
/// so the engine scans for these instead of running the regex at every capitalised word.
///
/// Eight bytes at a time: a bit mask of the capitals that start a word (source code has a
/// capital every dozen bytes, most inside words: `HashMap`, `MAX_LEN`), so only those are looked at.
pub fn next_candidate(hay: &[u8], from: usize, to: usize) -> Option<usize> {
    let to = to.min(hay.len());
    let mut i = from;
    while i < to {
        let Some(w) = swar::load(hay, i) else {
            return (i..to).find(|&j| word_starts(hay, j) && is_name_at(hay, j));
        };
        let upper = swar::bits(swar::in_range(w, b'A', b'Z'));
        if upper != 0 {
            let after_word = i > 0 && is_word(hay[i - 1]);
            let mut starts = upper & !((swar::bits(swar::word_bytes(w)) << 1) | u8::from(after_word));
            while starts != 0 {
                let j = i + starts.trailing_zeros() as usize;
                if j >= to {
                    return None;
                }
                if is_name_at(hay, j) {
                    return Some(j);
                }
                starts &= starts - 1;
            }
        }
        i += 8;
    }
    None
}

/// A byte of a word (`\w` in ASCII).
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a capital at `j` starts a word.
fn word_starts(hay: &[u8], j: usize) -> bool {
    hay[j].is_ascii_uppercase() && (j == 0 || !is_word(hay[j - 1]))
}

/// Whether the capital at `j` and the 2–19 lowercase letters after it (as many as there are) form
/// a listed given name.
fn is_name_at(hay: &[u8], j: usize) -> bool {
    let run = hay[j + 1..].iter().take(19).take_while(|b| b.is_ascii_lowercase()).count();
    run >= 2 && is_first_name(&hay[j..j + 1 + run])
}

fn validate(c: &Candidate) -> Option<Confidence> {
    // The pattern cannot end on a word boundary after an accented letter: check the next byte here.
    if c.after(1)
        .first()
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
    {
        return None;
    }
    let v = c.value();
    let mut words = v.split(|b| *b == b' ');
    let first = words.next()?;
    if !is_first_name(first) || NOT_NAMES.iter().any(|n| n.as_bytes() == first) {
        return None;
    }
    let before = c.before(16).trim_ascii_end();
    let after_trigger = TRIGGERS.iter().any(|t| {
        let t = t.trim_end().as_bytes();
        before.len() >= t.len() && before[before.len() - t.len()..].eq_ignore_ascii_case(t)
    });
    if after_trigger {
        return None;
    }
    let Some(last) = words.next_back() else {
        // A given name alone: Low (it may be an ordinary capitalised word that is also a name).
        return Some(Confidence::Low);
    };
    let last = last.split(|b| *b == b'-').next().unwrap_or(last);
    if PLACE_WORDS.iter().any(|w| w.as_bytes() == last) {
        return None;
    }
    Some(if is_surname(last) {
        Confidence::Medium
    } else {
        Confidence::Low
    })
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
    fn listed_names() {
        assert_eq!(check("I met John Smith today", "John Smith"), Some(Confidence::Medium));
        assert_eq!(
            check("from Mary J. Garcia.", "Mary J. Garcia"),
            Some(Confidence::Medium)
        );
        assert_eq!(check("Erica Sultygov called", "Erica Sultygov"), Some(Confidence::Low));
        assert_eq!(check("by Brian Berločnik", "Brian Berločnik"), Some(Confidence::Low));
    }

    #[test]
    fn not_names() {
        assert_eq!(check("the Table Smith", "Table Smith"), None, "not a given name");
        assert_eq!(
            check("Will Smith", "Will Smith"),
            None,
            "a common word, left out of the list"
        );
        assert_eq!(check("Mr. John Smith", "John Smith"), None, "left to PII-PERSON");
        assert_eq!(check("John Smithson2", "John Smithson"), None, "cut inside a word");
        assert_eq!(check("at 12 John Street", "John Street"), None, "a street");
        assert_eq!(check("on a Sunday night", "Sunday"), None);
    }

    #[test]
    fn candidates_are_listed_given_names_on_a_word_boundary() {
        let text = b"the Table said: xJohn, _Mary and John Smith; Maria";
        let at = |from| next_candidate(text, from, text.len());
        let john = text.windows(10).position(|w| w == b"John Smith").expect("in text");
        assert_eq!(at(0), Some(john), "Table is no name; no word boundary before xJohn or _Mary");
        assert_eq!(at(john + 1), Some(text.len() - 5), "Maria");
        assert_eq!(next_candidate(text, 0, john), None, "the range end bounds the start");
    }

    /// The byte-at-a-time definition [`next_candidate`] must agree with.
    fn reference(hay: &[u8], from: usize, to: usize) -> Option<usize> {
        (from..to.min(hay.len())).find(|&j| word_starts(hay, j) && is_name_at(hay, j))
    }

    #[test]
    fn candidates_match_the_byte_at_a_time_definition() {
        let mut text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/src/names.rs")).unwrap();
        text.extend_from_slice(b" John Mary_Anna x.Maria\xc3\xa9Linda Lisa");
        for from in (0..text.len()).step_by(3) {
            for to in [from + 1, from + 7, from + 8, from + 9, from + 200, text.len()] {
                assert_eq!(next_candidate(&text, from, to), reference(&text, from, to), "{from}..{to}");
            }
        }
        let mut at = 0;
        let mut found = 0;
        while let Some(j) = next_candidate(&text, at, text.len()) {
            found += 1;
            at = j + 1;
        }
        assert!(found >= 3, "the text holds names ({found})");
    }

    #[test]
    fn single_given_names() {
        assert_eq!(
            check("They had 6: Layla, Harry and more", "Harry"),
            Some(Confidence::Low)
        );
        assert_eq!(check("Harry went home", "Harry"), Some(Confidence::Low));
        assert_eq!(check("on a Tuesday", "Tuesday"), None);
    }
}
