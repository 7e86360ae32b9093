//! The hits of one scan, kept as the chunks produced them: a large table has millions of hits
//! (about twice its size in memory), and copying them into one vector cost more than scanning them
//! (fresh pages, zeroed by the kernel, then filled). The parts are sorted and resolved as one
//! sequence ([`resolve_overlaps`]), and read as one through [`Hits::iter`].

use super::Hit;
use crate::detector::{Category, Detector};
use rayon::prelude::*;

/// Hits in position order, with overlaps resolved.
#[derive(Debug, Default)]
pub struct Hits {
    /// Consecutive runs of the sequence (one per scanned chunk); none is empty.
    parts: Vec<Vec<Hit>>,
}

/// The iterator of [`Hits::iter`]: cheap to clone, for look-ahead.
pub type Iter<'a> = std::iter::Flatten<std::slice::Iter<'a, Vec<Hit>>>;

impl Hits {
    /// Sort and resolve the runs `parts` (in sequence order) into one sequence of hits.
    pub(super) fn resolve(mut parts: Vec<Vec<Hit>>) -> Hits {
        resolve_overlaps(&mut parts);
        parts.retain(|p| !p.is_empty());
        Hits { parts }
    }

    pub fn iter(&self) -> Iter<'_> {
        self.parts.iter().flatten()
    }

    pub fn len(&self) -> usize {
        self.parts.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The hits in one vector (a copy).
    pub fn to_vec(&self) -> Vec<Hit> {
        self.parts.concat()
    }
}

