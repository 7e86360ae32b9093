//! The whole-text pass: detectors without a keyword (digit-shaped PII, names) share one
//! leftmost-first multi-pattern regex (searched only in the windows where it can match, see
//! [`super::windows`]), plus a candidate scanner for the lowest-priority detector;
//! a candidate that fails validation is retried with the lower-priority detectors.

use super::windows::WindowCursor;
use super::{Engine, Hit, MARGIN, Scratch};
use crate::detector::{Candidate, Detector};
use regex_automata::meta;
use regex_automata::{Anchored, Input};
use std::ops::Range;

/// Finds the positions in `from..to` where a detector's pattern can start and validate.
pub(super) type Scanner = fn(&[u8], usize, usize) -> Option<usize>;

/// The candidate scanner of a detector, if it has one.
pub(super) fn scanner(d: &Detector) -> Option<Scanner> {
    (d.id == "PII-PERSON-NAME").then_some(crate::detectors::pii_person_name::next_candidate as Scanner)
}

impl Engine {
    pub(super) fn whole_pass(&self, hay: &[u8], range: Range<usize>, out: &mut Vec<Hit>, scratch: &mut Scratch) {
        if self.whole_detectors.is_empty() {
            return;
        }
        let limit = range.end.saturating_add(MARGIN).min(hay.len());
        let mut windows = std::mem::take(&mut scratch.windows);
        if let Some(reach) = &self.reach {
            reach.windows(hay, range.start, limit, &mut windows);
        }
        let mut next = WholeCandidates {
            at: range.start,
            regex: None,
            regex_done: self.whole.is_none(),
            windows: self.reach.is_some().then_some((windows.as_slice(), WindowCursor::new())),
            scanned: None,
            scanned_done: self.scanned_last.is_none(),
        };
        while next.at < range.end {
            let Some((s, e, first)) = self.next_whole(hay, range.end, limit, &mut next, scratch) else {
                break;
            };
            if s >= range.end {
                break;
            }
            match self.validate_whole(hay, first, s, e, limit, &mut scratch.single) {
                Some(hit) => {
                    next.at = hit.end().max(s + 1);
                    out.push(hit);
                }
                // Nothing validated here: resume at the next token so a match inside is not lost.
                None => next.at = next_token(hay, s),
            }
        }
        scratch.windows = windows;
    }

