//! Exact windows for the whole-text regex: instead of walking every byte of the text with the
//! multi-pattern lazy DFA, it runs only in the windows where a match can be, found by a cheap pass
//! over the bytes.
//!
//! # Why no match is lost
//!
//! The windows are used only when this holds for every pattern of the whole-text regex:
//!
//! 1. **Every match contains a digit**, except in the IPv6 branches of the IP address pattern,
//!    where every match contains a colon. Checked on the patterns' syntax trees
//!    ([`stretch`](super::stretch): no string free of digits, resp. of colons).
//! 2. **The trigger-free stretches of a match are bounded** in units (a byte, or a whole run of
//!    ASCII letters): at most `back` units before its first digit, at most `ahead` units after
//!    any digit until the next digit or the match's end. Computed from the syntax tree; a pattern
//!    with an unbounded stretch (`[^0-9]*`) turns the windows off (whole text, as before).
//!
//! A window around a digit at `p` starts `back` units before `p` and ends `ahead` units after the
//! last digit of its cluster, where a digit less than `ahead` units after the previous one joins the
//! cluster. A match containing digits has its first digit in some cluster; by (2) it starts
//! at most `back` units before that digit, and each digit of it after the first lies at most
//! `ahead` units after the previous one (so in the same cluster), and its end at most `ahead` units
//! after its last digit: the match lies inside the window. Walking a unit back or ahead crosses a
//! whole run of letters, and the letters of a match lie within one run of the haystack's letters,
//! so the walk never falls short of the match.
//!
//! An IPv6 match (`\b(?:[0-9A-Fa-f]{1,4}:){7}…` or `\b(?:[0-9A-Fa-f]{1,4}:){1,6}:…`) starts with
//! 1–4 hex digits after a non-word byte (its `\b`: the first byte is a word byte), then its first
//! colon, which is followed by a hex digit (the next group) or a colon (`::`). So the hex run
//! before that colon is exactly the first group, and each colon with a 1–4 byte hex run after a
//! non-word byte before it, and a hex digit or colon after it, opens a window from the run's start
//! as long as the longest IPv6 match. `std::`, `self::` and `x: u32` do not (a non-hex letter, a
//! longer word, a blank).
//!
//! The windows are merged where they overlap, so each match lies inside exactly one of them, and
//! the leftmost-first search from a position inside (or before) a window finds, inside it, the
//! match the whole-text search would: every match starting in the window ends inside it, and the
//! regex engine reads the bytes around the window for `\b`. The search range is also cut at the
//! same limit as before (the chunk's margin), so a match cut there is cut alike.

use super::stretch::{INF, Units, stretches};
use crate::detector::Detector;
use regex_automata::meta::{self, Regex};
use regex_automata::{Input, Match};
use regex_syntax::hir::{Hir, HirKind};
use std::ops::Range;

/// The bytes of a chunk whose window coverage decides whether the rest is walked.
const SAMPLE: usize = 64 << 10;

/// How far a whole-text match can reach from the digits (and hex colons) it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reach {
    /// Units before the first digit of a match.
    back: Units,
    /// Units after a digit, to the next digit or the match's end.
    ahead: Units,
    /// The longest IPv6 match, in bytes; `None` when no pattern is left to colon windows.
    colon_span: Option<usize>,
}

/// The IP address detector: its branches with a colon in every match are IPv6 addresses, which
/// colon windows cover (with or without digits).
const IPV6: &str = "PII-IP-ADDRESS";

fn parse(pattern: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()
}

fn byte_set(f: impl Fn(u8) -> bool) -> [bool; 256] {
    std::array::from_fn(|b| u8::try_from(b).is_ok_and(&f))
}