impl<'a> IntoIterator for &'a Hits {
    type Item = &'a Hit;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Whether a detector is a catch-all that yields to a specific detector on the same value.
fn is_generic(d: &Detector) -> bool {
    matches!(d.id, "SECRET-CONFIG-PASSWORD" | "SECRET-HIGH-ENTROPY" | "PII-DATE")
}

/// The order of hits: by position, then detector and value. Detectors are compared by address
/// (they live in `detectors::ALL`): no string comparisons on the millions of hits of a large table.
fn order(h: &Hit) -> (usize, usize, usize, (usize, usize)) {
    (h.start, h.end(), h.detector as *const Detector as usize, h.value_span())
}

/// Sort hits (stably: they arrive as sorted runs, one per pass, which it merges); nothing to do
/// when they are sorted already.
fn sort_hits(hits: &mut [Hit]) {
    if !hits.is_sorted_by_key(order) {
        hits.sort_by_key(order);
    }
}

/// The same finding twice: one detector, one value.
fn same(a: &Hit, b: &Hit) -> bool {
    std::ptr::eq(a.detector, b.detector) && a.value_span() == b.value_span()
}

/// Sort the sequence made of the runs `parts` and drop the hits another hit explains better:
/// a generic secret detector overlapping a specific secret detector, a PII hit inside a credential,
/// and the same detector reporting the same value twice in a row. The result is the same as
/// resolving the runs concatenated; each run is worked on in parallel.
fn resolve_overlaps(parts: &mut Vec<Vec<Hit>>) {
    parts.par_iter_mut().for_each(|p| sort_hits(p));
    let ordered = parts
        .windows(2)
        .all(|w| match (w[0].last(), w[1].first()) {
            (Some(a), Some(b)) => order(a) <= order(b),
            _ => true,
        });
    if !ordered {
        let mut all = parts.concat();
        sort_hits(&mut all);
        *parts = vec![all];
    }
    dedup(parts);
    let key = |d: &'static Detector| d as *const Detector as usize;
    let mut secrets: Vec<(usize, usize, bool, usize)> = parts
        .par_iter()
        .flat_map_iter(|p| {
            p.iter()
                .filter(|h| h.detector.category == Category::Credential)
                .map(|h| (h.start, h.end(), is_generic(h.detector), key(h.detector)))
        })
        .collect();
    if secrets.is_empty() {
        return; // only credentials remove hits
    }
    secrets.sort_unstable();
    let longest = secrets.iter().map(|s| s.1 - s.0).max().unwrap_or(0);
    let overlaps = |h: &Hit, want_specific: bool| {
        // Secrets starting before this hit's end, scanned back until none can reach the value.
        let idx = secrets.partition_point(|s| s.0 < h.end());
        let value = h.value_span();
        secrets[..idx]
            .iter()
            .rev()
            .take_while(|s| s.0 + longest > value.0)
            .take(64)
            .any(|&(s, e, generic, d)| {
                s < value.1 && e > value.0 && (!want_specific || !generic) && d != key(h.detector)
            })
    };
    parts.par_iter_mut().for_each(|p| {
        p.retain(|h| match h.detector.category {
            Category::Credential if is_generic(h.detector) => {
                !(overlaps(h, true) || (h.detector.id == "SECRET-HIGH-ENTROPY" && overlaps(h, false)))
            }
            Category::Credential => true,
            _ => !overlaps(h, false),
        })
    });
}

/// Drop each hit that is the [`same`] as the hit kept before it, across the runs as within them.
/// Each run is deduplicated on its own (in parallel); then a run's first hit may still repeat the
/// last hit kept before the run: as `same` is an equivalence, only that first hit can.
fn dedup(parts: &mut [Vec<Hit>]) {
    parts.par_iter_mut().for_each(|p| p.dedup_by(|a, b| same(a, b)));
    let mut last: Option<Hit> = None;
    for p in parts.iter_mut() {
        if let (Some(prev), Some(first)) = (&last, p.first())
            && same(prev, first)
        {
            p.remove(0);
        }
        if let Some(h) = p.last() {
            last = Some(*h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detector::Confidence;
    use crate::detectors::by_id;

    fn hit(id: &str, start: usize, end: usize, value: (usize, usize)) -> Hit {
        Hit::new(by_id(id).expect("a built-in detector"), start, end, value, Confidence::High)
    }

    fn spans(hits: &[Hit]) -> Vec<(&'static str, usize, usize, (usize, usize))> {
        hits.iter().map(|h| (h.detector.id, h.start, h.end(), h.value_span())).collect()
    }

    /// Hits that exercise every rule: duplicates in a row, PII inside credentials, a generic
    /// secret on a specific one, and hits out of order.
    fn tangle() -> Vec<Hit> {
        let mut v = Vec::new();
        for i in 0..40usize {
            let b = i * 30;
            v.push(hit("PII-EMAIL", b, b + 20, (b, b + 20)));
            v.push(hit("PII-EMAIL", b + 1, b + 20, (b, b + 20))); // same value: a duplicate
            if i % 3 == 0 {
                v.push(hit("SECRET-URL-PASSWORD", b + 5, b + 45, (b + 10, b + 40))); // covers the next e-mail
                v.push(hit("SECRET-CONFIG-PASSWORD", b + 8, b + 40, (b + 12, b + 40))); // yields to it
            }
            if i % 5 == 0 {
                v.push(hit("SECRET-HIGH-ENTROPY", b + 2, b + 12, (b + 2, b + 12)));
            }
        }
        v.swap(3, 17); // out of order: the sort must run
        v
    }

    /// The reference: the whole sequence resolved as one run.
    fn resolved_whole(hits: &[Hit]) -> Vec<Hit> {
        let mut one = vec![hits.to_vec()];
        resolve_overlaps(&mut one);
        one.concat()
    }

    #[test]
    fn the_tangle_exercises_every_rule() {
        let all = tangle();
        let kept = resolved_whole(&all);
        let count = |hits: &[Hit], id: &str| hits.iter().filter(|h| h.detector.id == id).count();
        assert!(count(&kept, "PII-EMAIL") < count(&all, "PII-EMAIL") / 2, "duplicates and covered e-mails go");
        assert_eq!(count(&kept, "SECRET-CONFIG-PASSWORD"), 0, "the generic secret yields");
        assert_eq!(count(&kept, "SECRET-URL-PASSWORD"), count(&all, "SECRET-URL-PASSWORD"));
    }

    #[test]
    fn runs_resolve_like_their_concatenation_at_every_cut() {
        let mut sorted = tangle();
        sort_hits(&mut sorted);
        let want = spans(&resolved_whole(&sorted));
        // One cut at every position, and three cuts in a row (a run of one hit, an empty run).
        for cut in 0..=sorted.len() {
            let parts = vec![sorted[..cut].to_vec(), sorted[cut..].to_vec()];
            assert_eq!(spans(&Hits::resolve(parts).to_vec()), want, "cut at {cut}");
            let (a, b) = (cut / 2, cut.saturating_add(1).min(sorted.len()));
            let parts = vec![sorted[..a].to_vec(), sorted[a..cut].to_vec(), sorted[cut..b].to_vec(), sorted[b..].to_vec()];
            assert_eq!(spans(&Hits::resolve(parts).to_vec()), want, "cuts at {a}, {cut}, {b}");
        }
    }

    #[test]
    fn runs_out_of_order_are_sorted_as_one() {
        let all = tangle();
        let (a, b) = all.split_at(all.len() / 2);
        let parts = vec![b.to_vec(), a.to_vec()];
        assert_eq!(spans(&Hits::resolve(parts).to_vec()), spans(&resolved_whole(&all)));
    }
}
