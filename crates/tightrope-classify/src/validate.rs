//! Validators shared by several detectors: checksums (Luhn, ISO 7064 mod-97, ABA), Shannon
//! entropy, context words, placeholder values and base64 decoding.

use base64::Engine as _;

/// The ASCII digits of `s`, in order (separators dropped).
pub fn digits(s: &[u8]) -> Vec<u8> {
    s.iter().filter(|b| b.is_ascii_digit()).map(|b| b - b'0').collect()
}

/// Luhn (mod-10) checksum over decimal digits, as used by payment card numbers.
pub fn luhn(ds: &[u8]) -> bool {
    if ds.len() < 2 {
        return false;
    }
    let sum: u32 = ds
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// ISO 7064 mod-97-10 over an IBAN with spaces removed (country code and check digits moved to the end).
pub fn iban_mod97(iban: &[u8]) -> bool {
    if iban.len() < 5 {
        return false;
    }
    let (head, tail) = iban.split_at(4);
    let mut rem: u32 = 0;
    for &b in tail.iter().chain(head) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).
pub fn aba_checksum(ds: &[u8]) -> bool {
    if ds.len() != 9 || ds.iter().all(|&d| d == 0) {
        return false;
    }
    let w = [3u32, 7, 1];
    let sum: u32 = ds.iter().enumerate().map(|(i, &d)| w[i % 3] * u32::from(d)).sum();
    sum.is_multiple_of(10)
}

/// Shannon entropy in bits per byte.
pub fn entropy(s: &[u8]) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in s {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether `text` contains any of `words` (ASCII, case-insensitive).
pub fn has_word(text: &[u8], words: &[&str]) -> bool {
    words.iter().any(|w| {
        let w = w.as_bytes();
        let Some(&first) = w.first() else {
            return false;
        };
        // Compare only where the first byte occurs (memchr), not at every offset.
        memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), text)
            .any(|i| text.get(i..i + w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w)))
    })
}

/// Whether one of `words` occurs in `text` as a whole word (ASCII case-insensitive, not preceded
/// or followed by a letter or digit): `tel` in "Tel: 555", not in "hotel".
pub fn has_whole_word(text: &[u8], words: &[&str]) -> bool {
    let alnum = |i: Option<&u8>| i.is_some_and(u8::is_ascii_alphanumeric);
    words.iter().any(|w| {
        let w = w.as_bytes();
        let Some(&first) = w.first() else {
            return false;
        };
        memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), text).any(|i| {
            text.get(i..i + w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w))
                && !alnum(i.checked_sub(1).and_then(|p| text.get(p)))
                && !alnum(text.get(i + w.len()))
        })
    })
}

/// Values that stand for a secret without being one: `changeme`, `${DB_PASSWORD}`, `<token>`,
/// `xxxx`, `****`, `example`, `your-api-key`.
pub fn is_placeholder(v: &[u8]) -> bool {
    const WORDS: &[&str] = &[
        "changeme",
        "change_me",
        "example",
        "placeholder",
        "your_",
        "your-",
        "yourpass",
        "redacted",
        "dummy",
        "password",
        "passwd",
        "secret",
        "<",
        "{{",
        "${",
        "$(",
        "%(",
        "process.env",
        "os.environ",
        "getenv",
        "null",
        "none",
        "true",
        "false",
        "xxxx",
        "****",
        "....",
        "____",
        "----",
        "sample",
        "foobar",
        "todo",
        "fixme",
    ];
    if v.len() < 4 || has_word(v, WORDS) {
        return true;
    }
    // One repeated character, or a value made only of separators.
    let first = v.first().copied().unwrap_or(0);
    v.iter().all(|&b| b == first) || v.iter().all(|b| !b.is_ascii_alphanumeric())
}

/// Whether a string mixes at least two of lower-case letters, upper-case letters and digits.
pub fn mixed_classes(v: &[u8]) -> bool {
    let lower = v.iter().any(u8::is_ascii_lowercase);
    let upper = v.iter().any(u8::is_ascii_uppercase);
    let digit = v.iter().any(u8::is_ascii_digit);
    u8::from(lower) + u8::from(upper) + u8::from(digit) >= 2
}

/// Decode base64 (standard or URL-safe, padded or not).
pub fn base64_decode(v: &[u8]) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    [URL_SAFE_NO_PAD, URL_SAFE, STANDARD, STANDARD_NO_PAD]
        .iter()
        .find_map(|e| e.decode(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums() {
        assert!(luhn(&digits(b"4111 1111 1111 1111")));
        assert!(!luhn(&digits(b"4111 1111 1111 1112")));
        assert!(iban_mod97(b"DE89370400440532013000"));
        assert!(iban_mod97(b"GB82WEST12345698765432"));
        assert!(!iban_mod97(b"GB82WEST12345698765433"));
        assert!(aba_checksum(&digits(b"011000015")));
        assert!(!aba_checksum(&digits(b"011000016")));
    }

    #[test]
    fn entropy_and_placeholders() {
        assert!(entropy(b"aaaaaaaa") < 0.1);
        assert!(entropy(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") > 4.0);
        assert!(is_placeholder(b"${DB_PASSWORD}"));
        assert!(is_placeholder(b"********"));
        assert!(!is_placeholder(b"Tr0ub4dor&3x"));
    }

    #[test]
    fn whole_words() {
        assert!(has_whole_word(b"Tel: 555", &["tel"]));
        assert!(has_whole_word(b"you can CALL", &["call"]));
        assert!(!has_whole_word(b"the hotel", &["tel"]));
        assert!(!has_whole_word(b"telegram", &["tel"]));
        assert!(!has_whole_word(b"recall", &["call"]));
    }
}
