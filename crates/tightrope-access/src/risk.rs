//! Risk classes of IAM actions (privilege escalation, data exfiltration, credentials exposure,
//! resource exposure, infrastructure modification), read from `data/risk.txt` so the lists live
//! in one commented data file rather than in code.

use crate::engine::Context;
use crate::engine::pattern::Pattern;
use serde::Serialize;
use std::sync::OnceLock;

/// A risk class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Risk {
    PrivilegeEscalation,
    DataExfiltration,
    CredentialsExposure,
    ResourceExposure,
    InfrastructureModification,
}

impl Risk {
    pub const ALL: [Risk; 5] = [
        Risk::PrivilegeEscalation,
        Risk::DataExfiltration,
        Risk::CredentialsExposure,
        Risk::ResourceExposure,
        Risk::InfrastructureModification,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Risk::PrivilegeEscalation => "privilege-escalation",
            Risk::DataExfiltration => "data-exfiltration",
            Risk::CredentialsExposure => "credentials-exposure",
            Risk::ResourceExposure => "resource-exposure",
            Risk::InfrastructureModification => "infrastructure-modification",
        }
    }

    fn parse(s: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

static LISTS: OnceLock<Vec<(Risk, Pattern)>> = OnceLock::new();

fn lists() -> &'static [(Risk, Pattern)] {
    LISTS.get_or_init(|| parse_lists(include_str!("../data/risk.txt")))
}

fn parse_lists(text: &str) -> Vec<(Risk, Pattern)> {
    let mut out = Vec::new();
    let mut class = None;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            class = Risk::parse(name);
        } else if let Some(c) = class {
            out.push((c, Pattern::new(line, false)));
        }
    }
    out
}

/// The risk classes of one action (`service:Action`).
pub fn risks_of(action: &str) -> Vec<Risk> {
    let mut out: Vec<Risk> = lists()
        .iter()
        .filter(|(_, p)| {
            let prefix = p.literal_prefix();
            action
                .get(..prefix.len())
                .is_some_and(|a| a.eq_ignore_ascii_case(prefix))
                && p.matches(action, &Context::default(), true)
        })
        .map(|(r, _)| *r)
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses_into_every_class() {
        for r in Risk::ALL {
            assert!(lists().iter().any(|(c, _)| *c == r), "{r:?} has no entries");
        }
        assert_eq!(risks_of("IAM:passrole"), vec![Risk::PrivilegeEscalation]);
        assert!(risks_of("iam:CreateAccessKey").contains(&Risk::CredentialsExposure));
        assert!(risks_of("s3:ListBucket").is_empty());
    }
}
