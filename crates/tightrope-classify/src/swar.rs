//! Byte classes of eight bytes at a time in a `u64` ("SIMD within a register"): exact per byte,
//! no `unsafe`, no CPU-specific code. Used by the scanners that look for a class of bytes
//! (capitals that start a word, digits and letters around a whole-text window).

const ONES: u64 = u64::MAX / 255;

/// Eight bytes from `hay[i..i + 8]` in memory order (byte `k` is bits `8k..8k + 8`); `None` past the end.
pub fn load(hay: &[u8], i: usize) -> Option<u64> {
    let block: [u8; 8] = hay.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(block))
}

/// The high bit of each byte of `w` that lies in `lo..=hi` (`1 <= lo <= hi < 0x80`): the "has a
/// byte between" bit trick, exact per byte (no carry or borrow crosses a byte).
pub fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    let low7 = w & (ONES * 127);
    (ONES * (127 + u64::from(hi) + 1) - low7) & !w & (low7 + ONES * (127 - (u64::from(lo) - 1))) & (ONES * 128)
}

/// The high bit of each ASCII letter of `w` (bit 5 folds capitals into lower case).
pub fn letters(w: u64) -> u64 {
    in_range(w | (ONES * 0x20), b'a', b'z')
}

/// The high bit of each word byte of `w` (`\w` in ASCII: letters, digits, `_`).
pub fn word_bytes(w: u64) -> u64 {
    letters(w) | in_range(w, b'0', b'9') | in_range(w, b'_', b'_')
}

/// Byte `k`'s high bit of `flags` as bit `k` (the multiply gathers the eight bits in the top byte).
pub fn bits(flags: u64) -> u8 {
    ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_per_byte() {
        for pos in 0..8 {
            for b in 0..=255u8 {
                let mut w = *b"a1_ z~\xff\x80";
                w[pos] = b;
                let mask = |f: fn(&u8) -> bool| w.iter().enumerate().fold(0u8, |m, (i, b)| m | (u8::from(f(b)) << i));
                let v = u64::from_le_bytes(w);
                assert_eq!(bits(in_range(v, b'A', b'Z')), mask(u8::is_ascii_uppercase), "{w:?}");
                assert_eq!(bits(in_range(v, b'0', b'9')), mask(u8::is_ascii_digit), "{w:?}");
                assert_eq!(bits(in_range(v, b':', b':')), mask(|b| *b == b':'), "{w:?}");
                assert_eq!(bits(letters(v)), mask(u8::is_ascii_alphabetic), "{w:?}");
                assert_eq!(bits(word_bytes(v)), mask(|b| b.is_ascii_alphanumeric() || *b == b'_'), "{w:?}");
            }
        }
        assert_eq!(load(b"0123456789", 2), Some(u64::from_le_bytes(*b"23456789")));
        assert_eq!(load(b"0123456789", 3), None);
    }
}
