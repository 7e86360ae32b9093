//! Pickle streams (raw pickles, joblib, PyTorch `data.pkl`, numpy object arrays) into findings.

use super::Ctx;
use crate::model::allowlist;
use crate::model::pickle::{self, Import};
use crate::model::risk::{self, Risk};
use crate::rules;
use flate2::read::{GzDecoder, ZlibDecoder};
use std::collections::BTreeMap;
use std::io::Read;
use tightrope_core::Severity;

/// Scan a pickle stream; returns false when `data` is not a pickle at all.
pub fn scan(ctx: &mut Ctx, data: &[u8]) -> bool {
    let report = pickle::scan(data);
    if report.is_not_pickle() {
        return false;
    }
    // One finding per distinct callable, with the worst risk first.
    let mut flagged: BTreeMap<String, Vec<&Import>> = BTreeMap::new();
    for import in &report.imports {
        if allowlist::allowed(&import.qualified()).is_none() {
            flagged.entry(import.qualified()).or_default().push(import);
        }
    }
    for (qualified, imports) in flagged {
        let first = imports[0];
        let risk = if first.module == "?" { Risk::CodeExecution } else { risk::classify(&first.module, &first.name) };
        let called = imports.iter().any(|i| i.called);
        let via = imports.iter().find_map(|i| i.via.clone()).map(|v| format!(" (resolved via {v})")).unwrap_or_default();
        let what = if first.module == "?" { "an unresolvable callable".to_string() } else { format!("`{qualified}`") };
        ctx.report(
            &rules::PICKLE_CALLABLE,
            risk.severity(),
            "pickle",
            format!(
                "pickle {} {what}{via}: {}; loading this file runs it",
                if called { "imports and calls" } else { "imports" },
                risk.label()
            ),
            Some(format!("callable={qualified}; offsets={}", imports.iter().map(|i| i.offset.to_string()).collect::<Vec<_>>().join(","))),
        );
    }
    for (target, offset) in &report.overrides {
        ctx.report(
            &rules::PICKLE_OVERRIDE,
            Severity::Critical,
            "pickle",
            format!("pickle overwrites `{target}` with BUILD at offset {offset}, so later imports of that name resolve to something else"),
            None,
        );
    }
    if let Some(err) = &report.error {
        ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "pickle", format!("pickle stream is malformed or truncated ({err}); the loader would fail part-way, after running what came before"), None);
    }
    true
}

/// Joblib files: a pickle, possibly zlib- or gzip-compressed as a whole.
pub fn scan_joblib(ctx: &mut Ctx, data: &[u8]) {
    let mut out = Vec::new();
    let cap = crate::model::MAX_ENTRY_READ;
    let decoded = if data.starts_with(&[0x1f, 0x8b]) {
        GzDecoder::new(data).take(cap).read_to_end(&mut out).map(|_| ())
    } else if data.first() == Some(&0x78) {
        ZlibDecoder::new(data).take(cap).read_to_end(&mut out).map(|_| ())
    } else {
        scan(ctx, data);
        return;
    };
    match decoded {
        Ok(()) => {
            scan(ctx, &out);
        }
        Err(e) => ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "joblib", format!("compressed joblib stream cannot be decoded: {e}"), None),
    }
}
