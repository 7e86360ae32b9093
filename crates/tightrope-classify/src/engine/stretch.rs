//! How far a regex match can reach around the trigger bytes it contains, measured in *units*: a
//! unit is one byte, or one whole run of ASCII letters (however long). The whole-text windows
//! ([`super::windows`]) walk a haystack in the same units, so bounds in units stay exact for
//! patterns with unbounded letter runs (`Sept[a-z]*`, `[A-Z][A-Za-z]+ Street`).
//!
//! Why letter runs may count as one unit: a contiguous stretch of letters inside a match lies
//! inside one maximal run of letters of the haystack, which a walk crosses in one step. Counting
//! a node's letters as several units, or two adjacent letter nodes as two units, only overcounts.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A count of units; `INF` when unbounded. Arithmetic saturates at `INF`.
pub(super) type Units = u32;
pub(super) const INF: Units = Units::MAX;

/// Per regex (sub)expression, over the strings it matches, the longest trigger-free stretches in
/// units. `None`: no string of that kind (e.g. `free` is `None` when every string has a trigger).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stretches {
    /// A whole string without a trigger byte.
    pub free: Option<Units>,
    /// The part before the first trigger byte.
    pub before_first: Option<Units>,
    /// The part after the last trigger byte.
    pub after_last: Option<Units>,
    /// The part between two consecutive trigger bytes.
    pub between: Option<Units>,
}

fn add(a: Option<Units>, b: Option<Units>) -> Option<Units> {
    Some(a?.saturating_add(b?))
}

fn max(a: Option<Units>, b: Option<Units>) -> Option<Units> {
    a.max(b)
}

fn times(k: Units, a: Option<Units>) -> Option<Units> {
    a.map(|a| if a == 0 { 0 } else { k.saturating_mul(a) })
}

impl Stretches {
    /// The empty string (and look-around assertions).
    const EMPTY: Stretches = Stretches {
        free: Some(0),
        before_first: None,
        after_last: None,
        between: None,
    };

    /// No string at all (an empty class; the start of an alternation).
    const NEVER: Stretches = Stretches {
        free: None,
        before_first: None,
        after_last: None,
        between: None,
    };

    /// A string of `a` followed by a string of `b`.
    fn then(self, b: Stretches) -> Stretches {
        let a = self;
        Stretches {
            free: add(a.free, b.free),
            before_first: max(a.before_first, add(a.free, b.before_first)),
            after_last: max(b.after_last, add(a.after_last, b.free)),
            between: max(max(a.between, b.between), add(a.after_last, b.before_first)),
        }
    }

    /// A string of `a` or of `b`.
    fn or(self, b: Stretches) -> Stretches {
        Stretches {
            free: max(self.free, b.free),
            before_first: max(self.before_first, b.before_first),
            after_last: max(self.after_last, b.after_last),
            between: max(self.between, b.between),
        }
    }

    /// `k >= 1` strings of `s` in a row (the stretches grow with `k`, so the largest `k` bounds
    /// every smaller one).
    fn repeated(s: Stretches, k: Units) -> Stretches {
        let inner = k.saturating_sub(1);
        Stretches {
            free: times(k, s.free),
            before_first: s
                .before_first
                .map(|b| b.saturating_add(times(inner, s.free).unwrap_or(0))),
            after_last: s
                .after_last
                .map(|a| a.saturating_add(times(inner, s.free).unwrap_or(0))),
            between: if k >= 2 {
                let across =
                    add(s.after_last, s.before_first).map(|x| x.saturating_add(times(k - 2, s.free).unwrap_or(0)));
                max(s.between, across)
            } else {
                s.between
            },
        }
    }

    /// Every stretch of a node whose trigger-free bytes are all ASCII letters is one letter run.
    fn as_letter_run(self) -> Stretches {
        let one = |x: Option<Units>| x.map(|x| x.min(1));
        Stretches {
            free: one(self.free),
            before_first: one(self.before_first),
            after_last: one(self.after_last),
            between: one(self.between),
        }
    }
}

/// The bytes a character class can match (a Unicode class, which these patterns do not use, is
/// read as its ASCII part plus a non-letter, non-trigger byte for the rest).
fn class_bytes(class: &Class) -> [bool; 256] {
    let mut set = [false; 256];
    match class {
        Class::Bytes(c) => {
            for r in c.iter() {
                for b in r.start()..=r.end() {
                    set[usize::from(b)] = true;
                }
            }
        }
        Class::Unicode(c) => {
            for r in c.iter() {
                for ch in r.start()..=r.end() {
                    set[usize::from(u8::try_from(u32::from(ch)).unwrap_or(0x80).min(0x80))] = true;
                }
            }
        }
    }
    set
}

/// The stretches of `hir` when the bytes in `trigger` are the trigger bytes.
pub(super) fn stretches(hir: &Hir, trigger: &[bool; 256]) -> Stretches {
    stretches_of(hir, trigger).0
}

/// The stretches, and whether every trigger-free byte of every string is an ASCII letter.
fn stretches_of(hir: &Hir, trigger: &[bool; 256]) -> (Stretches, bool) {
    let of_bytes = |set: &[bool; 256]| {
        let mut s = Stretches::NEVER;
        let (mut has_trigger, mut letters) = (false, true);
        for b in 0..=255u8 {
            if !set[usize::from(b)] {
                continue;
            }
            if trigger[usize::from(b)] {
                has_trigger = true;
            } else {
                s.free = Some(1);
                letters &= b.is_ascii_alphabetic();
            }
        }
        if has_trigger {
            s.before_first = Some(0);
            s.after_last = Some(0);
        }
        (s, letters)
    };
    let (s, letters) = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (Stretches::EMPTY, true),
        HirKind::Literal(lit) => lit.0.iter().fold((Stretches::EMPTY, true), |(s, l), &b| {
            let mut set = [false; 256];
            set[usize::from(b)] = true;
            let (one, letter) = of_bytes(&set);
            (s.then(one), l && letter)
        }),
        HirKind::Class(class) => of_bytes(&class_bytes(class)),
        HirKind::Capture(c) => stretches_of(&c.sub, trigger),
        HirKind::Repetition(rep) => {
            let (sub, letters) = stretches_of(&rep.sub, trigger);
            let most = rep.max.unwrap_or(INF);
            let s = if most == 0 {
                Stretches::EMPTY
            } else if rep.min == 0 {
                Stretches::repeated(sub, most).or(Stretches::EMPTY)
            } else {
                Stretches::repeated(sub, most)
            };
            (s, letters)
        }
        HirKind::Concat(subs) => subs.iter().fold((Stretches::EMPTY, true), |(s, l), h| {
            let (t, letter) = stretches_of(h, trigger);
            (s.then(t), l && letter)
        }),
        HirKind::Alternation(subs) => subs.iter().fold((Stretches::NEVER, true), |(s, l), h| {
            let (t, letter) = stretches_of(h, trigger);
            (s.or(t), l && letter)
        }),
    };
    (if letters { s.as_letter_run() } else { s }, letters)
}
