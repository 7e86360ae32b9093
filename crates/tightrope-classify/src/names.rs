//! Given names and surnames (US Census 1990 lists, public domain; see `data/names/README.md`),
//! shipped gzip-compressed in the binary and unpacked on first use.

use std::collections::HashSet;

/// The name sets: fixed at start-up and only looked up, with a fast hash seeded per process
/// (SipHash was a tenth of the name scan's time on source code).
type NameSet = HashSet<Box<[u8]>, foldhash::fast::RandomState>;
use std::io::Read;
use std::sync::OnceLock;

const FIRST_NAMES_GZ: &[u8] = include_bytes!("../data/names/first-names.txt.gz");
const SURNAMES_GZ: &[u8] = include_bytes!("../data/names/surnames.txt.gz");

/// Lowercase names from a gzip list of one name a line (empty if the embedded list is corrupt, which
/// a unit test rules out).
fn load(gz: &[u8]) -> NameSet {
    let mut text = Vec::new();
    if flate2::read::GzDecoder::new(gz).read_to_end(&mut text).is_err() {
        tracing::error!("embedded name list is not valid gzip; person-name detection is off");
        return NameSet::default();
    }
    text.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| l.to_ascii_lowercase().into_boxed_slice())
        .collect()
}

fn first_names() -> &'static NameSet {
    static SET: OnceLock<NameSet> = OnceLock::new();
    SET.get_or_init(|| load(FIRST_NAMES_GZ))
}

fn surnames() -> &'static NameSet {
    static SET: OnceLock<NameSet> = OnceLock::new();
    SET.get_or_init(|| load(SURNAMES_GZ))
}

/// Looks `word` up in `set` case-insensitively without allocating for words up to 24 bytes.
fn contains(set: &NameSet, word: &[u8]) -> bool {
    let mut buf = [0u8; 24];
    let Some(dst) = buf.get_mut(..word.len()) else {
        return false;
    };
    dst.copy_from_slice(word);
    dst.make_ascii_lowercase();
    set.contains(&*dst)
}

/// Three-letter starts of the given names, one bit per `aaa`..`zzz`: most capitalised words that
/// are not names fail this test and skip the hashing.
struct Prefixes([u64; 26 * 26 * 26 / 64 + 1]);

impl Prefixes {
    /// The bit of a word's first three bytes, when they are ASCII letters.
    fn index(word: &[u8]) -> Option<usize> {
        let letter = |b: &u8| b.is_ascii_alphabetic().then(|| usize::from(b.to_ascii_lowercase() - b'a'));
        match word {
            [a, b, c, ..] => Some((letter(a)? * 26 + letter(b)?) * 26 + letter(c)?),
            _ => None,
        }
    }

    fn of(set: &NameSet) -> Prefixes {
        let mut bits = [0u64; 26 * 26 * 26 / 64 + 1];
        for i in set.iter().filter_map(|name| Prefixes::index(name)) {
            bits[i / 64] |= 1 << (i % 64);
        }
        Prefixes(bits)
    }

    /// False only when no name can start like `word` (words shorter than three letters pass).
    fn may_start(&self, word: &[u8]) -> bool {
        Prefixes::index(word).is_none_or(|i| self.0[i / 64] & (1 << (i % 64)) != 0)
    }
}

fn first_name_prefixes() -> &'static Prefixes {
    static BITS: OnceLock<Prefixes> = OnceLock::new();
    BITS.get_or_init(|| Prefixes::of(first_names()))
}

/// Whether `word` is a known given name (`John`, `maria`).
pub fn is_first_name(word: &[u8]) -> bool {
    first_name_prefixes().may_start(word) && contains(first_names(), word)
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

    #[test]
    fn prefix_bits_agree_with_the_list() {
        let p = first_name_prefixes();
        assert!(first_names().iter().all(|n| p.may_start(n)), "every listed name passes");
        assert!(p.may_start(b"JOHN") && p.may_start(b"Jo") && p.may_start(b"x1z"));
        assert!(!p.may_start(b"Qzxyz"), "no name starts with qzx");
    }
}
