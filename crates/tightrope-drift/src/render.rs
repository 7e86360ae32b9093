//! Rendering a [`DriftReport`]: a terminal table (AI exposure first), JSON (the report as data),
//! and SARIF 2.1.0 with the new findings only (tightrope-report's SARIF, so alerts match `audit`'s).

use crate::report::{AttrChange, DriftReport};
use std::fmt::Write;
use tightrope_core::{Finding, Severity};
use tightrope_report::{Format, Report, RuleDescriptor};

/// Render `report` in `format`.
pub fn render(format: Format, report: &DriftReport) -> String {
    match format {
        Format::Table => table(report),
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default() + "\n",
        Format::Sarif => sarif(report),
    }
}

fn sarif(report: &DriftReport) -> String {
    let rules: Vec<RuleDescriptor> = tightrope_audit::rules::all()
        .iter()
        .map(|r| tightrope_audit::descriptor(*r))
        .collect();
    let findings: Vec<Finding> = report
        .findings
        .new
        .iter()
        .cloned()
        .chain(
            report
                .findings
                .severity_changed
                .iter()
                .filter(|c| c.finding.severity > c.old)
                .map(|c| c.finding.clone()),
        )
        .collect();
    let r = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        findings: &findings,
        errors: &report.new.errors,
        not_evaluated: &[],
        rules: &rules,
        files_scanned: 0,
        resources: report.new.resources,
        min_severity: Severity::Info,
    };
    tightrope_report::render(Format::Sarif, &r, false)
}


fn sev(s: Severity) -> String {
    format!("{:<8}", s.as_str().to_uppercase())
}

fn finding_line(out: &mut String, mark: &str, f: &Finding) {
    let _ = writeln!(
        out,
        "  {mark} {} {:<24} {}  {}  ({})",
        sev(f.severity),
        f.rule_id,
        f.resource.address,
        f.title,
        f.location
    );
}

fn section(out: &mut String, title: &str, n: usize) -> bool {
    if n > 0 {
        let _ = writeln!(out, "\n{title} ({n})");
    }
    n > 0
}

/// `address: path old → new`, with absent values spelled out.
pub fn change_line(address: &str, c: &AttrChange) -> String {
    let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "(absent)".into());
    format!("{address}: {} {} → {}", c.path, v(&c.old), v(&c.new))
}

fn table(r: &DriftReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Drift from {} ({}, {} resources) to {} ({}, {} resources)",
        r.old.label, r.old.created, r.old.resources, r.new.label, r.new.created, r.new.resources
    );
    for (side, errors) in [(&r.old.label, &r.old.errors), (&r.new.label, &r.new.errors)] {
        if section(
            &mut out,
            &format!("INPUT ERRORS in {side} — the comparison may be incomplete"),
            errors.len(),
        ) {
            errors.iter().for_each(|e| {
                let _ = writeln!(out, "  {e}");
            });
        }
    }
    if section(&mut out, "AI ASSETS NEWLY EXPOSED", r.ai_exposure.len()) {
        for e in &r.ai_exposure {
            let rule = e.rule_id.as_deref().unwrap_or("-");
            let _ = writeln!(
                out,
                "  ! {} {:<24} {}  {}",
                sev(e.severity),
                rule,
                e.address,
                e.reason
            );
        }
    }
    let f = &r.findings;
    if section(&mut out, "NEW FINDINGS", f.new.len()) {
        f.new.iter().for_each(|x| finding_line(&mut out, "+", x));
    }
    if section(&mut out, "SEVERITY CHANGED", f.severity_changed.len()) {
        for c in &f.severity_changed {
            let _ = writeln!(
                out,
                "  ~ {} → {} {:<24} {}  {}",
                c.old.as_str().to_uppercase(),
                sev(c.finding.severity),
                c.finding.rule_id,
                c.finding.resource.address,
                c.finding.title
            );
        }
    }
    if section(&mut out, "RESOLVED FINDINGS", f.resolved.len()) {
        f.resolved
            .iter()
            .for_each(|x| finding_line(&mut out, "-", x));
    }
    for (title, mark, list) in [
        ("RESOURCES ADDED", "+", &r.resources_added),
        ("RESOURCES REMOVED", "-", &r.resources_removed),
    ] {
        if section(&mut out, title, list.len()) {
            for x in list {
                let _ = writeln!(
                    out,
                    "  {mark} {} ({}){}",
                    x.address,
                    x.kind,
                    if x.ai { " [AI]" } else { "" }
                );
            }
        }
    }
    let settings: usize = r.changes.iter().map(|c| c.changes.len()).sum();
    if section(
        &mut out,
        &format!("CONFIGURATION CHANGES in {} resources", r.changes.len()),
        settings,
    ) {
        for rc in &r.changes {
            for c in &rc.changes {
                let _ = writeln!(out, "  {}", change_line(&rc.address, c));
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{} new, {} resolved, {} severity changed findings; {} added, {} removed, {} changed resources; highest drift: {}",
        f.new.len(),
        f.resolved.len(),
        f.severity_changed.len(),
        r.resources_added.len(),
        r.resources_removed.len(),
        r.changes.len(),
        r.highest.map_or("none", Severity::as_str)
    );
    out
}
