//! Renderings of a [`Preflight`]: each a pure function of it.
//!
//! | format | for |
//! |---|---|
//! | `table` | the terminal: verdict, steps, attack paths, blockers |
//! | `json` | everything, documented in docs/preflight.md |
//! | `sarif` | code scanning (through tightrope-report's SARIF 2.1.0 renderer) |
//! | `junit` | CI dashboards: one test suite per step, one failing test case per blocker |
//! | `asff` | AWS Security Hub `BatchImportFindings` |
//! | `ocsf` | OCSF 1.3 Detection Finding (class 2004), one per finding |
//! | `html` | one self-contained page: no external assets |

mod asff;
mod html;
mod junit;
mod ocsf;
mod text;

use crate::Preflight;
use std::fmt;
use std::str::FromStr;
use tightrope_core::{Finding, Origin};
use tightrope_report::RuleDescriptor;

pub use asff::{Target as AsffTarget, render as asff};
pub use html::render as html;
pub use junit::render as junit;
pub use ocsf::render as ocsf;
pub use text::render as table;

/// An output format of `tightrope preflight`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Table,
    Json,
    Sarif,
    Junit,
    Asff,
    Ocsf,
    Html,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Table,
        Format::Json,
        Format::Sarif,
        Format::Junit,
        Format::Asff,
        Format::Ocsf,
        Format::Html,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Asff => "asff",
            Format::Ocsf => "ocsf",
            Format::Html => "html",
        }
    }

    /// File extension of `--report-dir` outputs.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Table => "preflight.txt",
            Format::Json => "preflight.json",
            Format::Sarif => "preflight.sarif",
            Format::Junit => "preflight.junit.xml",
            Format::Asff => "preflight.asff.json",
            Format::Ocsf => "preflight.ocsf.json",
            Format::Html => "preflight.html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown format `{s}` (expected table, json, sarif, junit, asff, ocsf or html)"
                )
            })
    }
}

/// Render `p` in `format` (`color` applies to the table only).
pub fn render(format: Format, p: &Preflight, color: bool) -> String {
    match format {
        Format::Table => table(p, color),
        Format::Json => json(p),
        Format::Sarif => sarif(p),
        Format::Junit => junit(p),
        Format::Asff => asff(p, &asff::Target::default()),
        Format::Ocsf => ocsf(p),
        Format::Html => html(p),
    }
}

/// `file:line`, the ARN and API field, or empty.
pub fn location(o: &Origin) -> String {
    match o {
        Origin::File {
            path, start_line, ..
        } => format!("{path}:{start_line}"),
        Origin::Api { arn, field } => format!("{arn} ({field})"),
        Origin::Unknown => String::new(),
    }
}

/// The whole run as JSON (see docs/preflight.md for the fields).
pub fn json(p: &Preflight) -> String {
    let steps: Vec<serde_json::Value> = p
        .steps
        .iter()
        .map(|s| {
            let c = crate::verdict::counts(&s.findings);
            serde_json::json!({
                "step": s.step,
                "readiness": crate::verdict::readiness(s),
                "score": crate::verdict::score(s),
                "not_run": s.not_run,
                "summary": s.summary,
                "counts": {"critical": c[0], "high": c[1], "medium": c[2], "low": c[3], "info": c[4]},
                "elapsed_ms": s.elapsed_ms,
                "findings": s.findings,
                "errors": s.errors,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "tool": "tightrope preflight",
        "version": p.tool_version,
        "environment": p.environment,
        "config": p.config,
        "verdict": p.verdict,
        "steps": steps,
        "attack_paths": p.attack_paths.iter().map(|a| {
            let mut v = serde_json::to_value(a).unwrap_or_default();
            v["finding"] = serde_json::to_value(a.to_finding()).unwrap_or_default();
            v
        }).collect::<Vec<_>>(),
        "blockers": p.blockers,
        "data": p.data,
        "drift": p.drift,
        "compliance": p.compliance,
        "resources": p.resources,
        "elapsed_ms": p.elapsed_ms,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// Descriptors of every rule that produced a finding: the steps' own where they publish them,
/// otherwise made from the finding (classify detectors, detect alerts, attack paths).
pub fn descriptors(findings: &[Finding]) -> Vec<RuleDescriptor> {
    let mut known: Vec<RuleDescriptor> = tightrope_audit::rules::all()
        .iter()
        .map(|r| tightrope_audit::descriptor(*r))
        .collect();
    known.extend(tightrope_access::findings::rules());
    known.extend(tightrope_reach::cli::rule_descriptors());
    known.extend(tightrope_supply::rules::descriptors());
    let mut out: Vec<RuleDescriptor> = Vec::new();
    for f in findings {
        if out.iter().any(|d| d.id == f.rule_id) {
            continue;
        }
        let d = known
            .iter()
            .find(|d| d.id == f.rule_id)
            .cloned()
            .unwrap_or_else(|| RuleDescriptor {
                id: f.rule_id.clone(),
                title: f.title.clone(),
                severity: f.severity,
                step: f.step,
                ai: f.ai,
                doc_markdown: format!("{} (step {}).", f.title, f.step.as_str()),
                remediation: f.remediation.clone(),
                references: f.references.clone(),
                compliance: Vec::new(),
            });
        out.push(d);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// SARIF 2.1.0 of every finding, attack paths included.
pub fn sarif(p: &Preflight) -> String {
    let findings = p.all_findings();
    let errors = p.errors();
    let rules = descriptors(&findings);
    let report = tightrope_report::Report {
        tool_version: &p.tool_version,
        findings: &findings,
        errors: &errors,
        not_evaluated: &[],
        rules: &rules,
        files_scanned: 0,
        resources: p.resources,
        min_severity: tightrope_core::Severity::Info,
    };
    tightrope_report::render(tightrope_report::Format::Sarif, &report, false)
}

pub use tightrope_report::markup::escape;
