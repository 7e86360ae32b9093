//! The JSON report: a stable, versioned schema for scripts and dashboards.
//!
//! The document is built from the structs below (not from the core types' own serde shape), so
//! internal changes do not leak into it. `version` is bumped on any incompatible change; fields
//! may be added within a version. Arrays are in a deterministic order: most severe first, then
//! by file, line, rule and resource.
//!
//! ```text
//! {
//!   "version": 1,
//!   "tool":    { "name": "tightrope", "version": "0.1.0" },
//!   "summary": {
//!     "min_severity": "low",                 // findings below it are left out (and counted)
//!     "findings": 3,                         // listed in "findings"
//!     "by_severity": { "critical": 0, "high": 2, "medium": 1, "low": 0, "info": 0 },
//!     "suppressed": 1,                       // listed in "suppressed"
//!     "below_min_severity": 2,               // not listed anywhere
//!     "errors": 1, "files_scanned": 4, "resources": 17, "rules": 30,
//!     "not_evaluated": 0                     // rules with inputs not collected (live scans)
//!   },
//!   "findings": [ FINDING, ... ],
//!   "suppressed": [ FINDING with "suppression", ... ],
//!   "errors": [ { "path": "bad.tf", "line": 3, "message": "..." } ],  // line may be null
//!   "not_evaluated": [ { "rule_id": "TR-AWS-S3-001", "title": "...", "reasons": [ "aws/s3 in us-east-1: ..." ] } ]
//! }
//!
//! FINDING = {
//!   "rule_id": "TR-AWS-S3-001", "title": "...", "severity": "high",
//!   "step": "audit",                         // audit | access | classify | detect | supply | reach | drill
//!   "ai": true,                              // the rule concerns an AI workload
//!   "resource": { "address": "aws_s3_bucket.data", "kind": "aws_s3_bucket" },
//!   "location": LOCATION,
//!   "attribute": "versioning.enabled",       // or null
//!   "message": "...", "evidence": "...",     // evidence is redacted, or null
//!   "remediation": "...",
//!   "references": [ { "name": "CIS AWS 2.1.1", "url": "https://..." } ],   // url may be null
//!   "compliance": [ "cis-aws/2.1.4", "owasp-llm/LLM02" ],   // framework/requirement of the rule
//!   "fingerprint": "32 hex digits",          // stable across runs: rule id + address + attribute
//!   "suppression": { "rule": "TR-AWS-S3-001", "reason": "...", "location": LOCATION }
//!                                            // only in "suppressed"
//! }
//!
//! LOCATION = { "kind": "file", "path": "main.tf", "start_line": 12, "end_line": 14 }
//!          | { "kind": "api", "arn": "arn:aws:...", "field": "DirectInternetAccess" }
//!          | { "kind": "unknown" }
//! ```

use crate::Report;
use crate::select::{Selection, fingerprint};
use serde::Serialize;
use std::collections::BTreeMap;
use tightrope_core::{Finding, Origin, Reference, ResourceRef, Severity, Step};

/// The schema version of this document.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    suppressed: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    not_evaluated: &'a [tightrope_core::NotEvaluated],
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    line: Option<u32>,
    message: &'a str,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Summary {
    min_severity: Severity,
    findings: usize,
    by_severity: BTreeMap<&'static str, usize>,
    suppressed: usize,
    below_min_severity: usize,
    errors: usize,
    files_scanned: usize,
    resources: usize,
    rules: usize,
    not_evaluated: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    title: &'a str,
    severity: Severity,
    step: Step,
    ai: bool,
    resource: &'a ResourceRef,
    location: Location<'a>,
    attribute: Option<&'a str>,
    message: &'a str,
    evidence: Option<&'a str>,
    remediation: &'a str,
    references: &'a [Reference],
    /// `<framework>/<requirement id>` of the rule's compliance mappings.
    compliance: &'a [String],
    fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<JsonSuppression<'a>>,
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    rule: &'a str,
    reason: &'a str,
    location: Location<'a>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Location<'a> {
    File { path: &'a str, start_line: u32, end_line: u32 },
    Api { arn: &'a str, field: &'a str },
    Unknown,
}

impl<'a> From<&'a Origin> for Location<'a> {
    fn from(o: &'a Origin) -> Self {
        match o {
            Origin::File { path, start_line, end_line } => {
                Location::File { path, start_line: *start_line, end_line: *end_line }
            }
            Origin::Api { arn, field } => Location::Api { arn, field },
            Origin::Unknown => Location::Unknown,
        }
    }
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            rule_id: &f.rule_id,
            title: &f.title,
            severity: f.severity,
            step: f.step,
            ai: f.ai,
            resource: &f.resource,
            location: (&f.location).into(),
            attribute: f.attribute.as_deref(),
            message: &f.message,
            evidence: f.evidence.as_deref(),
            remediation: &f.remediation,
            references: &f.references,
            compliance: &[],
            fingerprint: fingerprint(f),
            suppression: f.suppressed.as_ref().map(|s| JsonSuppression {
                rule: &s.rule,
                reason: &s.reason,
                location: (&s.origin).into(),
            }),
        }
    }
}

pub(crate) fn render(report: &Report) -> String {
    let sel = Selection::of(report);
    let doc = Document {
        version: SCHEMA_VERSION,
        tool: Tool { name: "tightrope", version: report.tool_version },
        summary: Summary {
            min_severity: report.min_severity,
            findings: sel.shown.len(),
            by_severity: Severity::ALL.into_iter().map(|s| (s.as_str(), sel.count(s))).collect(),
            suppressed: sel.suppressed.len(),
            below_min_severity: sel.below_threshold,
            errors: report.errors.len(),
            files_scanned: report.files_scanned,
            resources: report.resources,
            rules: report.rules.len(),
            not_evaluated: report.not_evaluated.len(),
        },
        findings: sel.shown.iter().map(|f| with_compliance(report, f)).collect(),
        suppressed: sel.suppressed.iter().map(|f| with_compliance(report, f)).collect(),
        errors: report.errors.iter().map(|e| JsonError { path: &e.path, line: e.line, message: &e.message }).collect(),
        not_evaluated: report.not_evaluated,
    };
    to_pretty_json(&doc)
}

/// The finding with its rule's compliance mappings (from the rule descriptors).
fn with_compliance<'a>(report: &Report<'a>, f: &'a Finding) -> JsonFinding<'a> {
    let mut j = JsonFinding::from(f);
    if let Some(rule) = report.rules.iter().find(|r| r.id == f.rule_id) {
        j.compliance = &rule.compliance;
    }
    j
}

/// Pretty JSON with a trailing newline. Serialising these plain structs cannot fail; should it
/// ever, the error is reported as a JSON document rather than a panic.
pub(crate) fn to_pretty_json<T: Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(e) => format!("{}\n", serde_json::json!({ "error": e.to_string() })),
    }
}
