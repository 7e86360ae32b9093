//! SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! One run. `tool.driver.rules[]` lists every rule that ran, with its documentation as `help`
//! and a `security-severity` so GitHub ranks alerts as critical/high/medium/low. Each finding at or
//! above the minimum severity is a result: IaC findings point at their file and line range
//! (relative paths against `%SRCROOT%`), live-API findings carry the ARN as a logical location,
//! and every result has a `partialFingerprints` entry (rule id + resource address + attribute) so
//! alerts survive edits that move lines. Suppressed findings are results with `suppressions`
//! (`inSource` for an inline comment in the same file, `external` otherwise). Input errors are
//! `invocations[0].toolExecutionNotifications`, and make `executionSuccessful` false.

use crate::json::to_pretty_json;
use crate::select::{Selection, fingerprint, order};
use crate::uri::artifact_uri;
use crate::{Report, RuleDescriptor};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use tightrope_core::{Finding, Origin, Severity, Suppression};

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");
/// Key of our entry in `partialFingerprints`; the suffix versions the hash recipe.
const FINGERPRINT_KEY: &str = "tightrope/findingHash/v1";
const SRCROOT: &str = "%SRCROOT%";

pub(crate) fn render(report: &Report) -> String {
    let sel = Selection::of(report);
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, r) in report.rules.iter().enumerate() {
        index.entry(r.id.as_str()).or_insert(i);
    }
    let mut findings: Vec<&Finding> = sel.shown.iter().chain(&sel.suppressed).copied().collect();
    findings.sort_by(|a, b| order(a, b));
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "tightrope",
                "version": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": report.rules.iter().map(rule).collect::<Vec<_>>(),
            }},
            "invocations": [invocation(report)],
            "results": findings.iter().map(|f| result(f, &index)).collect::<Vec<_>>(),
            "columnKind": "unicodeCodePoints",
        }],
    });
    to_pretty_json(&log)
}

/// SARIF level for a severity: critical/high are errors, medium a warning, low/info notes.
pub(crate) fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// CVSS-like score GitHub maps back to a severity (>= 9.0 critical, 7.0-8.9 high, 4.0-6.9
/// medium, below that low).
pub(crate) fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

fn rule(r: &RuleDescriptor) -> Value {
    let mut tags = vec!["security".to_string(), r.step.as_str().to_string()];
    tags.extend(provider(&r.id));
    if r.ai {
        tags.push("ai".to_string());
    }
    tags.extend(r.compliance.iter().cloned());
    // SARIF requires unique tags: `TR-ACCESS-001` names its step where other ids name a provider.
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.clone()));
    let mut obj = json!({
        "id": r.id,
        "name": pascal_case(&r.title),
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": first_paragraph(&r.doc_markdown).unwrap_or(&r.title) },
        "help": { "text": help_text(r), "markdown": help_markdown(r) },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "tags": tags, "security-severity": security_severity(r.severity) },
    });
    if let Some(url) = r.references.iter().find_map(|x| x.url.as_deref()) {
        obj["helpUri"] = json!(url);
    }
    obj
}

/// `TR-AWS-S3-001` -> `aws`.
fn provider(id: &str) -> Option<String> {
    let mut parts = id.split('-');
    match (parts.next(), parts.next()) {
        (Some("TR"), Some(p)) if !p.is_empty() => Some(p.to_ascii_lowercase()),
        _ => None,
    }
}

/// `S3 bucket is public` -> `S3BucketIsPublic`.
fn pascal_case(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|c| c.to_uppercase().chain(cs).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// The first non-heading paragraph of a Markdown document.
fn first_paragraph(md: &str) -> Option<&str> {
    md.split("\n\n").map(str::trim).find(|p| !p.is_empty() && !p.starts_with('#'))
}

fn help_text(r: &RuleDescriptor) -> String {
    let mut s = format!("{}\n\nRemediation: {}", r.doc_markdown.trim(), r.remediation.trim());
    if !r.references.is_empty() {
        s.push_str("\n\nReferences:");
        for x in &r.references {
            s.push_str(&format!("\n- {}{}", x.name, x.url.as_deref().map(|u| format!(": {u}")).unwrap_or_default()));
        }
    }
    s
}

fn help_markdown(r: &RuleDescriptor) -> String {
    let mut s = format!("{}\n\n**Remediation:** {}", r.doc_markdown.trim(), r.remediation.trim());
    if !r.references.is_empty() {
        s.push_str("\n\n**References:**\n");
        for x in &r.references {
            match &x.url {
                Some(u) => s.push_str(&format!("\n- [{}]({u})", x.name)),
                None => s.push_str(&format!("\n- {}", x.name)),
            }
        }
    }
    s
}

fn result(f: &Finding, index: &HashMap<&str, usize>) -> Value {
    let mut r = json!({
        "ruleId": f.rule_id,
        "level": level(f.severity),
        "message": { "text": message(f) },
        "locations": [location(f)],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint(f) },
        "properties": result_properties(f),
    });
    if let Some(i) = index.get(f.rule_id.as_str()) {
        r["ruleIndex"] = json!(i);
    }
    if let Some(s) = &f.suppressed {
        r["suppressions"] = json!([suppression(s, f)]);
    }
    r
}

