//! Given names and surnames (US Census 1990 lists, public domain; see `data/names/README.md`),
//! shipped gzip-compressed in the binary and unpacked on first use.

use std::collections::HashSet;
use std::io::Read;
use std::sync::OnceLock;

const FIRST_NAMES_GZ: &[u8] = include_bytes!("../data/names/first-names.txt.gz");
const SURNAMES_GZ: &[u8] = include_bytes!("../data/names/surnames.txt.gz");

/// Lowercase names from a gzip list of one name a line (empty if the embedded list is corrupt, which
/// a unit test rules out).
fn load(gz: &[u8]) -> HashSet<Box<[u8]>> {
    let mut text = Vec::new();
    if flate2::read::GzDecoder::new(gz).read_to_end(&mut text).is_err() {
        tracing::error!("embedded name list is not valid gzip; person-name detection is off");
        return HashSet::new();
    }
    text.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| l.to_ascii_lowercase().into_boxed_slice())
        .collect()
}

fn first_names() -> &'static HashSet<Box<[u8]>> {
    static SET: OnceLock<HashSet<Box<[u8]>>> = OnceLock::new();
    SET.get_or_init(|| load(FIRST_NAMES_GZ))
}

fn surnames() -> &'static HashSet<Box<[u8]>> {
    static SET: OnceLock<HashSet<Box<[u8]>>> = OnceLock::new();
    SET.get_or_init(|| load(SURNAMES_GZ))
}

/// Looks `word` up in `set` case-insensitively without allocating for words up to 24 bytes.
fn contains(set: &HashSet<Box<[u8]>>, word: &[u8]) -> bool {
    let mut buf = [0u8; 24];
    let Some(dst) = buf.get_mut(..word.len()) else {
        return false;
    };
    dst.copy_from_slice(word);
    dst.make_ascii_lowercase();
    set.contains(&*dst)
}

/// Whether `word` is a known given name (`John`, `maria`).
pub fn is_first_name(word: &[u8]) -> bool {
    contains(first_names(), word)
}

/// Whether `word` is a known surname (`Smith`, `garcia`).
pub fn is_surname(word: &[u8]) -> bool {
    contains(surnames(), word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(first_names().len() > 5000, "{}", first_names().len());
        assert!(surnames().len() > 19000, "{}", surnames().len());
    }

    #[test]
    fn lookups() {
        assert!(is_first_name(b"John") && is_first_name(b"MARIA"));
        assert!(is_surname(b"Smith") && is_surname(b"garcia"));
        assert!(!is_first_name(b"Will"), "common words were removed");
        assert!(!is_first_name(b"Table"));
        assert!(!is_surname(b"Averyveryveryverylongwordindeed"));
    }
}
