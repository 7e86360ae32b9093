//! The compliance summary of `tightrope audit --compliance FRAMEWORK`: one row per requirement of
//! the framework with its status, the rules mapped to it, the resources they evaluated and the
//! failing findings, as a terminal table or JSON.
//!
//! ```text
//! OWASP Top 10 for LLM Applications 2025 (owasp-llm): 3 pass, 2 fail, 5 not evaluated
//!
//! FAIL  LLM02  Sensitive Information Disclosure
//!       rules: TR-AWS-SAGEMAKER-001, TR-AWS-SAGEMAKER-004; 4 resources evaluated; 2 failing
//!       - TR-AWS-SAGEMAKER-001 aws_sagemaker_notebook_instance.nb (main.tf:3)
//! PASS  LLM03  Supply Chain
//! ```
//!
//! JSON (`version` 1):
//!
//! ```text
//! { "version": 1, "framework": "owasp-llm", "name": "...", "min_severity": "low",
//!   "summary": { "pass": 3, "fail": 2, "not_evaluated": 5 },
//!   "requirements": [ { "id": "LLM02", "title": "...", "status": "fail",
//!       "rules": ["TR-..."], "resources_evaluated": 4,
//!       "failing": [ { "rule_id": "TR-...", "address": "...", "location": LOCATION-LABEL, "message": "..." } ] } ] }
//! ```

use crate::Format;
use crate::json::to_pretty_json;
use crate::select::location_label;
use crate::table::clean;
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::fmt::Write;
use tightrope_core::{Finding, Severity};

/// Pass/fail of one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceStatus {
    /// The mapped rules ran over resources in scope and found nothing.
    Pass,
    /// At least one mapped rule reported an unsuppressed finding.
    Fail,
    /// No mapped rule, or no resource in scope of them.
    NotEvaluated,
}

impl ComplianceStatus {
    fn label(self) -> &'static str {
        match self {
            ComplianceStatus::Pass => "PASS",
            ComplianceStatus::Fail => "FAIL",
            ComplianceStatus::NotEvaluated => "N/A ",
        }
    }
}

/// One requirement's row.
#[derive(Debug, Clone)]
pub struct ComplianceRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub status: ComplianceStatus,
    /// Rule ids mapped to the requirement (that ran).
    pub rules: Vec<&'a str>,
    pub resources_evaluated: usize,
    /// Unsuppressed findings of those rules at or above the threshold.
    pub failing: Vec<&'a Finding>,
}

/// A framework's summary over one scan.
#[derive(Debug, Clone)]
pub struct ComplianceSummary<'a> {
    /// Command-line name, `owasp-llm`.
    pub framework: &'a str,
    /// Full name and version.
    pub name: &'a str,
    pub min_severity: Severity,
    pub rows: Vec<ComplianceRow<'a>>,
}

impl ComplianceSummary<'_> {
    fn count(&self, s: ComplianceStatus) -> usize {
        self.rows.iter().filter(|r| r.status == s).count()
    }
}

/// Render the summary as a table (`color` for terminals) or JSON. SARIF has no per-requirement
/// view: its rules carry the compliance ids as tags instead.
pub fn render_compliance(
    format: Format,
    summary: &ComplianceSummary,
    color: bool,
) -> Result<String, String> {
    match format {
        Format::Table => Ok(table(summary, color)),
        Format::Json => Ok(json(summary)),
        Format::Sarif => Err("the compliance summary is available as table or json; SARIF rules carry compliance ids as tags".into()),
    }
}

fn table(s: &ComplianceSummary, color: bool) -> String {
    let paint = |text: &str, style: Style| {
        if color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): {} pass, {} fail, {} not evaluated\n",
        s.name,
        s.framework,
        s.count(ComplianceStatus::Pass),
        s.count(ComplianceStatus::Fail),
        s.count(ComplianceStatus::NotEvaluated)
    );
    for row in &s.rows {
        let style = match row.status {
            ComplianceStatus::Pass => Style::new().fg_color(Some(AnsiColor::Green.into())),
            ComplianceStatus::Fail => Style::new().fg_color(Some(AnsiColor::Red.into())).bold(),
            ComplianceStatus::NotEvaluated => Style::new().dimmed(),
        };
        let _ = writeln!(
            out,
            "{}  {}  {}",
            paint(row.status.label(), style),
            row.id,
            row.title
        );
        if row.rules.is_empty() {
            let _ = writeln!(out, "      no rule maps to this requirement");
            continue;
        }
        let _ = writeln!(
            out,
            "      rules: {}; {} evaluated; {} failing",
            row.rules.join(", "),
            plural(row.resources_evaluated, "resource"),
            row.failing.len()
        );
        for f in &row.failing {
            let _ = writeln!(
                out,
                "      - {} {} ({})",
                f.rule_id,
                clean(&f.resource.address),
                clean(&location_label(&f.location))
            );
        }
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    version: u32,
    framework: &'a str,
    name: &'a str,
    min_severity: Severity,
    summary: Counts,
    requirements: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
struct Counts {
    pass: usize,
    fail: usize,
    not_evaluated: usize,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    title: &'a str,
    status: ComplianceStatus,
    rules: &'a [&'a str],
    resources_evaluated: usize,
    failing: Vec<JsonFailing<'a>>,
}

#[derive(Serialize)]
struct JsonFailing<'a> {
    rule_id: &'a str,
    address: &'a str,
    location: String,
    message: &'a str,
}

fn json(s: &ComplianceSummary) -> String {
    to_pretty_json(&JsonSummary {
        version: 1,
        framework: s.framework,
        name: s.name,
        min_severity: s.min_severity,
        summary: Counts {
            pass: s.count(ComplianceStatus::Pass),
            fail: s.count(ComplianceStatus::Fail),
            not_evaluated: s.count(ComplianceStatus::NotEvaluated),
        },
        requirements: s
            .rows
            .iter()
            .map(|r| JsonRow {
                id: r.id,
                title: r.title,
                status: r.status,
                rules: &r.rules,
                resources_evaluated: r.resources_evaluated,
                failing: r
                    .failing
                    .iter()
                    .map(|f| JsonFailing {
                        rule_id: &f.rule_id,
                        address: &f.resource.address,
                        location: location_label(&f.location),
                        message: &f.message,
                    })
                    .collect(),
            })
            .collect(),
    })
}
