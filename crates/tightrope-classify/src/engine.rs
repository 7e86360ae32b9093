//! The matching engine: an Aho-Corasick literal prefilter triggers keyword detectors, whose regexes
//! run only in a window around each literal hit; detectors without a literal (digit-shaped PII)
//! share one multi-pattern lazy-DFA pass. Large inputs are split into chunks scanned in parallel
//! (rayon); every regex sees the whole haystack for look-around, so chunk edges lose nothing.

use crate::detector::{Candidate, Category, Confidence, Detector};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use std::ops::Range;

/// One validated match.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub detector: &'static Detector,
    /// Byte span of the whole match (context words included).
    pub start: usize,
    pub end: usize,
    /// Byte span of the sensitive value inside the match.
    pub value: (usize, usize),
    pub confidence: Confidence,
}

impl Hit {
    pub fn value<'h>(&self, hay: &'h [u8]) -> &'h [u8] {
        hay.get(self.value.0..self.value.1).unwrap_or_default()
    }
}

/// Chunk size for parallel scanning, and how far a match may run past its chunk's end.
const CHUNK: usize = 1 << 20;
const MARGIN: usize = 8 << 10;

struct Keyworded {
    detector: &'static Detector,
    regex: Regex,
    /// Capture group indexes of the value (`v`, `v2`), if the pattern names them.
    value_groups: Vec<usize>,
    starts: Starts,
}

/// Where a keyword detector's regex is run in the window around a keyword hit.
#[derive(Clone, Copy)]
enum Starts {
    /// Unanchored, from the window start.
    Anywhere,
    /// Anchored at the hit: nothing is allowed before the keyword, so a match containing the hit
    /// starts there (an unanchored search would scan the whole window when there is none).
    AtHit,
    /// Anchored at each position up to the hit that the detector's filter allows, leftmost first.
    Filtered(fn(&[u8], usize) -> bool),
}

impl Starts {
    fn of(d: &Detector) -> Starts {
        if d.before == 0 {
            Starts::AtHit
        } else if d.id == "SECRET-CONFIG-PASSWORD" {
            Starts::Filtered(crate::detectors::secret_config_password::may_start)
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
            Starts::Filtered(may_start) => (at..=hs.min(we.saturating_sub(1)))
                .filter(|&p| may_start(hay, p))
                .find_map(|p| search(&Input::new(hay).range(p..we).anchored(Anchored::Yes))),
        }
    }
}

/// Per-thread regex caches (made on first use: most inputs trigger few keyword detectors).
struct Scratch {
    whole: Option<meta::Cache>,
    single: Vec<Option<meta::Cache>>,
    keyword: Vec<Option<(meta::Cache, Captures)>>,
    /// The hits of the chunk being scanned: reused, so its memory is not grown afresh per chunk.
    hits: Vec<Hit>,
}

type ScratchPool =
    Pool<Scratch, Box<dyn Fn() -> Scratch + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>>;

/// A compiled set of detectors, reusable across files and threads.
pub struct Engine {
    keyworded: Vec<Keyworded>,
    prefilter: Option<AhoCorasick>,
    /// Prefilter pattern index → index in `keyworded`.
    prefilter_owner: Vec<usize>,
    /// The multi-pattern regex of the whole-text detectors (all but a scanned last one, see
    /// `scanned_last`), in priority order.
    whole: Option<Regex>,
    whole_detectors: Vec<&'static Detector>,
    /// When the lowest-priority whole-text detector has a candidate scanner (person names), it is
    /// left out of `whole` and its candidates come from the scanner: a capitalised word costs a
    /// table lookup instead of a regex search.
    scanned_last: Option<Scanner>,
    /// One anchored regex per whole-text detector, to retry a candidate that failed validation.
    whole_single: Vec<Regex>,
    /// Per whole-text detector, the bytes a match can start with: a retry is skipped where the
    /// candidate's first byte rules the detector out (a capitalised word is never a card number).
    whole_first: Vec<[bool; 256]>,
    /// Regex caches reused across chunks and files, so lazy DFAs are not rebuilt for each.
    scratch: ScratchPool,
}

