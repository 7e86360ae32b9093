//! Risk classes of IAM actions (privilege escalation, data exfiltration, credentials exposure,
//! resource exposure, infrastructure modification), read from `data/risk.txt` so the lists live
//! in one commented data file rather than in code.

use crate::engine::Context;
use crate::engine::pattern::Pattern;
use serde::Serialize;
use std::collections::HashMap;
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

/// The lists of `data/risk.txt`: exact action names (lowercase) in a hash map, wildcard
/// patterns apart (none today, but the format allows them).
struct Lists {
    exact: HashMap<String, Vec<Risk>>,
    patterns: Vec<(Risk, Pattern)>,
}

static LISTS: OnceLock<Lists> = OnceLock::new();

fn lists() -> &'static Lists {
    LISTS.get_or_init(|| parse_lists(include_str!("../data/risk.txt")))
}

fn parse_lists(text: &str) -> Lists {
    let mut out = Lists { exact: HashMap::new(), patterns: Vec::new() };
    let mut class = None;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            class = Risk::parse(name);
        } else if let Some(c) = class {
            if line.contains(['*', '?']) {
                out.patterns.push((c, Pattern::new(line, false)));
            } else {
                out.exact.entry(line.to_ascii_lowercase()).or_default().push(c);
            }
        }
    }
    out
}

/// The risk classes of one action (`service:Action`), in [`Risk::ALL`] order.
pub fn risks_of(action: &str) -> Vec<Risk> {
    let lists = lists();
    let exact = lists.exact.get(&action.to_ascii_lowercase());
    let mut out: Vec<Risk> = exact.into_iter().flatten().copied().collect();
    out.extend(
        lists
            .patterns
            .iter()
            .filter(|(_, p)| p.matches(action, &Context::default(), true))
            .map(|(r, _)| *r),
    );
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses_into_every_class() {
        for r in Risk::ALL {
            assert!(lists().exact.values().flatten().any(|c| *c == r), "{r:?} has no entries");
        }
        assert_eq!(risks_of("IAM:passrole"), vec![Risk::PrivilegeEscalation]);
        assert!(risks_of("iam:CreateAccessKey").contains(&Risk::CredentialsExposure));
        assert!(risks_of("s3:ListBucket").is_empty());
    }
}
