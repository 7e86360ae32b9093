//! Text and JSON renderings of reachability answers and zone flows (findings go through
//! `tightrope-report`).

use crate::check::ZoneFlow;
use crate::query::Answer;
use crate::space::{DST, SRC};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Pairs shown in full in the table; the rest are counted.
const SHOWN_PAIRS: usize = 20;

/// The answer as a human-readable table: per pair, the allowed services, the path hop by hop,
/// and what blocks the rest.
pub fn answer_table(a: &Answer) -> String {
    let mut out = String::new();
    let reachable = a
        .pairs
        .iter()
        .filter(|p| !p.trace.allowed.is_empty())
        .count();
    let _ = writeln!(
        out,
        "{} -> {}: {} of {} pair(s) can connect",
        a.from,
        a.to,
        reachable,
        a.pairs.len()
    );
    for p in a.pairs.iter().take(SHOWN_PAIRS) {
        let t = &p.trace;
        let _ = writeln!(out, "\n{} -> {}", p.from, p.to);
        if t.allowed.is_empty() {
            let _ = writeln!(out, "  BLOCKED: no traffic flows");
        } else {
            let _ = writeln!(out, "  ALLOWED: {}", t.allowed.describe_services());
            let _ = writeln!(out, "    from {}", t.allowed.describe_dimension(SRC));
            let _ = writeln!(out, "    to   {}", t.allowed.describe_dimension(DST));
            let _ = writeln!(out, "  path:");
            for (i, h) in t.hops.iter().enumerate() {
                let detail = if h.detail.is_empty() {
                    String::new()
                } else {
                    format!(": {}", h.detail)
                };
                let at = h
                    .origin
                    .as_ref()
                    .map(|o| format!("  [{o}]"))
                    .unwrap_or_default();
                let _ = writeln!(out, "    {}. {} {}{detail}{at}", i + 1, h.step, h.component);
            }
        }
        if !t.blocks.is_empty() {
            let _ = writeln!(out, "  blocked:");
            for b in &t.blocks {
                let at = b
                    .origin
                    .as_ref()
                    .map(|o| format!("  [{o}]"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    - {} at {} ({}): {}{at}",
                    b.space.describe_services(),
                    b.step,
                    b.component,
                    b.reason
                );
                let _ = writeln!(
                    out,
                    "      from {} to {}",
                    b.space.describe_dimension(SRC),
                    b.space.describe_dimension(DST)
                );
            }
        }
    }
    if a.pairs.len() > SHOWN_PAIRS {
        let _ = writeln!(
            out,
            "\n... {} more pair(s); use --format json for all",
            a.pairs.len() - SHOWN_PAIRS
        );
    }
    out
}

/// The answer as JSON.
pub fn answer_json(a: &Answer) -> Value {
    json!({
        "from": a.from,
        "to": a.to,
        "reachable": a.reachable(),
        "pairs": a.pairs.iter().map(|p| json!({
            "from": p.from,
            "to": p.to,
            "reachable": !p.trace.allowed.is_empty(),
            "allowed": p.trace.allowed.describe_services(),
            "allowed_sources": if p.trace.allowed.is_empty() { Value::Null } else { p.trace.allowed.describe_dimension(SRC).into() },
            "allowed_destinations": if p.trace.allowed.is_empty() { Value::Null } else { p.trace.allowed.describe_dimension(DST).into() },
            "path": p.trace.hops,
            "blocked": p.trace.blocks.iter().map(|b| json!({
                "services": b.space.describe_services(),
                "sources": b.space.describe_dimension(SRC),
                "destinations": b.space.describe_dimension(DST),
                "step": b.step,
                "component": b.component,
                "reason": b.reason,
                "origin": b.origin,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Zone flows as a table.
pub fn flows_table(flows: &[ZoneFlow]) -> String {
    let mut out = String::from("zone flows (what each zone can send another):\n");
    for f in flows {
        let _ = writeln!(
            out,
            "  {:>12} -> {:<12} {}",
            f.from,
            f.to,
            f.allowed.describe_services()
        );
    }
    if flows.is_empty() {
        out.push_str("  none\n");
    }
    out
}