    /// The leftmost whole-text candidate at or after `next.at` as (start, end, detector index):
    /// the earlier of the multi-pattern regex match and the scanned detector's candidate (the
    /// regex wins a tie: the scanned detector has the lowest priority). Each source's last answer
    /// is kept while it still lies ahead, as it is then also the leftmost from the new position.
    fn next_whole(
        &self,
        hay: &[u8],
        end: usize,
        limit: usize,
        next: &mut WholeCandidates<'_>,
        scratch: &mut Scratch,
    ) -> Option<(usize, usize, usize)> {
        let at = next.at;
        if !next.regex_done && next.regex.is_none_or(|m| m.0 < at) {
            next.regex = match (&self.whole, scratch.whole.as_mut(), next.windows.as_mut()) {
                (Some(re), Some(cache), Some((windows, cursor))) => cursor.search(re, cache, hay, at, windows),
                (Some(re), Some(cache), None) => re.search_with(cache, &Input::new(hay).range(at..limit)),
                _ => None,
            }
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()));
            next.regex_done = next.regex.is_none();
        }
        if !next.scanned_done && next.scanned.is_none_or(|p| p < at) {
            next.scanned = self.scanned_last.and_then(|scan| scan(hay, at, end));
            next.scanned_done = next.scanned.is_none();
        }
        let regex_start = next.regex.map_or(usize::MAX, |m| m.0);
        match next.scanned {
            Some(p) if p < regex_start => {
                let i = self.whole_detectors.len() - 1;
                let re = &self.whole_single[i];
                let cache = scratch.single.get_mut(i)?.get_or_insert_with(|| re.create_cache());
                let input = Input::new(hay).range(p..limit).anchored(Anchored::Yes);
                match re.search_with(cache, &input) {
                    Some(m) => Some((p, m.end(), i)),
                    // (The scanner checked the pattern's start: not reached.) Skip the position.
                    None => {
                        next.scanned = None;
                        next.at = p + 1;
                        self.next_whole(hay, end, limit, next, scratch)
                    }
                }
            }
            _ => next.regex,
        }
    }

    /// Validate a whole-text candidate with the detector that matched, then with each
    /// lower-priority whole-text detector that matches at the same position, in priority order.
    /// (Higher-priority detectors cannot match there: the multi-pattern search is leftmost-first,
    /// so one of them would have been reported instead of `first`.)
    fn validate_whole(
        &self,
        hay: &[u8],
        first: usize,
        s: usize,
        e: usize,
        limit: usize,
        caches: &mut [Option<meta::Cache>],
    ) -> Option<Hit> {
        let try_one = |i: usize, s: usize, e: usize| {
            let d = self.whole_detectors[i];
            let cand = Candidate {
                haystack: hay,
                start: s,
                end: e,
                value_start: s,
                value_end: e,
            };
            (d.validate)(&cand).map(|confidence| Hit::new(d, s, e, (s, e), confidence))
        };
        if let Some(h) = try_one(first, s, e) {
            return Some(h);
        }
        let lim = limit.min(s + 160);
        let lead = usize::from(*hay.get(s)?);
        let can_start = |i: usize| self.whole_first.get(i).is_some_and(|set| set[lead]);
        // The last retry's pattern and match: a detector sharing the pattern (a date of birth and a
        // date) reuses it.
        let mut last: Option<(&str, Option<(usize, usize)>)> = None;
        (first + 1..self.whole_detectors.len())
            .filter(|&i| can_start(i))
            .find_map(|i| {
                let pattern = self.whole_detectors[i].pattern;
                let m = match last {
                    Some((p, m)) if p == pattern => m,
                    _ => {
                        let re = &self.whole_single[i];
                        let cache = caches.get_mut(i)?.get_or_insert_with(|| re.create_cache());
                        let input = Input::new(hay).range(s..lim).anchored(Anchored::Yes);
                        let m = re.search_with(cache, &input).map(|m| (m.start(), m.end()));
                        last = Some((pattern, m));
                        m
                    }
                };
                let (ms, me) = m?;
                try_one(i, ms, me)
            })
    }
}

/// The state of one whole-text pass: the position, and the next candidate of each source
/// (`None` and done: the source has no candidate left in the range).
struct WholeCandidates<'w> {
    at: usize,
    regex: Option<(usize, usize, usize)>,
    regex_done: bool,
    /// The windows the regex runs in (all within `..limit`), when it does not run on the whole text.
    windows: Option<(&'w [Range<usize>], WindowCursor)>,
    scanned: Option<usize>,
    scanned_done: bool,
}

/// The bytes a match of `pattern` can start with, from its prefix literals; all bytes when they
/// are not a finite set (or the pattern does not parse, which compiling it reports).
pub(super) fn first_bytes(pattern: &str) -> [bool; 256] {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let any = [true; 256];
    let parsed = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern);
    let Ok(hir) = parsed else { return any };
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_class(256)
        .limit_total(4096)
        .extract(&hir);
    let Some(literals) = seq.literals() else {
        return any;
    };
    let mut set = [false; 256];
    for lit in literals {
        match lit.as_bytes().first() {
            Some(&b) => set[usize::from(b)] = true,
            None => return any,
        }
    }
    set
}

/// The position after the current run of alphanumerics that starts at `s` (at least `s + 1`).
fn next_token(hay: &[u8], s: usize) -> usize {
    let mut i = s + 1;
    while i < hay.len() && hay[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}
