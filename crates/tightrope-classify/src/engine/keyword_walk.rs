//! The keyword automaton walked as four independent streams at once.
//!
//! The keyword Aho-Corasick DFA reads one byte per step, and each step's table load needs the
//! state of the step before: on plain text the walk costs a load latency per byte (about a third of
//! the CPU time of a text scan), while the core could run several loads at once. So the text is
//! cut into [`LANES`] consecutive segments walked in lockstep, each lane carrying its own state:
//! the loads of different lanes do not wait for each other.
//!
//! Exactness: lane `i` reports the matches that *end* in its segment. It starts its walk
//! `longest - 1` bytes before the segment (the longest keyword less one), from the unanchored start
//! state, so every match ending in the segment lies entirely in what the lane has read, and an
//! unanchored Aho-Corasick walk reports every match inside what it has read. At each end
//! position the lane reports the matches of its state in the state's order; the state may stand
//! for a shorter suffix than the single walk's (the lane began later), but it has the same matches,
//! and the same list (the longer state's list is its own matches, none here, then those of its
//! failure chain, which leads to the shorter state). Lanes are concatenated in order: the result is
//! what `AhoCorasick::find_overlapping_iter` reports over the whole text, match for match and in
//! the same order, which the tests check on text built for the edges.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// How many segments are walked at once.
const LANES: usize = 4; // (the lockstep loop zips four slices)
/// Below this many bytes per lane the text is walked as one stream.
const MIN_LANE: usize = 256;

/// One keyword match: the keyword's index and its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct KeywordMatch {
    pub(super) pattern: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Finds every (overlapping) ASCII case-insensitive occurrence of a set of keywords.
pub(super) struct KeywordWalk {
    dfa: DFA,
    start: StateID,
    /// How far before its segment a lane starts: the longest keyword less one byte.
    warmup: usize,
}

/// Match states found by the lanes: (end of the match, state), per lane. Reused across calls.
#[derive(Default)]
pub(super) struct WalkScratch {
    ends: [Vec<(usize, StateID)>; LANES],
}

impl KeywordWalk {
    /// Fails on an empty keyword list or an empty keyword (it would match everywhere).
    pub(super) fn new(keywords: &[&str]) -> Result<KeywordWalk, String> {
        if keywords.iter().any(|k| k.is_empty()) {
            return Err("empty keyword".into());
        }
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            // The walk never skips bytes, so start states need not be special (one compare per byte).
            .prefilter(false)
            .build(keywords)
            .map_err(|e| e.to_string())?;
        let start = dfa.start_state(Anchored::No).map_err(|e| e.to_string())?;
        let warmup = dfa.max_pattern_len().saturating_sub(1);
        Ok(KeywordWalk { dfa, start, warmup })
    }

    /// Every match in `hay`, in the order `find_overlapping_iter` reports them (by end, then by the
    /// automaton's order), written to `out`.
    pub(super) fn matches(&self, hay: &[u8], scratch: &mut WalkScratch, out: &mut Vec<KeywordMatch>) {
        out.clear();
        let ends = &mut scratch.ends;
        ends.iter_mut().for_each(Vec::clear);
        let n = hay.len();
        if n < LANES * MIN_LANE {
            self.walk_from(hay, self.start, 0, 0, n, &mut ends[0]);
        } else {
            let bound: [usize; LANES + 1] = std::array::from_fn(|i| i * n / LANES);
            let start: [usize; LANES] = std::array::from_fn(|i| bound[i].saturating_sub(self.warmup));
            let steps = (0..LANES).map(|i| bound[i + 1] - start[i]).min().unwrap_or(0);
            let lane = |i: usize| &hay[start[i]..start[i] + steps];
            let mut sid = [self.start; LANES];
            // Four zipped slices: no bounds check or index per byte.
            let bytes = lane(0).iter().zip(lane(1)).zip(lane(2)).zip(lane(3));
            for (k, (((&b0, &b1), &b2), &b3)) in bytes.enumerate() {
                for (i, b) in [b0, b1, b2, b3].into_iter().enumerate() {
                    let s = self.dfa.next_state(Anchored::No, sid[i], b);
                    sid[i] = s;
                    if self.dfa.is_special(s) {
                        // Matches ending at or before the segment belong to the lane before.
                        let end = start[i] + k + 1;
                        if end > bound[i] && self.dfa.is_match(s) {
                            ends[i].push((end, s));
                        }
                    }
                }
            }
            // Each lane ends its segment alone (their lengths differ by the warm-up).
            for i in 0..LANES {
                self.walk_from(hay, sid[i], start[i] + steps, bound[i], bound[i + 1], &mut ends[i]);
            }
        }
        for lane in ends.iter() {
            for &(end, s) in lane {
                for i in 0..self.dfa.match_len(s) {
                    let pid = self.dfa.match_pattern(s, i);
                    let start = end - self.dfa.pattern_len(pid);
                    out.push(KeywordMatch {
                        pattern: pid.as_usize(),
                        start,
                        end,
                    });
                }
            }
        }
    }