impl Reach {
    /// The reach of the whole-text `detectors`, or `None` when some pattern can match without a
    /// trigger or has an unbounded stretch (then the whole text is searched).
    pub(super) fn of(detectors: &[&Detector]) -> Option<Reach> {
        let digits = byte_set(|b| b.is_ascii_digit());
        let colon = byte_set(|b| b == b':');
        let mut reach = Reach {
            back: 0,
            ahead: 0,
            colon_span: None,
        };
        for d in detectors {
            let hir = parse(d.pattern)?;
            let branches = if d.id == IPV6 { top_branches(&hir) } else { vec![&hir] };
            for branch in branches {
                if d.id == IPV6 && stretches(branch, &colon).free.is_none() {
                    let span = branch.properties().maximum_len()?;
                    reach.colon_span = Some(reach.colon_span.unwrap_or(0).max(span));
                    continue;
                }
                let s = stretches(branch, &digits);
                if s.free.is_some() {
                    return None;
                }
                reach.back = reach.back.max(s.before_first.unwrap_or(0));
                reach.ahead = reach.ahead.max(s.between.unwrap_or(0)).max(s.after_last.unwrap_or(0));
            }
        }
        (reach.back < INF && reach.ahead < INF).then_some(reach)
    }

    /// The windows of `hay[lo..hi]` (sorted, disjoint) into `out`.
    ///
    /// Where the windows cover most of the first [`SAMPLE`] bytes (a table of numbers), the rest is
    /// not walked: the one window `lo..hi` is returned (the whole-text search, exact as well), as
    /// walking windows there costs more than it saves.
    pub(super) fn windows(&self, hay: &[u8], lo: usize, hi: usize, out: &mut Vec<Range<usize>>) {
        out.clear();
        let (mut pos, mut covered, mut sampled) = (lo, 0, false);
        while let Some(p) = next_digit_or_colon(hay, pos, hi) {
            if !sampled && p - lo >= SAMPLE {
                sampled = true;
                if covered * 4 > (p - lo) * 3 {
                    out.clear();
                    out.push(lo..hi);
                    return;
                }
            }
            if hay[p] == b':' {
                out.extend(self.colon_window(hay, p, lo, hi));
                pos = p + 1;
                continue;
            }
            let start = walk_back(hay, p, self.back, lo);
            // The cluster: each digit within `ahead` units of the previous one restarts the count.
            let (mut j, mut units) = (p + 1, 0);
            while j < hi && units < self.ahead {
                let b = hay[j];
                if b.is_ascii_digit() {
                    units = 0;
                    j += 1;
                    continue;
                }
                if b == b':' {
                    out.extend(self.colon_window(hay, j, lo, hi));
                }
                j = unit_end(hay, j, hi);
                units += 1;
            }
            out.push(start..j);
            covered += j - start;
            pos = j;
        }
        merge(out);
    }

    /// The window of a colon that can be the first colon of an IPv6 match.
    fn colon_window(&self, hay: &[u8], c: usize, lo: usize, hi: usize) -> Option<Range<usize>> {
        let span = self.colon_span?;
        let is_hex = |b: &u8| b.is_ascii_hexdigit();
        let run = hay[..c].iter().rev().take(5).take_while(|b| is_hex(b)).count();
        let s = c - run;
        let word_before = s > 0 && (hay[s - 1].is_ascii_alphanumeric() || hay[s - 1] == b'_');
        let next_fits = hay.get(c + 1).is_some_and(|b| is_hex(b) || *b == b':');
        ((1..=4).contains(&run) && !word_before && next_fits).then(|| s.max(lo)..s.saturating_add(span).min(hi))
    }
}

/// The branches of a pattern's top-level alternation, also when look-arounds common to them were
/// factored out (`\b(?:a|b)`; they match no bytes, so the stretches and lengths stay the same).
fn top_branches(hir: &Hir) -> Vec<&Hir> {
    match hir.kind() {
        HirKind::Alternation(branches) => branches.iter().collect(),
        HirKind::Concat(parts) => {
            let mut rest = parts.iter().filter(|h| !matches!(h.kind(), HirKind::Look(_)));
            match (rest.next(), rest.next()) {
                (Some(only), None) => top_branches(only),
                _ => vec![hir],
            }
        }
        _ => vec![hir],
    }
}

