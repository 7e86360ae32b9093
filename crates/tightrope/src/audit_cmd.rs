//! `tightrope audit`: read IaC, run the posture rules, render, and map the outcome to an exit code.

use crate::cli::AuditArgs;
use crate::exit;
use anyhow::Context;
use std::io::{IsTerminal, Write};
use tightrope_audit::{audit, AuditOptions, Rule};
use tightrope_report::{render, Format, Report, RuleDescriptor};

pub fn run(args: &AuditArgs) -> anyhow::Result<u8> {
    let known = |id: &String| tightrope_audit::rules::all().iter().any(|r| r.meta().id.eq_ignore_ascii_case(id));
    if let Some(bad) = args.rules.iter().chain(&args.skip_rules).find(|id| !known(id)) {
        anyhow::bail!("unknown rule id `{bad}` (see `tightrope rules`)");
    }
    let started = std::time::Instant::now();
    let mut scan = tightrope_ingest::scan(&args.paths);
    let mut opts = AuditOptions { only: args.rules.clone(), skip: args.skip_rules.clone(), ..Default::default() };
    if let Some(path) = &args.suppressions {
        match tightrope_ingest::suppressions_file::read(path) {
            Ok(s) => opts.file_suppressions = s,
            Err(mut e) => scan.errors.append(&mut e),
        }
    }
    let outcome = audit(&scan.state, &opts);
    tracing::info!(
        files = scan.files.len(),
        resources = scan.resources,
        findings = outcome.findings.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "audit done"
    );
    for e in &scan.errors {
        tracing::warn!("{e}");
    }
    let rules: Vec<RuleDescriptor> = tightrope_audit::rules::all()
        .iter()
        .filter(|r| opts.selects(r.meta().id))
        .map(|r| descriptor(*r))
        .collect();
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        findings: &outcome.findings,
        errors: &scan.errors,
        rules: &rules,
        files_scanned: scan.files.len(),
        resources: scan.resources,
        min_severity: args.min_severity,
    };
    let color = args.format == Format::Table
        && args.output.is_none()
        && !args.no_color
        && std::env::var_os("NO_COLOR").is_none()
        && std::io::stdout().is_terminal();
    let text = render(args.format, &report, color);
    match &args.output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(if !scan.errors.is_empty() {
        exit::INPUT_ERROR
    } else if outcome.active(args.min_severity).next().is_some() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

fn descriptor(rule: &dyn Rule) -> RuleDescriptor {
    let m = rule.meta();
    RuleDescriptor {
        id: m.id.to_string(),
        title: m.title.to_string(),
        severity: m.severity,
        step: m.step,
        ai: m.ai,
        doc_markdown: m.doc_markdown(),
        remediation: m.remediation.to_string(),
        references: m.references(),
    }
}
