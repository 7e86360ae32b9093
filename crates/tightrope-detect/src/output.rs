//! Renderings of alerts: a terminal table, JSON, OCSF Detection Finding (class 2004) and SARIF
//! (through the shared renderer).

use crate::alert::Alert;
use crate::sigma::Unsupported;
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write;
use tightrope_cloudtrail::{ReadStats, format_time};
use tightrope_core::Severity;

/// OCSF schema version the output follows.
pub const OCSF_VERSION: &str = "1.3.0";

/// Everything a run reports.
#[derive(Serialize)]
pub struct RunReport<'a> {
    pub tool_version: &'a str,
    pub events: u64,
    pub sigma_rules: usize,
    pub sigma_unsupported: &'a [Unsupported],
    pub sigma_matches: u64,
    pub read: &'a ReadStats,
    pub alerts: &'a [Alert],
}

/// Control characters and bidirectional overrides removed from input-derived text, so hostile
/// values cannot inject terminal escapes.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_control() && !matches!(*c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

fn sev_label(s: Severity, color: bool) -> String {
    let text = format!("{:<8}", s.as_str().to_uppercase());
    if !color {
        return text;
    }
    let code = match s {
        Severity::Critical => "1;31",
        Severity::High => "31",
        Severity::Medium => "33",
        _ => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// The terminal table: one block per alert, highest risk first, then the read summary.
pub fn table(r: &RunReport<'_>, min: Severity, color: bool) -> String {
    let mut out = String::new();
    let shown: Vec<&Alert> = r.alerts.iter().filter(|a| a.severity >= min).collect();
    for a in &shown {
        let _ = writeln!(
            out,
            "{} risk {:>3.0}  {}  {} → {}  ({} events{})",
            sev_label(a.severity, color),
            a.risk,
            clean(&a.identity),
            format_time(a.start),
            format_time(a.end),
            a.events,
            if a.ai { ", AI" } else { "" }
        );
        for reason in a.reasons.iter().take(8) {
            let _ = writeln!(out, "          - {}", clean(reason));
        }
        if a.reasons.len() > 8 {
            let _ = writeln!(out, "          - … {} more", a.reasons.len() - 8);
        }
        for f in &a.factors {
            let _ = writeln!(out, "          context: {}", clean(&f.reason));
        }
        if !a.techniques.is_empty() {
            let ids: Vec<String> = a
                .techniques
                .iter()
                .map(|t| format!("{} {}", t.id, t.name).trim().to_string())
                .collect();
            let _ = writeln!(out, "          techniques: {}", ids.join("; "));
        }
        if !a.networks.is_empty() {
            let _ = writeln!(out, "          networks: {}", clean(&a.networks.join(", ")));
        }
    }
    let _ = writeln!(
        out,
        "\n{} alerts ({} shown at or above {}); {} events scored from {} files; {} Sigma rules ({} unsupported), {} Sigma matches; {} bad records",
        r.alerts.len(),
        shown.len(),
        min.as_str(),
        r.events,
        r.read.files,
        r.sigma_rules,
        r.sigma_unsupported.len(),
        r.sigma_matches,
        r.read.bad
    );
    for b in r.read.bad_samples.iter().take(20) {
        let _ = writeln!(out, "  bad input: {}", clean(&b.to_string()));
    }
    out
}

/// The JSON document: the whole [`RunReport`].
pub fn json(r: &RunReport<'_>) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

pub fn ocsf_severity(s: Severity) -> (u8, &'static str) {
    match s {
        Severity::Info => (1, "Informational"),
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}

/// One OCSF 1.3 Detection Finding (class 2004) per alert, as a JSON array.
pub fn ocsf(r: &RunReport<'_>) -> String {
    let findings: Vec<Value> = r
        .alerts
        .iter()
        .map(|a| ocsf_finding(a, r.tool_version))
        .collect();
    serde_json::to_string_pretty(&findings).unwrap_or_default()
}

fn ocsf_finding(a: &Alert, version: &str) -> Value {
    let risk_level_id = match a.risk {
        r if r >= 80.0 => 4,
        r if r >= 60.0 => 3,
        r if r >= 40.0 => 2,
        r if r >= 20.0 => 1,
        _ => 0,
    };
    let attacks: Vec<Value> = a
        .techniques
        .iter()
        .map(|t| json!({"technique": {"uid": t.id, "name": t.name}, "version": if t.framework == "ATLAS" { "ATLAS" } else { "ATT&CK v16" }}))
        .collect();
    detection_finding(a.severity, false, json!({
        "time": a.end * 1000,
        "confidence_score": (a.anomaly * 100.0).round() as i64,
        "risk_score": a.risk.round() as i64,
        "risk_level_id": risk_level_id,
        "message": a.reasons.join("; "),
        "metadata": {
            "version": OCSF_VERSION,
            "product": {"name": "tightrope", "vendor_name": "tightrope", "version": version, "feature": {"name": "detect"}},
        },
        "finding_info": {
            "uid": a.id,
            "title": format!("Unusual activity by {}", a.identity),
            "desc": a.reasons.join("; "),
            "types": a.signals.iter().map(|s| format!("{:?}", s.kind)).collect::<Vec<_>>(),
            "first_seen_time": a.start * 1000,
            "last_seen_time": a.end * 1000,
            "analytic": {"name": "tightrope behavioural baseline + Sigma", "type_id": 2, "type": "Behavioral"},
            "attacks": attacks,
        },
        "actor": {"user": {"uid": a.identity, "type": a.principal_type}},
        "evidences": a.networks.iter().map(|n| json!({"src_endpoint": {"subnet_uid": n}})).collect::<Vec<_>>(),
        "resources": a.resources.iter().map(|r| json!({"uid": r})).collect::<Vec<_>>(),
        "observables": a.event_ids.iter().map(|id| json!({"name": "cloudtrail.eventID", "type_id": 99, "value": id})).collect::<Vec<_>>(),
        "unmapped": {"context": a.factors, "actions": a.actions},
    }))
}

/// An OCSF Detection Finding (class 2004, activity Create) of `severity`, status New or Suppressed,
/// with the `fields` of the particular finding added.
pub fn detection_finding(severity: Severity, suppressed: bool, fields: Value) -> Value {
    let (severity_id, severity) = ocsf_severity(severity);
    let mut v = json!({
        "activity_id": 1,
        "activity_name": "Create",
        "category_uid": 2,
        "category_name": "Findings",
        "class_uid": 2004,
        "class_name": "Detection Finding",
        "type_uid": 200401,
        "type_name": "Detection Finding: Create",
        "severity_id": severity_id,
        "severity": severity,
        "status_id": if suppressed { 3 } else { 1 },
        "status": if suppressed { "Suppressed" } else { "New" },
    });
    if let (Some(base), Value::Object(more)) = (v.as_object_mut(), fields) {
        base.extend(more);
    }
    v
}
