//! Incident-response playbooks as YAML files: the schema (documented in `docs/drill.md`), parsing
//! with `file:line` errors, and the checks a playbook must pass before a drill relies on it.

use serde::{Deserialize, Serialize};
use tightrope_core::{InputError, Severity};
use tightrope_detect::SignalKind;

/// One playbook: how an AI incident is detected, who handles it, how it is contained and how the
/// system is confirmed fixed before it returns to production.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Short slug, also the scenario name (`llm-jacking`).
    pub id: String,
    /// What happened, in one line.
    pub scenario: String,
    pub severity: Severity,
    /// Longer description of the incident and why it is AI-specific.
    #[serde(default)]
    pub summary: String,
    /// MITRE ATLAS case study the scenario follows (`AML.CS0030`), when one describes it.
    #[serde(default)]
    pub case_study: Option<String>,
    /// The detections that trigger this playbook (any one suffices).
    pub detections: Vec<Detection>,
    pub owner: Owner,
    /// Who is pulled in, and when.
    pub escalation: Vec<Escalation>,
    pub containment: Vec<Containment>,
    /// What to preserve before anything is changed.
    pub evidence: Vec<String>,
    /// Checks that must pass before the system returns to production.
    pub verification: Vec<String>,
    pub mapping: Mapping,
}