/// Finds the positions in `from..to` where a detector's pattern can start and validate.
type Scanner = fn(&[u8], usize, usize) -> Option<usize>;

/// The candidate scanner of a detector, if it has one.
fn scanner(d: &Detector) -> Option<Scanner> {
    (d.id == "PII-PERSON-NAME").then_some(crate::detectors::pii_person_name::next_candidate as Scanner)
}

fn compile(patterns: &[&str]) -> Result<Regex, String> {
    meta::Builder::new()
        .syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false))
        .configure(
            Regex::config()
                .utf8_empty(false)
                .match_kind(regex_automata::MatchKind::LeftmostFirst),
        )
        .build_many(patterns)
        .map_err(|e| e.to_string())
}

impl Engine {
    /// Compile `detectors`. Fails only on a bad built-in pattern (a bug), with the detector named.
    pub fn new(detectors: &[&'static Detector]) -> Result<Engine, String> {
        let mut keyworded = Vec::new();
        let mut literals = Vec::new();
        let mut prefilter_owner = Vec::new();
        let mut whole_detectors = Vec::new();
        let mut whole_single = Vec::new();
        let mut whole_first = Vec::new();
        for &d in detectors {
            let regex = compile(&[d.pattern]).map_err(|e| format!("{}: {e}", d.id))?;
            if d.keywords.is_empty() {
                whole_first.push(first_bytes(d.pattern));
                whole_detectors.push(d);
                whole_single.push(regex);
                continue;
            }
            let value_groups = ["v", "v2"]
                .iter()
                .filter_map(|n| regex.group_info().to_index(regex_automata::PatternID::ZERO, n))
                .collect();
            for k in d.keywords {
                literals.push(*k);
                prefilter_owner.push(keyworded.len());
            }
            keyworded.push(Keyworded {
                detector: d,
                regex,
                value_groups,
                starts: Starts::of(d),
            });
        }
        let prefilter = if literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&literals)
                    .map_err(|e| e.to_string())?,
            )
        };
        let scanned_last = whole_detectors.last().and_then(|d| scanner(d));
        let in_regex = whole_detectors.len() - usize::from(scanned_last.is_some());
        let whole = if in_regex == 0 {
            None
        } else {
            let pats: Vec<&str> = whole_detectors[..in_regex].iter().map(|d| d.pattern).collect();
            Some(compile(&pats)?)
        };
        let (whole_re, singles, keywords) = (whole.clone(), whole_single.len(), keyworded.len());
        let scratch: ScratchPool = Pool::new(Box::new(move || Scratch {
            whole: whole_re.as_ref().map(Regex::create_cache),
            single: (0..singles).map(|_| None).collect(),
            keyword: (0..keywords).map(|_| None).collect(),
            hits: Vec::new(),
        }));
        Ok(Engine {
            keyworded,
            prefilter,
            prefilter_owner,
            whole,
            whole_detectors,
            scanned_last,
            whole_single,
            whole_first,
            scratch,
        })
    }

    /// Scan a whole buffer; large buffers are split into chunks scanned in parallel. Hits are
    /// sorted by position, with overlaps resolved (see [`resolve_overlaps`]).
    pub fn scan(&self, hay: &[u8]) -> Vec<Hit> {
        self.scan_chunked(hay, CHUNK)
    }

    /// [`Engine::scan`] with chunks of about `chunk` bytes (at least 1 KiB); inputs up to two
    /// chunks are scanned in one pass.
    pub fn scan_chunked(&self, hay: &[u8], chunk: usize) -> Vec<Hit> {
        let chunk = chunk.max(1 << 10);
        let mut hits = if hay.len() <= 2 * chunk {
            let mut out = Vec::new();
            self.scan_range(hay, 0..hay.len(), &mut out);
            out
        } else {
            // Each chunk's hits sorted (in parallel) and copied out at their exact size; in chunk
            // order they are sorted as a whole, as every hit starts inside its chunk. (A large table
            // has millions of hits: growing, merging and sorting one vector of them cost more
            // in fresh memory than scanning.)
            let parts: Vec<Vec<Hit>> = chunks(hay, chunk)
                .into_par_iter()
                .map(|r| {
                    let mut scratch = self.scratch.get();
                    let mut out = std::mem::take(&mut scratch.hits);
                    out.clear();
                    self.scan_range_with(hay, r, &mut out, &mut scratch);
                    sort_hits(&mut out);
                    let part = out.clone();
                    scratch.hits = out;
                    part
                })
                .collect();
            let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum());
            for part in parts {
                all.extend_from_slice(&part);
            }
            all
        };
        resolve_overlaps(&mut hits);
        hits
    }

    /// Scan `range` of `hay`: report matches that start inside it.
    pub fn scan_range(&self, hay: &[u8], range: Range<usize>, out: &mut Vec<Hit>) {
        self.scan_range_with(hay, range, out, &mut self.scratch.get());
    }

    fn scan_range_with(&self, hay: &[u8], range: Range<usize>, out: &mut Vec<Hit>, scratch: &mut Scratch) {
        self.keyword_pass(hay, range.clone(), out, &mut scratch.keyword);
        self.whole_pass(hay, range, out, scratch);
    }

    fn keyword_pass(
        &self,
        hay: &[u8],
        range: Range<usize>,
        out: &mut Vec<Hit>,
        state: &mut [Option<(meta::Cache, Captures)>],
    ) {
        let Some(ac) = &self.prefilter else { return };
        // Per keyword detector: where its last regex window ended, so repeated hits inside one
        // window are not searched twice.
        let mut searched_to = vec![0usize; self.keyworded.len()];
        let end = (range.end + 64).min(hay.len());
        let Some(slice) = hay.get(range.start..end) else {
            return;
        };
        for m in ac.find_overlapping_iter(slice) {
            let hs = range.start + m.start();
            if hs >= range.end {
                break;
            }
            let he = range.start + m.end();
            let Some(&k) = self.prefilter_owner.get(m.pattern().as_usize()) else {
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
                    out.push(Hit {
                        detector: d,
                        start: s,
                        end: e,
                        value,
                        confidence,
                    });
                }
                searched_to[k] = searched_to[k].max(e);
                // Later matches start at or after `e`, past the hit: none can contain it.
                break;
            }
        }
    }

    fn whole_pass(&self, hay: &[u8], range: Range<usize>, out: &mut Vec<Hit>, scratch: &mut Scratch) {
        if self.whole_detectors.is_empty() {
            return;
        }
        let limit = range.end.saturating_add(MARGIN).min(hay.len());
        let mut next = WholeCandidates {
            at: range.start,
            regex: None,
            regex_done: self.whole.is_none(),
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
                    next.at = hit.end.max(s + 1);
                    out.push(hit);
                }
                // Nothing validated here: resume at the next token so a match inside is not lost.
                None => next.at = next_token(hay, s),
            }
        }
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
        next: &mut WholeCandidates,
        scratch: &mut Scratch,
    ) -> Option<(usize, usize, usize)> {
        let at = next.at;
        if !next.regex_done && next.regex.is_none_or(|m| m.0 < at) {
            next.regex = match (&self.whole, scratch.whole.as_mut()) {
                (Some(re), Some(cache)) => re
                    .search_with(cache, &Input::new(hay).range(at..limit))
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize())),
                _ => None,
            };
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
            (d.validate)(&cand).map(|confidence| Hit {
                detector: d,
                start: s,
                end: e,
                value: (s, e),
                confidence,
            })
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
struct WholeCandidates {
    at: usize,
    regex: Option<(usize, usize, usize)>,
    regex_done: bool,
    scanned: Option<usize>,
    scanned_done: bool,
}

