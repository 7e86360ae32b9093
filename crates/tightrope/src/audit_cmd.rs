//! `tightrope audit`: read IaC, run the posture rules, render, and map the outcome to an exit code.

use crate::cli::AuditArgs;
use crate::exit;
use anyhow::Context;
use std::io::{IsTerminal, Write};
use tightrope_audit::compliance::{self, Framework, Status};
use tightrope_audit::{audit, AuditOptions, Rule};
use tightrope_core::{CloudState, Finding};
use tightrope_report::{render, render_compliance, ComplianceRow, ComplianceStatus, ComplianceSummary, Format, Report, RuleDescriptor};

pub fn run(args: &AuditArgs) -> anyhow::Result<u8> {
    if args.compliance.is_some() && args.format == Format::Sarif {
        anyhow::bail!("--compliance prints a table or json summary; use --format table or json (SARIF rules carry compliance ids as tags)");
    }
    let known = |id: &String| tightrope_audit::rules::all().iter().any(|r| r.meta().id.eq_ignore_ascii_case(id));
    if let Some(bad) = args.rules.iter().chain(&args.skip_rules).find(|id| !known(id)) {
        anyhow::bail!("unknown rule id `{bad}` (see `tightrope rules`)");
    }
    if args.aws_args.any_set() && !args.aws {
        anyhow::bail!("--profile, --region, --all-regions, --role-arn, --endpoint-url and --service read a live account: add --aws");
    }
    let started = std::time::Instant::now();
    let mut scan = if args.aws { live_scan(args)? } else { tightrope_ingest::scan(&args.paths) };
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
        .map(|r| tightrope_audit::descriptor(*r))
        .collect();
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        findings: &outcome.findings,
        errors: &scan.errors,
        not_evaluated: &outcome.not_evaluated,
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
    let text = match args.compliance {
        Some(framework) => compliance_text(framework, args, &scan.state, &opts, &outcome.findings, color)?,
        None => render(args.format, &report, color),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    // A service that was refused or failed is unreadable input, like a file that cannot be
    // parsed; one left out on purpose (--service, or not read by this version) is only reported.
    let failed_gap = tightrope_audit::rules::all().iter().filter(|r| opts.selects(r.meta().id)).any(|r| {
        scan.state.not_collected.iter().any(|g| !g.skipped && g.affects(r.meta().provider, r.meta().service))
    });
    Ok(if !scan.errors.is_empty() || failed_gap {
        exit::INPUT_ERROR
    } else if outcome.active(args.min_severity).next().is_some() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

/// `audit --aws`: the live account as a scan (no files; resources as collected).
fn live_scan(args: &AuditArgs) -> anyhow::Result<tightrope_ingest::Scan> {
    let c = crate::aws_cmd::collect(&args.aws_args)?;
    Ok(tightrope_ingest::Scan { state: c.state, resources: c.resources, ..Default::default() })
}

/// The per-requirement summary of `framework` over the selected rules and the active findings.
fn compliance_text(
    framework: Framework,
    args: &AuditArgs,
    state: &CloudState,
    opts: &AuditOptions,
    findings: &[Finding],
    color: bool,
) -> anyhow::Result<String> {
    let selected: Vec<&'static dyn Rule> = tightrope_audit::rules::all().iter().copied().filter(|r| opts.selects(r.meta().id)).collect();
    let active: Vec<&Finding> = findings.iter().filter(|f| f.suppressed.is_none() && f.severity >= args.min_severity).collect();
    let results = compliance::evaluate(framework, state, &selected, &active);
    let summary = ComplianceSummary {
        framework: framework.slug(),
        name: framework.name(),
        min_severity: args.min_severity,
        rows: results
            .iter()
            .map(|r| ComplianceRow {
                id: r.requirement.id,
                title: r.requirement.title,
                status: match r.status {
                    Status::Pass => ComplianceStatus::Pass,
                    Status::Fail => ComplianceStatus::Fail,
                    Status::NotEvaluated => ComplianceStatus::NotEvaluated,
                },
                rules: r.rules.clone(),
                resources_evaluated: r.resources_evaluated,
                failing: r.failing.iter().collect(),
            })
            .collect(),
    };
    render_compliance(args.format, &summary, color).map_err(anyhow::Error::msg)
}