/// The end of the unit starting at `j`: a run of letters, else one byte.
fn unit_end(hay: &[u8], mut j: usize, hi: usize) -> usize {
    if !hay[j].is_ascii_alphabetic() {
        return j + 1;
    }
    while j < hi && hay[j].is_ascii_alphabetic() {
        j += 1;
    }
    j
}

/// The position `units` units before `p`, not before `lo`.
fn walk_back(hay: &[u8], mut p: usize, units: Units, lo: usize) -> usize {
    for _ in 0..units {
        if p <= lo {
            break;
        }
        p -= 1;
        while p > lo && hay[p].is_ascii_alphabetic() && hay[p - 1].is_ascii_alphabetic() {
            p -= 1;
        }
    }
    p
}

/// Sort and merge overlapping or touching windows.
fn merge(windows: &mut Vec<Range<usize>>) {
    windows.sort_unstable_by_key(|w| w.start);
    let mut kept = 0;
    for i in 0..windows.len() {
        let w = windows[i].clone();
        if kept > 0 && w.start <= windows[kept - 1].end {
            windows[kept - 1].end = windows[kept - 1].end.max(w.end);
        } else {
            windows[kept] = w;
            kept += 1;
        }
    }
    windows.truncate(kept);
}

/// The first byte in `hay[from..to]` that is a digit or `:` (0x30–0x3A), eight bytes at a time.
fn next_digit_or_colon(hay: &[u8], from: usize, to: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= to {
        let x = u64::from_le_bytes(hay[i..i + 8].try_into().ok()?);
        // Per byte (no carries: the low seven bits plus at most 0x50 stay below 0x100), the high
        // bit says `low7 >= 0x30`, resp. `low7 >= 0x3B`; bytes from 0x80 up are left out.
        let low7 = x & !HIGH;
        let from_0 = low7.wrapping_add(ONES * (0x80 - 0x30));
        let past_colon = low7.wrapping_add(ONES * (0x80 - 0x3B));
        let hits = from_0 & !past_colon & !x & HIGH;
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..to).find(|&j| (0x30..=0x3A).contains(&hay[j]))
}

/// A cursor over the windows of one whole-text pass.
pub(super) struct WindowCursor {
    /// The first window that may still hold a match at or after the search position.
    next: usize,
}

impl WindowCursor {
    pub(super) fn new() -> WindowCursor {
        WindowCursor { next: 0 }
    }