/// A detection from step 4: an anomaly reason kind, or a Sigma rule.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Detection {
    /// Anomaly reason kind of `tightrope detect` (`llm_jacking`, `first_action`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anomaly: Option<String>,
    /// SigmaHQ rule id (UUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigma: Option<String>,
    /// The Sigma rule's title, for people reading the playbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Detection {
    /// The key used in reports and by `--disable`: `anomaly:llm_jacking` or `sigma:<id>`.
    pub fn key(&self) -> String {
        match (&self.anomaly, &self.sigma) {
            (Some(a), _) => format!("anomaly:{a}"),
            (None, Some(s)) => format!("sigma:{s}"),
            (None, None) => "(none)".to_string(),
        }
    }

    /// A readable label: the anomaly kind, or the Sigma title with its id.
    pub fn label(&self) -> String {
        match (&self.anomaly, &self.sigma, &self.title) {
            (Some(a), _, _) => format!("anomaly {a}"),
            (None, Some(s), Some(t)) => format!("sigma \"{t}\" ({s})"),
            (None, Some(s), None) => format!("sigma {s}"),
            _ => "(none)".to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// The team that owns the response.
    pub team: String,
    /// How to reach it (pager, channel, mail).
    pub contact: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Minutes after the alert without containment.
    pub after_minutes: u32,
    /// Who is pulled in.
    pub to: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Containment {
    /// What the step achieves.
    pub step: String,
    /// The exact AWS CLI command (`aws ...`) or console action (`console: ...`); placeholders in
    /// angle brackets (`<role-name>`).
    pub action: String,
    /// True when a bot may run it without a person deciding (no data loss, reversible).
    pub safe_to_automate: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// MITRE ATLAS tactic ids (`AML.TA0013`).
    pub atlas_tactics: Vec<String>,
    /// MITRE ATLAS technique ids (`AML.T0055`, `AML.T0010.003`).
    pub atlas_techniques: Vec<String>,
    /// MITRE ATT&CK technique ids (`T1078.004`).
    #[serde(default)]
    pub attack: Vec<String>,
    /// OWASP Top 10 for LLM Applications 2025 ids (`LLM10`).
    pub owasp_llm: Vec<String>,
}

/// Every anomaly reason kind `tightrope detect` reports (the names playbooks use).
pub const ANOMALY_KINDS: [SignalKind; 18] = [
    SignalKind::NewIdentity,
    SignalKind::FirstAction,
    SignalKind::RareAction,
    SignalKind::FirstRegion,
    SignalKind::FirstNetwork,
    SignalKind::FirstUserAgent,
    SignalKind::UnusualHour,
    SignalKind::NewAiModel,
    SignalKind::NewDataSource,
    SignalKind::FailedCall,
    SignalKind::LoginAfterFailures,
    SignalKind::VolumeBurst,
    SignalKind::AiBurst,
    SignalKind::ErrorSpike,
    SignalKind::S3ReadBurst,
    SignalKind::Travel,
    SignalKind::LlmJacking,
    SignalKind::Forest,
];

/// The name of a signal kind as reports and playbooks write it (`llm_jacking`).
pub fn kind_name(kind: SignalKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The 1-based line of the first line of `text` containing `needle` (after `from_line`).
fn line_of(text: &str, needle: &str) -> Option<u32> {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i as u32 + 1)
}

fn is_id(s: &str, prefix: &str, digits: usize, sub: bool) -> bool {
    let Some(rest) = s.strip_prefix(prefix) else {
        return false;
    };
    let (main, tail) = match rest.split_once('.') {
        Some((m, t)) if sub => (m, Some(t)),
        Some(_) => return false,
        None => (rest, None),
    };
    main.len() == digits
        && main.bytes().all(|b| b.is_ascii_digit())
        && tail.is_none_or(|t| t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()))
}

/// Parse and validate one playbook. `name` is the file name used in errors.
pub fn parse(name: &str, text: &str) -> Result<Playbook, Vec<InputError>> {
    let pb: Playbook = serde_norway::from_str(text).map_err(|e| {
        vec![InputError {
            path: name.to_string(),
            line: e.location().map(|l| l.line() as u32),
            message: format!("not a valid playbook: {e} (schema: docs/drill.md)"),
        }]
    })?;
    let errors = validate(name, text, &pb);
    if errors.is_empty() {
        Ok(pb)
    } else {
        Err(errors)
    }
}

/// The checks beyond the schema, each reported at the line of the offending value.
pub fn validate(name: &str, text: &str, pb: &Playbook) -> Vec<InputError> {
    let mut errors = Vec::new();
    let mut err = |needle: &str, message: String| {
        errors.push(InputError {
            path: name.to_string(),
            line: line_of(text, needle),
            message,
        });
    };
    if pb.id.is_empty()
        || !pb
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        err(
            "id:",
            format!("id `{}`: expected a lowercase slug such as `llm-jacking`", pb.id),
        );
    }
    if pb.scenario.trim().is_empty() {
        err("scenario:", "scenario: expected a one-line description".into());
    }
    if let Some(cs) = &pb.case_study
        && !is_id(cs, "AML.CS", 4, false)
    {
        err(
            "case_study:",
            format!("case_study `{cs}`: expected a MITRE ATLAS case study id such as AML.CS0030"),
        );
    }
    if pb.detections.is_empty() {
        err(
            "detections:",
            "detections: expected at least one detection that triggers the playbook".into(),
        );
    }
    let kinds: Vec<String> = ANOMALY_KINDS.iter().map(|k| kind_name(*k)).collect();
    for d in &pb.detections {
        match (&d.anomaly, &d.sigma) {
            (Some(a), None) if !kinds.contains(a) => err(
                &format!("anomaly: {a}"),
                format!("detection `anomaly: {a}`: not a reason kind of tightrope detect (expected one of {})", kinds.join(", ")),
            ),
            (Some(_), None) => {}
            (None, Some(s)) => {
                let uuid = s.len() == 36
                    && s.bytes().enumerate().all(|(i, b)| {
                        if [8, 13, 18, 23].contains(&i) { b == b'-' } else { b.is_ascii_hexdigit() }
                    });
                if !uuid {
                    err(
                        &format!("sigma: {s}"),
                        format!("detection `sigma: {s}`: expected a Sigma rule id (UUID)"),
                    );
                }
            }
            _ => err(
                "detections:",
                "a detection needs exactly one of `anomaly:` or `sigma:`".into(),
            ),
        }
    }
    if pb.owner.team.trim().is_empty() || pb.owner.contact.trim().is_empty() {
        err("owner:", "owner: expected a team and a contact".into());
    }
    if pb.escalation.is_empty() {
        err("escalation:", "escalation: expected at least one step".into());
    }
    if pb.containment.is_empty() {
        err("containment:", "containment: expected at least one step".into());
    }
    for c in &pb.containment {
        let a = c.action.trim();
        if !(a.starts_with("aws ") || a.starts_with("console:")) {
            err(
                c.action.lines().next().unwrap_or("action:"),
                format!(
                    "containment `{}`: action must be an AWS CLI command (`aws ...`) or a console action (`console: ...`)",
                    c.step
                ),
            );
        }
    }
    if pb.evidence.is_empty() {
        err("evidence:", "evidence: expected at least one item to preserve".into());
    }
    if pb.verification.is_empty() {
        err(
            "verification:",
            "verification: expected at least one check before returning to production".into(),
        );
    }
    let m = &pb.mapping;
    let checks: [(&Vec<String>, &str, usize, bool, &str); 4] = [
        (&m.atlas_tactics, "AML.TA", 4, false, "an ATLAS tactic id such as AML.TA0013"),
        (&m.atlas_techniques, "AML.T", 4, true, "an ATLAS technique id such as AML.T0055"),
        (&m.attack, "T", 4, true, "an ATT&CK technique id such as T1078.004"),
        (&m.owasp_llm, "LLM", 2, false, "an OWASP LLM Top 10 id LLM01..LLM10"),
    ];
    for (ids, prefix, digits, sub, what) in checks {
        for id in ids {
            let ok = is_id(id, prefix, digits, sub)
                && (prefix != "LLM" || (1..=10).contains(&id[3..].parse::<u32>().unwrap_or(0)));
            if !ok {
                err(id, format!("mapping `{id}`: expected {what}"));
            }
        }
    }
    if m.atlas_tactics.is_empty() || m.owasp_llm.is_empty() {
        err(
            "mapping:",
            "mapping: expected at least one ATLAS tactic and one OWASP LLM Top 10 id".into(),
        );
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_id("AML.T0010.003", "AML.T", 4, true));
        assert!(!is_id("AML.T10", "AML.T", 4, true));
        assert!(is_id("T1078", "T", 4, true));
        assert!(!is_id("AML.TA0001.001", "AML.TA", 4, false));
        assert_eq!(kind_name(SignalKind::LlmJacking), "llm_jacking");
    }
}
