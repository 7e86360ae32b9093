//! Reading CloudTrail paths in parallel (one file per task) into a learner or a detector, with the
//! Sigma rules applied on the way. This is the library entry point `preflight` can call.

use crate::alert::Alert;
use crate::context::Context;
use crate::detector::{Detector, Settings};
use crate::learn::Learner;
use crate::model::Model;
use crate::sigma::SigmaSet;
use crate::signal::Signal;
use rayon::prelude::*;
use std::path::PathBuf;
use tightrope_cloudtrail::{
    BadRecord, ReadStats, Record, discover, layout_for, read_bytes, read_file,
};

/// All log files under `paths`, with directory errors folded into `stats`.
fn files(paths: &[PathBuf], stats: &mut ReadStats) -> Vec<PathBuf> {
    let mut errors: Vec<BadRecord> = Vec::new();
    let mut out = Vec::new();
    for p in paths {
        if !p.exists() {
            errors.push(BadRecord {
                file: p.display().to_string(),
                index: None,
                reason: "no such file or directory".into(),
            });
            continue;
        }
        out.extend(discover(p, &mut errors));
    }
    for e in errors {
        stats.bad += 1;
        stats.bad_samples.push(e);
    }
    out
}

/// Files per parallel task: a few tasks per thread balance the load, while every extra task costs a
/// merge of its per-identity windows.
fn files_per_task(files: usize) -> usize {
    (files / (4 * rayon::current_num_threads().max(1))).max(1)
}

/// Learn a model from every log file under `paths`. `progress` is called once per file read.
/// Sigma matches (when `sigma` is given) are recorded per identity.
pub fn learn_paths(
    paths: &[PathBuf],
    window_secs: i64,
    sigma: Option<&SigmaSet>,
    progress: &(dyn Fn() + Sync),
) -> (Model, ReadStats) {
    let mut stats = ReadStats::default();
    let files = files(paths, &mut stats);
    let (learner, read) = files
        .par_iter()
        .with_min_len(files_per_task(files.len()))
        .fold(
            || (Learner::new(window_secs), ReadStats::default()),
            |(mut l, mut st), f| {
                st.merge(read_file(f, |r| match sigma {
                    Some(s) => {
                        let hits: Vec<String> = s
                            .matches(&r.event, r.raw)
                            .iter()
                            .map(|m| m.signal().value)
                            .collect();
                        l.observe_with_sigma(&r.event, &hits);
                    }
                    None => l.observe(&r.event),
                }));
                progress();
                (l, st)
            },
        )
        .reduce(
            || (Learner::new(window_secs), ReadStats::default()),
            |(mut a, mut sa), (b, sb)| {
                a.merge(b);
                sa.merge(sb);
                (a, sa)
            },
        );
    stats.merge(read);
    (learner.finish(), stats)
}

/// The Sigma matches of one record, as detector signals.
fn sigma_signals(sigma: Option<&SigmaSet>, r: &Record<'_>) -> Vec<Signal> {
    match sigma {
        Some(s) => s
            .matches(&r.event, r.raw)
            .iter()
            .map(|m| m.signal())
            .collect(),
        None => Vec::new(),
    }
}

/// What a detection run produced.
pub struct Detection {
    pub alerts: Vec<Alert>,
    pub stats: ReadStats,
    /// Events scored.
    pub events: u64,
    /// Sigma rule matches (events × rules).
    pub sigma_matches: u64,
}

impl Detection {
    /// Score the detector's windows and gather what the run saw.
    fn finish(
        detector: Detector<'_>,
        context: &dyn Context,
        stats: ReadStats,
        sigma_matches: u64,
    ) -> Detection {
        let events = detector.events;
        Detection {
            alerts: detector.finish(context),
            stats,
            events,
            sigma_matches,
        }
    }
}

/// Score every log file under `paths` against `model`, with `sigma` rules when given.
pub fn detect_paths(
    paths: &[PathBuf],
    model: &Model,
    sigma: Option<&SigmaSet>,
    settings: &Settings,
    context: &dyn Context,
    progress: &(dyn Fn() + Sync),
) -> Detection {
    let mut stats = ReadStats::default();
    let files = files(paths, &mut stats);
    let (detector, read, sigma_matches) = files
        .par_iter()
        .with_min_len(files_per_task(files.len()))
        .fold(
            || {
                (
                    Detector::new(model, settings.clone()),
                    ReadStats::default(),
                    0u64,
                )
            },
            |(mut d, mut st, mut hits), f| {
                st.merge(read_file(f, |r| {
                    let extra = sigma_signals(sigma, r);
                    hits += extra.len() as u64;
                    d.observe(&r.event, extra);
                }));
                progress();
                (d, st, hits)
            },
        )
        .reduce(
            || {
                (
                    Detector::new(model, settings.clone()),
                    ReadStats::default(),
                    0,
                )
            },
            |(mut a, mut sa, ha), (b, sb, hb)| {
                a.merge(b);
                sa.merge(sb);
                (a, sa, ha + hb)
            },
        );
    stats.merge(read);
    Detection::finish(detector, context, stats, sigma_matches)
}

/// Score one log object held in memory (gzipped or not; the layout follows `name`, see
/// [`layout_for`]), as a queue worker does with each object it fetches. Windows do not span objects:
/// each object is scored on its own against `model`.
pub fn detect_bytes(
    name: &str,
    bytes: &[u8],
    model: &Model,
    sigma: Option<&SigmaSet>,
    settings: &Settings,
    context: &dyn Context,
) -> Detection {
    let mut detector = Detector::new(model, settings.clone());
    let mut sigma_matches = 0u64;
    let mut stats = read_bytes(name, bytes, layout_for(name), |r| {
        let extra = sigma_signals(sigma, r);
        sigma_matches += extra.len() as u64;
        detector.observe(&r.event, extra);
    });
    stats.files = 1;
    Detection::finish(detector, context, stats, sigma_matches)
}