    /// The leftmost-first match of `re` starting at or after `at`, searching only `windows`.
    pub(super) fn search(
        &mut self,
        re: &Regex,
        cache: &mut meta::Cache,
        hay: &[u8],
        at: usize,
        windows: &[Range<usize>],
    ) -> Option<Match> {
        while let Some(w) = windows.get(self.next) {
            if w.end > at {
                let from = at.max(w.start);
                if let Some(m) = re.search_with(cache, &Input::new(hay).range(from..w.end)) {
                    return Some(m);
                }
            }
            self.next += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::ALL;
    use crate::engine::{Engine, Hit};
    use regex_automata::{Anchored, MatchKind};

    fn whole_text_detectors() -> Vec<&'static Detector> {
        // As the engine builds its whole-text regex: keyword-less detectors but the scanned name one.
        ALL.iter()
            .filter(|d| d.keywords.is_empty() && d.id != "PII-PERSON-NAME")
            .collect()
    }

    #[test]
    fn built_in_patterns_have_a_bounded_reach() {
        let reach = Reach::of(&whole_text_detectors()).expect("windows apply to the built-in patterns");
        assert!(reach.back <= 4 && reach.ahead <= 16, "{reach:?}");
        assert!(reach.colon_span.is_some(), "IPv6 is left to colon windows");
        let unbounded = Detector {
            pattern: r"\d+[a-z ]*x",
            ..*whole_text_detectors()[0]
        };
        assert_eq!(Reach::of(&[&unbounded]), None, "a blank run is unbounded");
        let digit_free = Detector {
            pattern: r"\b[A-Z]{2}\b",
            ..unbounded
        };
        assert_eq!(Reach::of(&[&digit_free]), None, "matches without a digit");
    }

    #[test]
    fn trigger_scan_finds_every_digit_and_colon() {
        let hay: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for from in 0..40 {
            let want = (from..hay.len()).find(|&i| (b'0'..=b':').contains(&hay[i]));
            assert_eq!(next_digit_or_colon(&hay, from, hay.len()), want, "from {from}");
        }
    }

    /// Seeded text made to break the windows: long letter runs inside matches (`Septemberrr…`,
    /// street names), IPv6 of hex letters, matches on window edges, digits just far enough apart.
    pub(crate) fn adversarial_text(seed: u64, len: usize) -> Vec<u8> {
        const PIECES: &[&str] = &[
            "0",
            "7",
            "19",
            "2024",
            "12",
            "31",
            "4111",
            "1111",
            "-",
            ".",
            "/",
            " ",
            " ",
            " ",
            "  ",
            ",",
            ":",
            "::",
            "(",
            ")",
            "+",
            "x",
            "ext.",
            "st",
            "of",
            "Jan",
            "Sept",
            "Septemberrrrrrrrrrrrrrrrrrrrrrrrrr",
            "Mar",
            "Main",
            "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Street",
            "Ave.",
            "N.",
            "DE",
            "GB82",
            "WEST",
            "ABCD",
            "abcd",
            "dead",
            "beef",
            "fe80",
            "f",
            "cafe",
            "std::",
            "self::",
            "x: u32",
            "AB",
            "CD",
            "_",
            "\n",
            "QQ123456C",
            "123-45-6789",
            "(415) 555-0132",
            "+44 20 7946 0958",
            "10.0.0.1",
            "2001:db8::1",
        ];
        let mut x = seed | 1;
        let mut out = Vec::with_capacity(len + 64);
        while out.len() < len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            out.extend_from_slice(PIECES[(x % PIECES.len() as u64) as usize].as_bytes());
        }
        out
    }