fn message(f: &Finding) -> String {
    match &f.evidence {
        Some(e) => format!("{} (evidence: {e})", f.message),
        None => f.message.clone(),
    }
}

fn result_properties(f: &Finding) -> Value {
    let mut p = Map::new();
    p.insert("severity".into(), json!(f.severity));
    p.insert("step".into(), json!(f.step));
    p.insert("ai".into(), json!(f.ai));
    p.insert("resourceKind".into(), json!(f.resource.kind));
    if let Some(a) = &f.attribute {
        p.insert("attribute".into(), json!(a));
    }
    if let Some(e) = &f.evidence {
        p.insert("evidence".into(), json!(e));
    }
    Value::Object(p)
}

/// The finding's place: a file region, an ARN, or only the resource address.
fn location(f: &Finding) -> Value {
    let resource = json!({ "name": f.resource.address, "fullyQualifiedName": f.resource.address, "kind": "resource" });
    match &f.location {
        Origin::File { path, start_line, end_line } => json!({
            "physicalLocation": physical(path, Some((*start_line, *end_line))),
            "logicalLocations": [resource],
        }),
        Origin::Api { arn, field } => json!({
            "logicalLocations": [{ "name": f.resource.address, "fullyQualifiedName": arn, "kind": "resource" }],
            "properties": { "apiField": field },
        }),
        Origin::Unknown => json!({ "logicalLocations": [resource] }),
    }
}

/// `physicalLocation` for a path and, when known, a 1-based inclusive line range.
fn physical(path: &str, lines: Option<(u32, u32)>) -> Value {
    let a = artifact_uri(path);
    let mut artifact = json!({ "uri": a.uri });
    if a.relative {
        artifact["uriBaseId"] = json!(SRCROOT);
    }
    let mut p = json!({ "artifactLocation": artifact });
    if let Some((start, end)) = lines.filter(|(s, _)| *s >= 1) {
        p["region"] = json!({ "startLine": start, "endLine": end.max(start) });
    }
    p
}

/// `inSource` when the suppression was written in the finding's own file (an inline comment),
/// `external` when it came from elsewhere (a suppressions file).
fn suppression(s: &Suppression, f: &Finding) -> Value {
    let in_source = matches!((s.origin.path(), f.location.path()), (Some(a), Some(b)) if a == b);
    let mut v = json!({
        "kind": if in_source { "inSource" } else { "external" },
        "status": "accepted",
        "justification": s.reason,
    });
    if let Origin::File { path, start_line, end_line } = &s.origin {
        v["location"] = json!({ "physicalLocation": physical(path, Some((*start_line, *end_line))) });
    }
    v
}

/// Input errors are error notifications; rules not evaluated (inputs not collected) are warnings.
fn invocation(report: &Report) -> Value {
    let errors = report.errors;
    let mut notes: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.message },
                "locations": [{ "physicalLocation": physical(&e.path, e.line.map(|l| (l, l))) }],
            })
        })
        .collect();
    notes.extend(report.not_evaluated.iter().map(|n| {
        json!({
            "level": "warning",
            "message": { "text": format!("rule not evaluated, inputs not collected: {}", n.reasons.join("; ")) },
            "associatedRule": { "id": n.rule_id },
        })
    }));
    json!({ "executionSuccessful": errors.is_empty(), "toolExecutionNotifications": notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_providers() {
        assert_eq!(pascal_case("S3 bucket is public-read"), "S3BucketIsPublicRead");
        assert_eq!(provider("TR-AWS-S3-001").as_deref(), Some("aws"));
        assert_eq!(provider("TR-K8S-POD-002").as_deref(), Some("k8s"));
        assert_eq!(provider("custom"), None);
        assert_eq!(first_paragraph("# Title\n\nBody line\nmore\n\nSecond"), Some("Body line\nmore"));
    }
}
