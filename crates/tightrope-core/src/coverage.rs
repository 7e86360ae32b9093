//! Coverage: what a source could not read, and which rules therefore could not be judged.
//!
//! An IaC scan reads everything that is in its files, so its coverage is complete. A live collector
//! can be refused (access denied), find a service not enabled in a region, or talk to an endpoint
//! that does not implement an API. Such a gap is recorded as [`NotCollected`]; a rule whose
//! provider and service have a gap is reported as [`NotEvaluated`], never as passing.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A service (optionally in one region) whose state was not, or only partly, read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NotCollected {
    /// `aws`, `kubernetes`, ...
    pub provider: String,
    /// The service in the rules' vocabulary (`s3`, `iam`, `ec2`, `sagemaker`, ...).
    pub service: String,
    /// The region, for regional services; `None` for global services and whole-service gaps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Why: the operation and the error it returned (never a value read from the account).
    pub reason: String,
    /// Left out on purpose (a service not selected, or not read by this version) rather than
    /// refused or failed. Its rules are still reported as not evaluated, but the input is not
    /// "unreadable": it does not make `audit` exit 2.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
}

impl NotCollected {
    pub fn new(provider: &str, service: &str, region: Option<&str>, reason: impl Into<String>) -> Self {
        NotCollected {
            provider: provider.to_string(),
            service: service.to_string(),
            region: region.map(str::to_string),
            reason: reason.into(),
            skipped: false,
        }
    }

    /// A gap left on purpose: see [`NotCollected::skipped`].
    pub fn skipped(provider: &str, service: &str, reason: impl Into<String>) -> Self {
        NotCollected { skipped: true, ..NotCollected::new(provider, service, None, reason) }
    }

    /// This gap is about the inputs of a rule for `provider` / `service`.
    pub fn affects(&self, provider: &str, service: &str) -> bool {
        self.provider.eq_ignore_ascii_case(provider) && self.service.eq_ignore_ascii_case(service)
    }
}

impl fmt::Display for NotCollected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.region {
            Some(r) => write!(f, "{}/{} in {r}: {}", self.provider, self.service, self.reason),
            None => write!(f, "{}/{}: {}", self.provider, self.service, self.reason),
        }
    }
}

/// A selected rule that could not be judged because some of its inputs were not collected. Any
/// findings it produced on what was collected still stand; the absence of findings proves nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotEvaluated {
    pub rule_id: String,
    pub title: String,
    /// The gaps that affect the rule (`aws/s3 in eu-west-1: ListBuckets: AccessDenied`).
    pub reasons: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affects_matches_provider_and_service_only() {
        let gap = NotCollected::new("aws", "s3", Some("eu-west-1"), "ListBuckets: AccessDenied");
        assert!(gap.affects("aws", "s3"));
        assert!(gap.affects("AWS", "S3"));
        assert!(!gap.affects("aws", "iam"));
        assert!(!gap.affects("kubernetes", "s3"));
        assert_eq!(gap.to_string(), "aws/s3 in eu-west-1: ListBuckets: AccessDenied");
        let global = NotCollected::new("aws", "iam", None, "GetAccountAuthorizationDetails: AccessDenied");
        assert_eq!(global.to_string(), "aws/iam: GetAccountAuthorizationDetails: AccessDenied");
        assert!(!global.skipped);
        let left_out = NotCollected::skipped("aws", "bedrock", "not collected by this version of tightrope");
        assert!(left_out.skipped && left_out.affects("aws", "bedrock"));
        // Snapshots written before the field existed read as failures (the safe side).
        let old: NotCollected = serde_json::from_str(r#"{"provider":"aws","service":"s3","reason":"x"}"#).expect("old gap");
        assert!(!old.skipped);
        assert!(!serde_json::to_string(&global).expect("json").contains("skipped"));
    }
}