    /// One stream over `hay[from..to]` from state `sid`, reporting matches that end after `after`.
    fn walk_from(
        &self,
        hay: &[u8],
        mut sid: StateID,
        from: usize,
        after: usize,
        to: usize,
        ends: &mut Vec<(usize, StateID)>,
    ) {
        for (i, &b) in hay[from..to].iter().enumerate() {
            sid = self.dfa.next_state(Anchored::No, sid, b);
            let end = from + i + 1;
            if self.dfa.is_special(sid) && end > after && self.dfa.is_match(sid) {
                ends.push((end, sid));
            }
        }
    }

    /// The matches `find_overlapping_iter` of the same automaton reports (the reference the tests
    /// compare the lanes with).
    #[cfg(test)]
    fn reference(&self, hay: &[u8]) -> Vec<KeywordMatch> {
        use aho_corasick::{Input, automaton::OverlappingState};
        let mut state = OverlappingState::start();
        let mut out = Vec::new();
        loop {
            self.dfa.try_find_overlapping(&Input::new(hay), &mut state).unwrap();
            let Some(m) = state.get_match() else { break };
            out.push(KeywordMatch {
                pattern: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every keyword of the built-in detectors.
    fn keywords() -> Vec<&'static str> {
        crate::detectors::ALL.iter().flat_map(|d| d.keywords.iter().copied()).collect()
    }

    fn check(walk: &KeywordWalk, hay: &[u8]) -> usize {
        let mut out = Vec::new();
        walk.matches(hay, &mut WalkScratch::default(), &mut out);
        assert_eq!(out, walk.reference(hay), "{} bytes", hay.len());
        out.len()
    }

    /// Every keyword in three casings, glued to the next, split by one byte, and overlapping;
    /// repeated so that every lane boundary falls inside keywords somewhere.
    fn dense_text(kws: &[&str]) -> String {
        let mut text = String::new();
        for (i, k) in kws.iter().enumerate() {
            let upper = k.to_ascii_uppercase();
            let mixed: String = k
                .chars()
                .enumerate()
                .map(|(j, c)| if j % 2 == 0 { c.to_ascii_uppercase() } else { c })
                .collect();
            text.push_str(&format!("{k}{upper}|{mixed} x{k}{} ", kws[(i + 1) % kws.len()]));
        }
        text.push_str("ababab sk-ant-sk_live_ accountkey=key;secret=secretoken xoxe-xoxb- dxdx @@ é@ü");
        text
    }

    #[test]
    fn lanes_report_what_one_walk_reports() {
        let kws = keywords();
        let walk = KeywordWalk::new(&kws).unwrap();
        let text = dense_text(&kws);
        assert!(text.len() > LANES * MIN_LANE, "long enough for lanes");
        assert!(check(&walk, text.as_bytes()) > 3 * kws.len());
        // Every length around the lane threshold and a range of cuts: lane boundaries move across
        // every position of the keywords.
        for len in (LANES * MIN_LANE - 8)..(LANES * MIN_LANE + 64) {
            check(&walk, &text.as_bytes()[..len]);
        }
        for cut in 0..200 {
            check(&walk, &text.as_bytes()[cut..]);
        }
    }

    #[test]
    fn the_longest_keyword_is_found_across_every_lane_boundary() {
        // Each keyword placed at every offset across the second lane's boundary: a warm-up one
        // byte shorter than the longest keyword loses the match that ends one byte in.
        let kws = keywords();
        let walk = KeywordWalk::new(&kws).unwrap();
        let n = 2 * LANES * MIN_LANE;
        let boundary = n / LANES;
        let mut longest: Vec<&str> = kws.clone();
        longest.sort_by_key(|k| std::cmp::Reverse(k.len()));
        for k in &longest[..3] {
            for off in 0..=k.len() {
                let mut text = vec![b'.'; n];
                let at = boundary - off;
                text[at..at + k.len()].copy_from_slice(k.as_bytes());
                assert!(check(&walk, &text) >= 1, "{k} at {at}");
            }
        }
    }

    #[test]
    fn lanes_report_what_one_walk_reports_on_real_text() {
        // Source code of this crate: dense in key/token/secret/pass, names and `://`.
        let mut text = Vec::new();
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/detectors")).unwrap() {
            text.extend(std::fs::read(entry.unwrap().path()).unwrap());
        }
        let walk = KeywordWalk::new(&keywords()).unwrap();
        assert!(check(&walk, &text) > 500);
    }

    #[test]
    fn short_and_empty_inputs() {
        let walk = KeywordWalk::new(&["key", "@", "sharedaccesskey="]).unwrap();
        assert_eq!(check(&walk, b""), 0);
        assert_eq!(check(&walk, b"@"), 1);
        assert_eq!(check(&walk, b"SharedAccessKey=x@y"), 3);
        assert!(KeywordWalk::new(&["a", ""]).is_err());
    }
}
