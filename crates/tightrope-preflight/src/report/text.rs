//! The terminal summary: verdict, one line per step, attack paths with their hops, blockers.

use crate::Preflight;
use crate::verdict::{Readiness, counts, readiness, score};
use std::fmt::Write;

fn paint(r: Readiness, color: bool) -> String {
    let text = r.as_str().to_uppercase();
    if !color {
        return text;
    }
    let code = match r {
        Readiness::Blocked => "1;31",
        Readiness::AtRisk => "33",
        Readiness::Ready => "32",
        Readiness::NotRun => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// At most `n` characters, with an ellipsis when cut.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    s.chars().take(n - 1).chain(std::iter::once('…')).collect()
}

pub fn render(p: &Preflight, color: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "tightrope preflight: {} ({})", p.environment, p.config);
    let _ = writeln!(s, "verdict: {}\n", paint(p.verdict, color));
    let _ = writeln!(
        s,
        "{:<9} {:<9} {:>5}  {:>4} {:>4} {:>4} {:>4}  SUMMARY",
        "STEP", "READINESS", "SCORE", "CRIT", "HIGH", "MED", "LOW"
    );
    for r in &p.steps {
        let c = counts(&r.findings);
        let state = readiness(r);
        let shown = format!("{:<9}", state.as_str());
        let shown = if color {
            shown.replace(state.as_str(), &paint(state, true).to_lowercase())
        } else {
            shown
        };
        let sc = score(r)
            .map(|v| v.to_string())
            .unwrap_or_else(|| "-".into());
        let summary = match &r.not_run {
            Some(why) => why.clone(),
            None if r.errors.is_empty() => r.summary.clone(),
            None => format!("{} ({} unreadable input(s))", r.summary, r.errors.len()),
        };
        let _ = writeln!(
            s,
            "{:<9} {shown} {sc:>5}  {:>4} {:>4} {:>4} {:>4}  {summary}",
            r.step.as_str(),
            c[0],
            c[1],
            c[2],
            c[3]
        );
    }
    if !p.attack_paths.is_empty() {
        let _ = writeln!(s, "\nAttack paths ({}):", p.attack_paths.len());
        for a in &p.attack_paths {
            let _ = writeln!(
                s,
                "  {} {} {}: {}",
                a.id,
                a.severity.as_str().to_uppercase(),
                a.title,
                a.render()
            );
            for (i, h) in a.hops.iter().enumerate() {
                let mark = if i == a.cheapest_cut {
                    "  ← cheapest cut"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "    {}. [{}] {}{mark}",
                    i + 1,
                    h.kind_str(),
                    h.explanation
                );
            }
            let cut = &a.hops[a.cheapest_cut];
            let _ = writeln!(s, "    cut: {}", cut.cut);
        }
    }
    if !p.blockers.is_empty() {
        let _ = writeln!(
            s,
            "\nBlockers to fix before scaling ({}), highest risk first:",
            p.blockers.len()
        );
        for (i, b) in p.blockers.iter().take(25).enumerate() {
            let at = if b.location.is_empty() {
                String::new()
            } else {
                format!("  ({})", b.location)
            };
            let _ = writeln!(
                s,
                "  {:>2}. [{} {}] {} {}: {}{at}",
                i + 1,
                b.step.as_str(),
                b.severity.as_str(),
                b.rule_id,
                b.resource,
                short(&b.message, 220)
            );
        }
        if p.blockers.len() > 25 {
            let _ = writeln!(
                s,
                "  ... {} more (see --format json or html)",
                p.blockers.len() - 25
            );
        }
    }
    let errors = p.errors();
    if !errors.is_empty() {
        let _ = writeln!(s, "\nInputs that could not be read ({}):", errors.len());
        for e in errors.iter().take(20) {
            let _ = writeln!(s, "  {e}");
        }
    }
    if let Some(d) = &p.drift {
        let new = d["findings"]["new"].as_array().map_or(0, Vec::len);
        let resolved = d["findings"]["resolved"].as_array().map_or(0, Vec::len);
        let _ = writeln!(
            s,
            "\nDrift since {}: {new} new finding(s), {resolved} resolved, highest {}",
            d["old"]["label"].as_str().unwrap_or("baseline"),
            d["highest"].as_str().unwrap_or("none")
        );
    }
    if !p.compliance.is_empty() {
        let _ = writeln!(
            s,
            "\nCompliance (requirements failed / passed; details: tightrope audit --compliance FRAMEWORK):"
        );
        for c in &p.compliance {
            let _ = writeln!(
                s,
                "  {:<12} {:>3} failed {:>3} passed  {}",
                c.framework, c.fail, c.pass, c.name
            );
        }
    }
    let _ = writeln!(s, "\n{} resources, {} ms", p.resources, p.elapsed_ms);
    s
}
