//! `SECRET-STRIPE-KEY` — Stripe secret and restricted API keys (live and test).
//! Category: credential. Regulations: PCI DSS, SOC 2.
//! Trigger: `sk_live_`, `rk_live_`, `sk_test_`, `rk_test_`. Publishable keys (`pk_`) are public by
//! design and not reported. Validation: 20–247 alphanumerics with mixed classes. High confidence
//! for live keys, Medium for test-mode keys (no access to real payments).

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::mixed_classes;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 260,
    ..Detector::keyworded(
        "SECRET-STRIPE-KEY",
        "Stripe secret key",
        Category::Credential,
        &[Regulation::PciDss, Regulation::Soc2],
        Severity::Critical,
        &["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
        r"\b[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}\b",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let v = c.value();
    if !mixed_classes(v.get(8..)?) {
        return None;
    }
    Some(if v.get(3..7) == Some(b"live") {
        Confidence::High
    } else {
        Confidence::Medium
    })
}
