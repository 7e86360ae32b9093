//! Sensitivity labels and how findings map to them.
//!
//! | label | when |
//! |---|---|
//! | `restricted` | a credential (medium or high confidence), PHI, financial data (card, IBAN, routing number) or a national ID (SSN, NINO, passport) |
//! | `confidential` | other personal data at medium or high confidence (e-mail, phone, name, street address, date of birth) |
//! | `internal` | only weak signals: low-confidence matches, IP addresses, bare dates |
//! | `public` | nothing found |

use crate::detector::{Category, Confidence, Detector};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A dataset's sensitivity, from least to most sensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    #[default]
    Public,
    Internal,
    Confidential,
    Restricted,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Public, Label::Internal, Label::Confidential, Label::Restricted];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Public => "public",
            Label::Internal => "internal",
            Label::Confidential => "confidential",
            Label::Restricted => "restricted",
        }
    }

    /// The label one occurrence of `detector` at `confidence` calls for.
    pub fn for_match(detector: &Detector, confidence: Confidence) -> Label {
        if confidence == Confidence::Low {
            return Label::Internal;
        }
        match detector.category {
            Category::Credential | Category::Phi | Category::Financial => Label::Restricted,
            Category::Pii => match detector.id {
                "PII-US-SSN" | "PII-UK-NINO" | "PII-PASSPORT" => Label::Restricted,
                "PII-IP-ADDRESS" | "PII-DATE" => Label::Internal,
                _ => Label::Confidential,
            },
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown label `{s}` (expected public, internal, confidential or restricted)"))
    }
}
