//! Renderers of a scan's findings: a terminal table, a documented JSON document and SARIF 2.1.0.
//!
//! Findings are data; every renderer is a pure function of a [`Report`] (no analyzer formats
//! text, no renderer reads files or the environment). All three share one selection of what is
//! shown ([`select`]): findings at or above [`Report::min_severity`], in one deterministic order,
//! with suppressed findings set apart.
//!
//! Renderers never add values of their own to the output beyond what the findings carry; evidence
//! is redacted by the analyzers that produce it.

mod compliance;
mod json;
pub mod markup;
mod sarif;
mod select;
mod table;
mod uri;

use std::fmt;
use std::str::FromStr;
use tightrope_core::{Finding, InputError, NotEvaluated, Reference, Severity, Step};

pub use compliance::{render_compliance, ComplianceRow, ComplianceStatus, ComplianceSummary};
pub use select::fingerprint;

/// What a rule says about itself, for SARIF `tool.driver.rules[]` and the summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDescriptor {
    /// Stable id, `TR-<PROVIDER>-<SERVICE>-<NNN>`.
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub step: Step,
    pub ai: bool,
    /// The rule's documentation, Markdown; its first paragraph is the rule's full description.
    pub doc_markdown: String,
    pub remediation: String,
    pub references: Vec<Reference>,
    /// Compliance requirements the rule maps to, as `<framework>/<requirement id>`
    /// (`owasp-llm/LLM02`, `cis-aws/3.1`); SARIF rule tags and JSON findings carry them.
    pub compliance: Vec<String>,
}

/// Everything a renderer needs about one scan.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub tool_version: &'a str,
    /// All findings, suppressed ones included (`Finding::suppressed` is `Some`).
    pub findings: &'a [Finding],
    /// Files that could not be read.
    pub errors: &'a [InputError],
    /// Rules that ran on incomplete inputs (a live service not collected); empty for IaC.
    pub not_evaluated: &'a [NotEvaluated],
    /// Every rule that ran.
    pub rules: &'a [RuleDescriptor],
    pub files_scanned: usize,
    pub resources: usize,
    /// Findings below it are not shown in the table or JSON and are left out of SARIF results.
    pub min_severity: Severity,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Table,
    Json,
    Sarif,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Table, Format::Json, Format::Sarif];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Sarif => "sarif",
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
            .ok_or_else(|| format!("unknown output format `{s}` (expected table, json or sarif)"))
    }
}

/// Render `report` in `format`. `color` applies to the table only; JSON and SARIF never contain
/// terminal escapes.
pub fn render(format: Format, report: &Report, color: bool) -> String {
    match format {
        Format::Table => table::render(report, color),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_round_trips_and_rejects_unknown() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert_eq!("SARIF".parse::<Format>(), Ok(Format::Sarif));
        let err = "xml".parse::<Format>().unwrap_err();
        assert!(err.contains("xml") && err.contains("sarif"), "{err}");
    }
}
