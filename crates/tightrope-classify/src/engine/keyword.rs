//! The keyword pass: each literal hit of the keyword automaton runs its detector's regex in a
//! window around the hit; only a match containing the hit counts.

use super::{Engine, Hit, Scratch};
use crate::detector::{Candidate, Detector};
use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use std::ops::Range;

pub(super) struct Keyworded {
    pub(super) detector: &'static Detector,
    pub(super) regex: Regex,
    /// Capture group indexes of the value (`v`, `v2`), if the pattern names them.
    pub(super) value_groups: Vec<usize>,
    pub(super) starts: Starts,
}

/// Where a keyword detector's regex is run in the window around a keyword hit.
#[derive(Clone, Copy)]
pub(super) enum Starts {
    /// Unanchored, from the window start.
    Anywhere,
    /// Anchored at the hit: nothing is allowed before the keyword, so a match containing the hit
    /// starts there (an unanchored search would scan the whole window when there is none).
    AtHit,
    /// Anchored at each position up to the hit that the detector's filter allows, leftmost first:
    /// the filter gives the first allowed position in `from..=to`.
    Filtered(fn(&[u8], usize, usize) -> Option<usize>),
}

impl Starts {
    pub(super) fn of(d: &Detector) -> Starts {
        if d.before == 0 {
            Starts::AtHit
        } else if d.id == "SECRET-CONFIG-PASSWORD" {
            Starts::Filtered(crate::detectors::secret_config_password::next_start)
        } else {
            Starts::Anywhere
        }
    }
}

impl Keyworded {
    /// The leftmost match in `at..we`, except that with [`Starts::AtHit`] or [`Starts::Filtered`]
    /// only matches starting at or before the hit at `hs` are looked for (the only ones that can
    /// contain it). The value groups are in `c` when the pattern has them.
    fn next_match(
        &self,
        hay: &[u8],
        (at, we, hs): (usize, usize, usize),
        cache: &mut meta::Cache,
        c: &mut Captures,
    ) -> Option<regex_automata::Match> {
        // Capture groups only when the pattern marks the value (a lazy DFA finds the span alone;
        // captures need a slower engine).
        let mut search = |input: &Input| {
            if self.value_groups.is_empty() {
                self.regex.search_with(cache, input)
            } else {
                self.regex.search_captures_with(cache, input, c);
                c.get_match()
            }
        };
        match self.starts {
            Starts::Anywhere => search(&Input::new(hay).range(at..we)),
            Starts::AtHit => search(&Input::new(hay).range(at..we).anchored(Anchored::Yes)),
            Starts::Filtered(next_start) => {
                let last = hs.min(we.saturating_sub(1));
                std::iter::successors(next_start(hay, at, last), |&p| next_start(hay, p + 1, last))
                    .find_map(|p| search(&Input::new(hay).range(p..we).anchored(Anchored::Yes)))
            }
        }
    }
}

impl Engine {
    /// Run the keyword detectors on `range` of `hay`: the keyword automaton finds the keyword hits
    /// ([`KeywordWalk`](super::keyword_walk::KeywordWalk)), and each hit runs its detector's regex
    /// in a window around it.
    pub(super) fn keyword_pass(&self, hay: &[u8], range: Range<usize>, out: &mut Vec<Hit>, scratch: &mut Scratch) {
        let Some(walk) = &self.keywords else { return };
        // Per keyword detector: where its last regex window ended, so repeated hits inside one
        // window are not searched twice.
        let mut searched_to = vec![0usize; self.keyworded.len()];
        let end = (range.end + 64).min(hay.len());
        let Some(slice) = hay.get(range.start..end) else {
            return;
        };
        let mut hits = std::mem::take(&mut scratch.keyword_matches);
        walk.matches(slice, &mut scratch.keyword_walk, &mut hits);
        let state = &mut scratch.keyword;
        for m in &hits {
            let hs = range.start + m.start;
            if hs >= range.end {
                break;
            }
            let he = range.start + m.end;
            let Some(&k) = self.keyword_owner.get(m.pattern) else {
                continue;
            };
            let kw = &self.keyworded[k];
            let d = kw.detector;
            if hs < searched_to[k] {
                continue;
            }
            let ws = hs.saturating_sub(d.before);
            let we = he.saturating_add(d.after).min(hay.len());
            searched_to[k] = he;
            let Some(slot) = state.get_mut(k) else {
                continue;
            };
            let (cache, c) = slot.get_or_insert_with(|| (kw.regex.create_cache(), kw.regex.create_captures()));
            let mut at = ws;
            while at < we {
                let Some(mat) = kw.next_match(hay, (at, we, hs), cache, c) else {
                    break;
                };
                let (s, e) = (mat.start(), mat.end());
                at = match kw.starts {
                    // The one match anchored at the hit was it (`we` ends the loop).
                    Starts::AtHit => we,
                    _ if e > s => e,
                    _ => s + 1,
                };
                // The match must contain the keyword hit that triggered it (or start right after
                // it for keyword-prefixed patterns); others belong to their own hit.
                if !(s <= hs && e >= he) {
                    if s > he {
                        break;
                    }
                    continue;
                }
                let value = kw
                    .value_groups
                    .iter()
                    .find_map(|&g| c.get_group(g))
                    .map_or((s, e), |sp| (sp.start, sp.end));
                // (With no value group, `c` is never written: the value is the match.)
                let cand = Candidate {
                    haystack: hay,
                    start: s,
                    end: e,
                    value_start: value.0,
                    value_end: value.1,
                };
                if let Some(confidence) = (d.validate)(&cand) {
                    out.push(Hit::new(d, s, e, value, confidence));
                }
                searched_to[k] = searched_to[k].max(e);
                // Later matches start at or after `e`, past the hit: none can contain it.
                break;
            }
        }
        scratch.keyword_matches = hits; // its memory, for the next chunk
    }
}