/// The bytes a match of `pattern` can start with, from its prefix literals; all bytes when they
/// are not a finite set (or the pattern does not parse, which compiling it reports).
fn first_bytes(pattern: &str) -> [bool; 256] {
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

/// Split `hay` into ranges of about `chunk` bytes ending after a newline where there is one.
fn chunks(hay: &[u8], chunk: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < hay.len() {
        let mut end = (start + chunk).min(hay.len());
        if end < hay.len()
            && let Some(nl) = memchr::memchr(b'\n', &hay[end..(end + MARGIN).min(hay.len())])
        {
            end += nl + 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// Whether a detector is a catch-all that yields to a specific detector on the same value.
fn is_generic(d: &Detector) -> bool {
    matches!(d.id, "SECRET-CONFIG-PASSWORD" | "SECRET-HIGH-ENTROPY" | "PII-DATE")
}

/// Sort hits by position, then detector and value (stably: they arrive as sorted runs, one per
/// pass, which it merges); nothing to do when they are sorted already (chunks sorted in parallel).
fn sort_hits(hits: &mut [Hit]) {
    // Detectors are compared by address (they live in `detectors::ALL`).
    let key = |h: &Hit| (h.start, h.end, h.detector as *const Detector as usize, h.value);
    if !hits.is_sorted_by_key(key) {
        hits.sort_by_key(key);
    }
}

/// Sort hits and drop the ones another hit explains better:
/// a generic secret detector overlapping a specific secret detector, a PII hit inside a credential,
/// and the same detector reporting the same value twice.
pub fn resolve_overlaps(hits: &mut Vec<Hit>) {
    // Detectors are compared by address (they live in `detectors::ALL`): no string comparisons
    // on the millions of hits of a large table.
    let key = |d: &'static Detector| d as *const Detector as usize;
    sort_hits(hits);
    hits.dedup_by(|a, b| std::ptr::eq(a.detector, b.detector) && a.value == b.value);
    if hits.len() < 2 {
        return;
    }
    let mut secrets: Vec<(usize, usize, bool, usize)> = hits
        .iter()
        .filter(|h| h.detector.category == Category::Credential)
        .map(|h| (h.start, h.end, is_generic(h.detector), key(h.detector)))
        .collect();
    if secrets.is_empty() {
        return; // only credentials remove hits
    }
    secrets.sort_unstable();
    let longest = secrets.iter().map(|s| s.1 - s.0).max().unwrap_or(0);
    let overlaps = |h: &Hit, want_specific: bool| {
        // Secrets starting before this hit's end, scanned back until none can reach the value.
        let idx = secrets.partition_point(|s| s.0 < h.end);
        secrets[..idx]
            .iter()
            .rev()
            .take_while(|s| s.0 + longest > h.value.0)
            .take(64)
            .any(|&(s, e, generic, d)| {
                s < h.value.1 && e > h.value.0 && (!want_specific || !generic) && d != key(h.detector)
            })
    };
    hits.retain(|h| match h.detector.category {
        Category::Credential if is_generic(h.detector) => {
            !(overlaps(h, true) || (h.detector.id == "SECRET-HIGH-ENTROPY" && overlaps(h, false)))
        }
        Category::Credential => true,
        _ => !overlaps(h, false),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::ALL;

    /// One engine for the whole module (compiling all patterns takes most of a debug test's time).
    fn engine() -> &'static Engine {
        static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        ENGINE.get_or_init(|| Engine::new(&ALL.iter().collect::<Vec<_>>()).expect("built-in patterns compile"))
    }

    fn ids(text: &str) -> Vec<&'static str> {
        engine().scan(text.as_bytes()).iter().map(|h| h.detector.id).collect()
    }

    #[test]
    fn finds_validated_pii() {
        assert_eq!(ids("card 4111 1111 1111 1111 ok"), ["FIN-CREDIT-CARD"]);
        assert!(ids("card 4111 1111 1111 1112 ok").is_empty(), "Luhn fails");
        assert_eq!(ids("ssn: 123-45-6789"), ["PII-US-SSN"]);
        assert!(ids("ssn: 666-45-6789").is_empty());
        assert_eq!(ids("mail olga.davis0@example.com now"), ["PII-EMAIL"]);
        assert_eq!(ids("IBAN DE89 3704 0044 0532 0130 00."), ["FIN-IBAN"]);
        assert_eq!(ids("from 46.70.40.77 at"), ["PII-IP-ADDRESS"]);
        assert_eq!(ids("call (348) 227-5672"), ["PII-PHONE"]);
        assert_eq!(ids("born on 1998-09-22"), ["PII-DATE-OF-BIRTH"]);
    }

    #[test]
    fn first_byte_sets() {
        let digits = first_bytes(r"\b\d{3}-\d{2}-\d{4}\b");
        assert!(digits[usize::from(b'7')] && !digits[usize::from(b'A')]);
        let names = first_bytes(r"\b[A-Z][a-z]{2,19}");
        assert!(names[usize::from(b'Q')] && !names[usize::from(b'q')] && !names[usize::from(b'1')]);
        assert!(first_bytes(r"a*").iter().all(|&b| b), "may match empty: any byte");
        let word = first_bytes(r"\w*x");
        assert!(word[usize::from(b'x')] && word[usize::from(b'_')] && !word[usize::from(b'-')]);
    }

    #[test]
    fn finds_secrets() {
        let t = "aws_access_key_id=AKIAQWERTYUIOPASDFGH aws_secret_access_key=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";
        let hits = engine().scan(t.as_bytes());
        let got: Vec<_> = hits.iter().map(|h| (h.detector.id, h.confidence)).collect();
        assert!(got.contains(&("SECRET-AWS-ACCESS-KEY", Confidence::High)), "{got:?}");
        assert!(got.iter().any(|g| g.0 == "SECRET-AWS-SECRET-KEY"), "{got:?}");
        assert!(
            !got.iter()
                .any(|g| g.0 == "SECRET-HIGH-ENTROPY" || g.0 == "SECRET-CONFIG-PASSWORD"),
            "{got:?}"
        );
        assert_eq!(
            ids("postgres://admin:Zx81kQpLm2Hv9t@db1.internal.example.com:5432/prod"),
            ["SECRET-URL-PASSWORD"]
        );
    }

    #[test]
    fn start_filters_allow_every_match_start() {
        let text = "x password=Zx81kQpLm2Hv9t; \"api_key\": \"sk9-aaaBBB111\", DB_PASS  :  hunter2hunter2\n\
                    my.token:=abcdef123 {'client_secret' ] = 'Qw3rty!x'} auth-key\t=\tZZ99zz88 keyword=";
        let hay = text.as_bytes();
        for kw in &engine().keyworded {
            let Starts::Filtered(may_start) = kw.starts else { continue };
            let mut cache = kw.regex.create_cache();
            let mut starts = 0;
            for p in 0..hay.len() {
                let input = Input::new(hay).range(p..).anchored(Anchored::Yes);
                if kw.regex.search_with(&mut cache, &input).is_some() {
                    starts += 1;
                    assert!(may_start(hay, p), "{} matches at {p} but the filter refuses it", kw.detector.id);
                }
            }
            assert!(starts >= 10, "{}: the text exercises the filter ({starts} starts)", kw.detector.id);
        }
    }

    /// (detector, match span, value span) of each hit, for exact comparisons.
    fn spans(hits: &[Hit]) -> Vec<(&'static str, usize, usize, (usize, usize))> {
        hits.iter().map(|h| (h.detector.id, h.start, h.end, h.value)).collect()
    }

    #[test]
    fn chunked_scan_equals_single_pass() {
        // Small chunks (1 KiB) instead of a large input: dozens of chunk edges in 40 KB, on lines
        // (edges after a newline) and on one long line (edges inside values).
        let line =
            "x 4111 1111 1111 1111 olga@example.com 123-45-6789 token ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
        let reps = 40_000 / line.len() + 7;
        let e = engine();
        for text in [line.repeat(reps), line.replace('\n', " ").repeat(reps)] {
            let mut single = Vec::new();
            e.scan_range(text.as_bytes(), 0..text.len(), &mut single);
            resolve_overlaps(&mut single);
            let chunked = e.scan_chunked(text.as_bytes(), 1 << 10);
            assert!(chunks(text.as_bytes(), 1 << 10).len() > 30, "many chunk edges");
            assert_eq!(spans(&chunked), spans(&single));
            for id in ["FIN-CREDIT-CARD", "PII-EMAIL", "PII-US-SSN", "SECRET-GITHUB-TOKEN"] {
                assert_eq!(chunked.iter().filter(|h| h.detector.id == id).count(), reps, "{id}");
            }
        }
    }
}
