//! The matching engine: an Aho-Corasick automaton of literal keywords triggers keyword detectors, whose regexes
//! run only in a window around each literal hit; detectors without a literal (digit-shaped PII)
//! share one multi-pattern lazy-DFA pass, run only in exact windows around the digits and IPv6
//! colons of the text ([`windows`]). Large inputs are split into chunks scanned in parallel
//! (rayon); every regex sees the whole haystack for look-around, so chunk edges lose nothing.

pub mod hits;
mod keyword;
mod keyword_walk;
mod stretch;
mod whole;
mod windows;

use crate::detector::{Confidence, Detector};
pub use hits::Hits;
use keyword::{Keyworded, Starts};
use keyword_walk::{KeywordMatch, KeywordWalk, WalkScratch};
use rayon::prelude::*;
use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use std::ops::Range;
use whole::{Scanner, first_bytes, scanner};
use windows::Reach;

/// One validated match: 32 bytes (a large table has millions of them), its spans kept as
/// offsets from its start.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub detector: &'static Detector,
    /// Where the whole match (context words included) starts.
    pub start: usize,
    /// The match's length, the value's offset from `start` and the value's length. A match is at
    /// most a chunk and its margin long when scanned in chunks; longer spans (over 4 GiB, in one
    /// unchunked range) are clamped.
    len: u32,
    value_offset: u32,
    value_len: u32,
    pub confidence: Confidence,
}

impl Hit {
    /// A hit on `start..end`, with its sensitive value at `value` (inside the match).
    pub fn new(detector: &'static Detector, start: usize, end: usize, value: (usize, usize), confidence: Confidence) -> Hit {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Hit {
            detector,
            start,
            len: clamp(end.saturating_sub(start)),
            value_offset: clamp(value.0.saturating_sub(start)),
            value_len: clamp(value.1.saturating_sub(value.0)),
            confidence,
        }
    }

    /// Where the whole match ends.
    pub fn end(&self) -> usize {
        self.start.saturating_add(self.len as usize)
    }

    /// The byte span of the sensitive value inside the match.
    pub fn value_span(&self) -> (usize, usize) {
        let s = self.start.saturating_add(self.value_offset as usize);
        (s, s.saturating_add(self.value_len as usize))
    }

    pub fn value<'h>(&self, hay: &'h [u8]) -> &'h [u8] {
        let (s, e) = self.value_span();
        hay.get(s..e).unwrap_or_default()
    }
}

/// Chunk size for parallel scanning, and how far a match may run past its chunk's end.
const CHUNK: usize = 1 << 20;
const MARGIN: usize = 8 << 10;

/// Per-thread regex caches (made on first use: most inputs trigger few keyword detectors).
struct Scratch {
    whole: Option<meta::Cache>,
    single: Vec<Option<meta::Cache>>,
    keyword: Vec<Option<(meta::Cache, Captures)>>,
    /// The keyword matches of the chunk being scanned, and the walk's buffers.
    keyword_matches: Vec<KeywordMatch>,
    keyword_walk: WalkScratch,
    /// The windows of the chunk being scanned (see [`windows`]): reused like `hits`.
    windows: Vec<Range<usize>>,
    /// How many hits to make room for in a chunk's vector (a little more than the last chunk had).
    hits_hint: usize,
}

type ScratchPool =
    Pool<Scratch, Box<dyn Fn() -> Scratch + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>>;