    fn edge_cases() -> Vec<Vec<u8>> {
        [
            "dead:beef:cafe:babe:f00d:feed:face:c0de",
            "abcd:ef::",
            "fe80::1 then 12 Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb Street",
            "Januaryyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy 5, 2020",
            "5th of Septemberrrrrrrrrrrrrrrrrrrrrrrrrrrr, 2021 and 31 Decemberrrrrrrrrrrrrrrrrrr 1999",
            "DE89 ABCD EFGH IJKL MNOP QRST UVWX YZ",
            "DE89 ABCD EFGH IJKL MNOP QRST UVWX ABCD EFG",
            "GB82 WEST 1234 5698 7654 32",
            "4111 1111 1111 1111",
            "call +1 (415) 555-0132 ext. 12345 or 415.555.0132",
            "AB 12 34 56 C",
            "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect()
    }

    /// Every match of every whole-text pattern, the preferred one and the longest, at every start
    /// lies inside one window.
    #[test]
    fn every_match_lies_inside_a_window() {
        let detectors = whole_text_detectors();
        let reach = Reach::of(&detectors).expect("bounded");
        let build = |kind: MatchKind, pattern: &str| {
            regex_automata::meta::Builder::new()
                .syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false))
                .configure(Regex::config().utf8_empty(false).match_kind(kind))
                .build(pattern)
                .expect("built-in pattern")
        };
        let regexes: Vec<Regex> = detectors
            .iter()
            .flat_map(|d| {
                [
                    build(MatchKind::LeftmostFirst, d.pattern),
                    build(MatchKind::All, d.pattern),
                ]
            })
            .collect();
        let mut texts = edge_cases();
        texts.extend((1..=6).map(|seed| adversarial_text(seed, 3000)));
        let mut windows = Vec::new();
        let mut matches = 0;
        for hay in &texts {
            reach.windows(hay, 0, hay.len(), &mut windows);
            for re in &regexes {
                let mut cache = re.create_cache();
                for s in 0..hay.len() {
                    let input = Input::new(hay).range(s..).anchored(Anchored::Yes);
                    let Some(m) = re.search_with(&mut cache, &input) else {
                        continue;
                    };
                    matches += 1;
                    assert!(
                        windows.iter().any(|w| w.start <= m.start() && m.end() <= w.end),
                        "{:?} at {}..{} outside the windows {windows:?}",
                        String::from_utf8_lossy(&hay[m.range()]),
                        m.start(),
                        m.end()
                    );
                }
            }
        }
        assert!(matches > 1000, "the texts exercise the patterns ({matches} matches)");
    }

    fn spans(hits: &[Hit]) -> Vec<(&'static str, usize, usize, (usize, usize))> {
        hits.iter().map(|h| (h.detector.id, h.start, h.end(), h.value_span())).collect()
    }

    /// Files of a directory tree (up to 2 MB each), or none when it is absent.
    fn files_under(dir: &std::path::Path, out: &mut Vec<Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                files_under(&path, out);
            } else if e.metadata().is_ok_and(|m| m.len() < 2 << 20)
                && let Ok(bytes) = std::fs::read(&path)
            {
                out.push(bytes);
            }
        }
    }

    /// The windowed engine finds exactly what the whole-text search finds: on this crate's sources
    /// and test data, the labelled PII and secret sets when present, and the adversarial texts,
    /// whole and in 1 KiB chunks (chunk limits cut windows).
    #[test]
    fn windowed_scan_equals_whole_text_scan() {
        let all: Vec<&'static Detector> = ALL.iter().collect();
        let windowed = Engine::new(&all).expect("built-in patterns compile");
        assert!(windowed.reach.is_some(), "the engine uses windows");
        let mut whole = Engine::new(&all).expect("built-in patterns compile");
        whole.reach = None;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = edge_cases();
        texts.extend((1..=20).map(|seed| adversarial_text(seed, 5000)));
        for dir in ["src", "tests/data"] {
            files_under(&root.join(dir), &mut texts);
        }
        for set in [
            "pii-presidio-synthetic",
            "secrets-noseyparker-rules",
            "secrets-detect-secrets-testdata",
        ] {
            files_under(&root.join("../../../shared/data").join(set), &mut texts);
        }
        // Past the coverage sample: all sources in one text (sparse digits: walked to the end), and
        // a long adversarial text (dense: searched whole after the sample).
        let sources = texts[edge_cases().len() + 20..].concat();
        let dense = adversarial_text(99, 3 * SAMPLE);
        let reach = windowed.reach.expect("windows");
        let mut w = Vec::new();
        reach.windows(&sources, 0, sources.len(), &mut w);
        assert!(sources.len() > 2 * SAMPLE && w.len() > 100, "sparse text: many windows");
        reach.windows(&dense, 0, dense.len(), &mut w);
        assert!(
            w.len() == 1 && w[0] == (0..dense.len()),
            "dense text: one window, {w:?}"
        );
        texts.extend([sources, dense]);
        let mut hits = 0;
        for hay in &texts {
            let want = whole.scan(hay);
            hits += want.len();
            assert_eq!(spans(&windowed.scan(hay).to_vec()), spans(&want.to_vec()));
            assert_eq!(
                spans(&windowed.scan_chunked(hay, 1 << 10).to_vec()),
                spans(&whole.scan_chunked(hay, 1 << 10).to_vec())
            );
        }
        assert!(hits > 1000, "the texts have hits ({hits})");
    }
}
