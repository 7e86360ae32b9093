//! `SECRET-SLACK-WEBHOOK` — Slack incoming-webhook or workflow URL (anyone holding it can post).
//! Category: credential. Regulations: SOC 2.
//! Trigger: `hooks.slack.com/`. Validation: `services/T…/B…/secret` (team and bot ids upper-case,
//! 24-character secret) or `workflows|triggers/T…/A…/digits/secret`. High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 8,
    after: 160,
    ..Detector::keyworded(
        "SECRET-SLACK-WEBHOOK",
        "Slack webhook URL",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::High,
        &["hooks.slack.com/"],
        r"https://hooks\.slack\.com/(?:services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}|(?:workflows|triggers)/T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/\d{8,20}/[A-Za-z0-9]{20,32})\b",
        validate,
    )
};

fn validate(_c: &Candidate) -> Option<Confidence> {
    Some(Confidence::High)
}
