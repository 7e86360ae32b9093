//! `SECRET-SLACK-TOKEN` — Slack bot, user, app, configuration and legacy tokens.
//! Category: credential. Regulations: SOC 2.
//! Trigger: `xoxb-`, `xoxp-`, `xoxa-`, `xoxo-`, `xoxs-`, `xoxr-`, `xoxe.xoxp-`, `xapp-`.
//! Validation: bot/user tokens have numeric team and user segments (10–13 digits) and a final
//! alphanumeric segment of 24–64 characters; app tokens `xapp-1-A…-digits-hex`. High confidence.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 200,
    ..Detector::keyworded(
        "SECRET-SLACK-TOKEN",
        "Slack token",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xoxe", "xapp-"],
        r"\b(?:xox[bpaosr]-(?:\d{8,13}-){1,3}[A-Za-z0-9]{16,64}|xoxe(?:\.xox[bp])?-1-[A-Za-z0-9]{100,200}|xapp-\d-[A-Z0-9]{9,12}-\d{10,13}-[a-f0-9]{64})\b",
        validate,
    )
};

fn validate(_c: &Candidate) -> Option<Confidence> {
    Some(Confidence::High)
}
