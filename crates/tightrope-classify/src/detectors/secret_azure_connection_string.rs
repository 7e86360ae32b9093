//! `SECRET-AZURE-CONNECTION-STRING` — Azure storage account keys and Service Bus / Event Hubs /
//! App Configuration connection strings. Category: credential. Regulations: SOC 2.
//! Trigger: `AccountKey=`, `SharedAccessKey=`, `azconfig.io;Id=` … `Secret=`.
//! Validation: the key is base64 that decodes to 64 bytes (storage account key) or 32 bytes (SAS and
//! App Configuration keys). High confidence; keys that do not decode are not reported.

use crate::detector::{Candidate, Category, Confidence, Detector, Regulation};
use crate::validate::base64_decode;
use tightrope_core::Severity;

pub const DETECTOR: Detector = Detector {
    before: 0,
    after: 120,
    ..Detector::keyworded(
        "SECRET-AZURE-CONNECTION-STRING",
        "Azure connection string / storage key",
        Category::Credential,
        &[Regulation::Soc2],
        Severity::Critical,
        &["accountkey=", "sharedaccesskey=", ";secret="],
        r"(?i:AccountKey|SharedAccessKey|;Secret)=(?P<v>[A-Za-z0-9+/]{40,90}={0,2})",
        validate,
    )
};

fn validate(c: &Candidate) -> Option<Confidence> {
    let key = base64_decode(c.value())?;
    matches!(key.len(), 32 | 64).then_some(Confidence::High)
}
