//! Alerts: the evidence of one identity in one window, with reasons, techniques, context and risk.

use crate::context::{Context, Factor};
use crate::detector::{WindowEvidence, short};
use crate::signal::{Signal, SignalKind, combine};
use crate::technique::{self, Technique};
use serde::Serialize;
use tightrope_cloudtrail::format_time;
use tightrope_core::{Finding, Origin, Reference, ResourceRef, Severity, Step};

/// One ranked alert.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    /// Stable id: identity + window start.
    pub id: String,
    pub identity: String,
    /// `userIdentity.type` of the caller.
    pub principal_type: String,
    /// First and last event time (Unix seconds).
    pub start: i64,
    pub end: i64,
    pub events: u32,
    /// Combined anomaly strength in [0, 1] (noisy-OR of the signals).
    pub anomaly: f64,
    /// Context in [0, 1] (noisy-OR of the factors).
    pub context: f64,
    /// 0–100: anomaly × (0.4 + 0.6 × context).
    pub risk: f64,
    pub severity: Severity,
    /// One sentence per signal, strongest first.
    pub reasons: Vec<String>,
    pub signals: Vec<Signal>,
    pub factors: Vec<Factor>,
    pub techniques: Vec<Technique>,
    pub networks: Vec<String>,
    /// The actions in the window with their counts (bounded).
    pub actions: Vec<(String, u64)>,
    pub resources: Vec<String>,
    /// CloudTrail `eventID`s of the events that carried evidence (bounded).
    pub event_ids: Vec<String>,
    /// True when the evidence touches an AI workload (Bedrock, SageMaker).
    pub ai: bool,
}

/// Actions that disable or blind defences: context even without other knowledge.
fn tampering(actions: &[(String, u64)]) -> Option<Factor> {
    actions
        .iter()
        .find(|(a, _)| {
            technique::for_action(a)
                .iter()
                .any(|t| t.id.starts_with("T1562"))
        })
        .map(|(a, _)| Factor {
            name: "defense-tampering",
            weight: 0.6,
            reason: format!("{a} weakens logging or guardrails"),
        })
}

/// Actions that create credentials, accounts or permissions.
fn access_change(actions: &[(String, u64)]) -> Option<Factor> {
    actions
        .iter()
        .find(|(a, _)| {
            technique::for_action(a)
                .iter()
                .any(|t| t.id.starts_with("T1098") || t.id.starts_with("T1136"))
        })
        .map(|(a, _)| Factor {
            name: "access-change",
            weight: 0.4,
            reason: format!("{a} creates credentials, accounts or permissions"),
        })
}

pub(crate) fn build_alert(
    identity: &str,
    window: i64,
    mut ev: WindowEvidence,
    anomaly: f64,
    window_secs: i64,
    context: &dyn Context,
) -> Alert {
    ev.signals.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then_with(|| a.kind.cmp(&b.kind))
    });
    let mut actions: Vec<(String, u64)> = ev.actions.0.into_iter().collect();
    actions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let resources: Vec<String> = ev.resources.into_iter().collect();
    let mut factors = context.identity(identity);
    for r in &resources {
        for f in context.resource(r) {
            if !factors.iter().any(|x| x.reason == f.reason) {
                factors.push(f);
            }
        }
    }
    let ai = ev.signals.iter().any(|s| {
        matches!(
            s.kind,
            SignalKind::AiBurst
                | SignalKind::LlmJacking
                | SignalKind::NewAiModel
                | SignalKind::NewDataSource
        )
    }) || actions
        .iter()
        .any(|(a, _)| a.starts_with("bedrock:") || a.starts_with("sagemaker:"));
    if ai {
        factors.push(Factor {
            name: "ai-resource",
            weight: 0.3,
            reason: "the activity involves Bedrock or SageMaker".to_string(),
        });
    }
    factors.extend(tampering(&actions));
    factors.extend(access_change(&actions));
    if identity.ends_with(":root") && !factors.iter().any(|f| f.name == "privileged") {
        factors.push(Factor {
            name: "privileged",
            weight: 0.8,
            reason: "the account root user".to_string(),
        });
    }
    let ctx = combine(factors.iter().map(|f| f.weight));
    let risk = (100.0 * anomaly * (0.4 + 0.6 * ctx)).clamp(0.0, 100.0);
    let severity = match risk {
        r if r >= 80.0 => Severity::Critical,
        r if r >= 60.0 => Severity::High,
        r if r >= 40.0 => Severity::Medium,
        _ => Severity::Low,
    };
    let mut techniques: Vec<Technique> =
        ev.signals.iter().flat_map(technique::for_signal).collect();
    techniques.sort();
    techniques.dedup_by(|a, b| a.id == b.id);
    let start = ev.first.unwrap_or(window * window_secs);
    Alert {
        id: format!("{}@{}", short(identity), format_time(window * window_secs)),
        identity: identity.to_string(),
        principal_type: ev.kind,
        start,
        end: ev.last.unwrap_or(start),
        events: ev.window.events,
        anomaly,
        context: ctx,
        risk,
        severity,
        reasons: ev.signals.iter().map(|s| s.reason.clone()).collect(),
        signals: ev.signals,
        factors,
        techniques,
        networks: ev.networks.into_iter().collect(),
        actions,
        resources,
        event_ids: ev.event_ids,
        ai,
    }
}

impl Alert {
    /// The alert as a tightrope [`Finding`] (for the shared renderers and `preflight`).
    pub fn to_finding(&self) -> Finding {
        let title = match self.signals.first() {
            Some(s) if s.kind == SignalKind::Sigma => format!("Sigma: {}", s.value),
            Some(s) => format!(
                "Unusual activity by {} ({:?})",
                short(&self.identity),
                s.kind
            ),
            None => format!("Unusual activity by {}", short(&self.identity)),
        };
        Finding {
            rule_id: "TR-DETECT-ANOMALY".to_string(),
            title,
            severity: self.severity,
            step: Step::Detect,
            ai: self.ai,
            resource: ResourceRef { address: self.identity.clone(), kind: self.principal_type.clone() },
            location: Origin::Api { arn: self.identity.clone(), field: format!("cloudtrail {}", format_time(self.start)) },
            attribute: None,
            message: format!(
                "risk {:.0}/100 (anomaly {:.2}, context {:.2}); {}",
                self.risk,
                self.anomaly,
                self.context,
                self.reasons.join("; ")
            ),
            evidence: Some(format!(
                "{} events {}–{} from {}; actions {}",
                self.events,
                format_time(self.start),
                format_time(self.end),
                self.networks.join(", "),
                self.actions.iter().take(6).map(|(a, n)| format!("{a}×{n}")).collect::<Vec<_>>().join(", ")
            )),
            remediation: "Confirm with the identity's owner; if unexpected, revoke its sessions and keys, and review what it touched.".to_string(),
            references: self
                .techniques
                .iter()
                .map(|t| Reference {
                    name: format!("MITRE {} {}{}", t.framework, t.id, if t.name.is_empty() { String::new() } else { format!(" {}", t.name) }),
                    url: Some(if t.framework == "ATLAS" {
                        format!("https://atlas.mitre.org/techniques/{}", t.id)
                    } else {
                        format!("https://attack.mitre.org/techniques/{}/", t.id.replace('.', "/"))
                    }),
                })
                .collect(),
            suppressed: None,
        }
    }
}
