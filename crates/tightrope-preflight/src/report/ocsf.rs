//! OCSF 1.3 Detection Finding (class 2004), one per finding (attack paths included), as a JSON
//! array. Severity mapping and schema version are those of `tightrope detect --format ocsf`.
//! Validated in tests against the class schema generated from the OCSF 1.3.0 export.

use crate::Preflight;
use serde_json::{Value, json};
use tightrope_core::Finding;
use tightrope_detect::output::{OCSF_VERSION, detection_finding};

fn finding(f: &Finding, version: &str, time_ms: i64) -> Value {
    let uid = tightrope_report::fingerprint(f);
    let mut v = detection_finding(f.severity, f.suppressed.is_some(), json!({
        "time": time_ms,
        "message": f.message,
        "metadata": {
            "version": OCSF_VERSION,
            "product": {"name": "tightrope", "vendor_name": "tightrope", "version": version, "feature": {"name": format!("preflight/{}", f.step.as_str())}},
        },
        "finding_info": {
            "uid": uid,
            "title": f.title,
            "desc": f.evidence.clone().unwrap_or_else(|| f.message.clone()),
            "types": [f.step.as_str()],
            "analytic": {"uid": f.rule_id, "name": f.title, "type_id": 1, "type": "Rule"},
        },
        "resources": [{"uid": f.resource.address, "type": f.resource.kind}],
        "remediation": {"desc": f.remediation, "references": f.references.iter().filter_map(|r| r.url.clone()).collect::<Vec<_>>()},
        "unmapped": {"ai": f.ai, "rule_id": f.rule_id},
    }));
    if let tightrope_core::Origin::File {
        path,
        start_line,
        end_line,
    } = &f.location
    {
        v["unmapped"]["location"] =
            json!({"path": path.as_ref(), "start_line": start_line, "end_line": end_line});
    }
    v
}

pub fn render(p: &Preflight) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let all: Vec<Value> = p
        .all_findings()
        .iter()
        .map(|f| finding(f, &p.tool_version, now))
        .collect();
    serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
}