/// A compiled set of detectors, reusable across files and threads.
pub struct Engine {
    keyworded: Vec<Keyworded>,
    /// The automaton of every keyword (`None` when no detector has one).
    keywords: Option<KeywordWalk>,
    /// Keyword index (in the automaton) → index in `keyworded`.
    keyword_owner: Vec<usize>,
    /// The multi-pattern regex of the whole-text detectors (all but a scanned last one, see
    /// `scanned_last`), in priority order.
    whole: Option<Regex>,
    whole_detectors: Vec<&'static Detector>,
    /// Where `whole` can match around the digits of a text: it runs only in those windows.
    /// `None`: a pattern can match far from any digit, and it runs on the whole text.
    reach: Option<Reach>,
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
        let mut keyword_owner = Vec::new();
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
                keyword_owner.push(keyworded.len());
            }
            keyworded.push(Keyworded {
                detector: d,
                regex,
                value_groups,
                starts: Starts::of(d),
            });
        }
        let keywords = if literals.is_empty() {
            None
        } else {
            Some(KeywordWalk::new(&literals)?)
        };
        let scanned_last = whole_detectors.last().and_then(|d| scanner(d));
        let in_regex = whole_detectors.len() - usize::from(scanned_last.is_some());
        let whole = if in_regex == 0 {
            None
        } else {
            let pats: Vec<&str> = whole_detectors[..in_regex].iter().map(|d| d.pattern).collect();
            Some(compile(&pats)?)
        };
        let reach = Reach::of(&whole_detectors[..in_regex]);
        let (whole_re, singles, keyword_count) = (whole.clone(), whole_single.len(), keyworded.len());
        let scratch: ScratchPool = Pool::new(Box::new(move || Scratch {
            whole: whole_re.as_ref().map(Regex::create_cache),
            single: (0..singles).map(|_| None).collect(),
            keyword: (0..keyword_count).map(|_| None).collect(),
            keyword_matches: Vec::new(),
            keyword_walk: WalkScratch::default(),
            windows: Vec::new(),
            hits_hint: 0,
        }));
        Ok(Engine {
            keyworded,
            keywords,
            keyword_owner,
            whole,
            whole_detectors,
            reach,
            scanned_last,
            whole_single,
            whole_first,
            scratch,
        })
    }

    /// Scan a whole buffer; large buffers are split into chunks scanned in parallel. Hits are
    /// sorted by position, with overlaps resolved (see [`hits::resolve_overlaps`]).
    pub fn scan(&self, hay: &[u8]) -> Hits {
        self.scan_chunked(hay, CHUNK)
    }

    /// [`Engine::scan`] with chunks of about `chunk` bytes (at least 1 KiB); inputs up to two
    /// chunks are scanned in one pass.
    pub fn scan_chunked(&self, hay: &[u8], chunk: usize) -> Hits {
        let chunk = chunk.max(1 << 10);
        let parts = if hay.len() <= 2 * chunk {
            let mut out = Vec::new();
            self.scan_range(hay, 0..hay.len(), &mut out);
            vec![out]
        } else {
            // Each chunk's hits are kept in their own vector ([`Hits::resolve`] sorts each in
            // parallel); in chunk order they are sorted as a whole, as every hit starts inside its
            // chunk.
            chunks(hay, chunk)
                .into_par_iter()
                .map(|r| {
                    let mut scratch = self.scratch.get();
                    // Sized like the last chunk's hits, so that a table's vector is not regrown.
                    let mut out = Vec::with_capacity(scratch.hits_hint);
                    self.scan_range_with(hay, r, &mut out, &mut scratch);
                    scratch.hits_hint = out.len() + out.len() / 8;
                    out
                })
                .collect()
        };
        Hits::resolve(parts)
    }

    /// Scan `range` of `hay`: report matches that start inside it.
    pub fn scan_range(&self, hay: &[u8], range: Range<usize>, out: &mut Vec<Hit>) {
        self.scan_range_with(hay, range, out, &mut self.scratch.get());
    }

    fn scan_range_with(&self, hay: &[u8], range: Range<usize>, out: &mut Vec<Hit>, scratch: &mut Scratch) {
        self.keyword_pass(hay, range.clone(), out, scratch);
        self.whole_pass(hay, range, out, scratch);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::ALL;
    use regex_automata::{Anchored, Input};

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
    fn hits_are_small_and_keep_their_spans() {
        assert_eq!(std::mem::size_of::<Hit>(), 32);
        let d = &ALL[0];
        let h = Hit::new(d, 10, 50, (20, 45), Confidence::High);
        assert_eq!((h.start, h.end(), h.value_span()), (10, 50, (20, 45)));
        assert_eq!(h.value(&[7u8; 60]), [7u8; 25]);
        assert!(h.value(&[7u8; 30]).is_empty(), "a span past the haystack reads as empty");
        let far = 1usize << 40;
        let h = Hit::new(d, far, far + 3, (far + 1, far + 2), Confidence::Low);
        assert_eq!((h.end(), h.value_span()), (far + 3, (far + 1, far + 2)), "positions past 4 GiB");
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
            let Starts::Filtered(next_start) = kw.starts else { continue };
            let mut cache = kw.regex.create_cache();
            let mut starts = 0;
            for p in 0..hay.len() {
                let input = Input::new(hay).range(p..).anchored(Anchored::Yes);
                if kw.regex.search_with(&mut cache, &input).is_some() {
                    starts += 1;
                    let allowed = next_start(hay, p, p) == Some(p);
                    assert!(allowed, "{} matches at {p} but the filter refuses it", kw.detector.id);
                }
            }
            assert!(starts >= 10, "{}: the text exercises the filter ({starts} starts)", kw.detector.id);
        }
    }

    /// (detector, match span, value span) of each hit, for exact comparisons.
    fn spans(hits: &[Hit]) -> Vec<(&'static str, usize, usize, (usize, usize))> {
        hits.iter().map(|h| (h.detector.id, h.start, h.end(), h.value_span())).collect()
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
            let single = Hits::resolve(vec![single]).to_vec();
            let chunked = e.scan_chunked(text.as_bytes(), 1 << 10).to_vec();
            assert!(chunks(text.as_bytes(), 1 << 10).len() > 30, "many chunk edges");
            assert_eq!(spans(&chunked), spans(&single));
            for id in ["FIN-CREDIT-CARD", "PII-EMAIL", "PII-US-SSN", "SECRET-GITHUB-TOKEN"] {
                assert_eq!(chunked.iter().filter(|h| h.detector.id == id).count(), reps, "{id}");
            }
        }
    }
}
