//! What a detector is: an id, a category, the regulations it matters for, a trigger (literal
//! keywords and a regex) and a validator that decides the confidence of each candidate.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use tightrope_core::Severity;

/// The kind of sensitive data a detector finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Personal data about a person (GDPR "personal data", CCPA "personal information").
    Pii,
    /// Protected health information (HIPAA).
    Phi,
    /// Payment and bank data (PCI DSS, GLBA).
    Financial,
    /// Credentials and secrets: keys, tokens, passwords.
    Credential,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Pii => "pii",
            Category::Phi => "phi",
            Category::Financial => "financial",
            Category::Credential => "credential",
        }
    }
}

/// A regulation or standard under which a kind of data is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Regulation {
    #[serde(rename = "GDPR")]
    Gdpr,
    #[serde(rename = "CCPA")]
    Ccpa,
    #[serde(rename = "HIPAA")]
    Hipaa,
    #[serde(rename = "PCI DSS")]
    PciDss,
    #[serde(rename = "GLBA")]
    Glba,
    /// Security frameworks that require secrets to stay out of data and code (SOC 2 CC6, ISO 27001 A.8).
    #[serde(rename = "SOC 2")]
    Soc2,
}

impl Regulation {
    pub fn as_str(self) -> &'static str {
        match self {
            Regulation::Gdpr => "GDPR",
            Regulation::Ccpa => "CCPA",
            Regulation::Hipaa => "HIPAA",
            Regulation::PciDss => "PCI DSS",
            Regulation::Glba => "GLBA",
            Regulation::Soc2 => "SOC 2",
        }
    }
}

/// How sure a validator is that a candidate is what the detector looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The shape matches, nothing confirms it (a date, a bare 9-digit number next to "id").
    Low,
    /// The shape and a structural rule or context word agree.
    Medium,
    /// A checksum, an issuer range or an unambiguous structure confirms it.
    High,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Confidence {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Confidence::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown confidence `{s}` (expected low, medium or high)"))
    }
}

/// A regex match handed to a validator: the whole haystack (for context words and pairing), the
/// match span and the value span (capture group `v` when the pattern has one, else the match).
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'h> {
    pub haystack: &'h [u8],
    pub start: usize,
    pub end: usize,
    pub value_start: usize,
    pub value_end: usize,
}

impl<'h> Candidate<'h> {
    /// The bytes of the sensitive value.
    pub fn value(&self) -> &'h [u8] {
        self.haystack.get(self.value_start..self.value_end).unwrap_or_default()
    }

    /// Up to `n` bytes before the match (for context words such as "ssn", "born").
    pub fn before(&self, n: usize) -> &'h [u8] {
        self.haystack.get(self.start.saturating_sub(n)..self.start).unwrap_or_default()
    }

    /// Up to `n` bytes after the match.
    pub fn after(&self, n: usize) -> &'h [u8] {
        let end = self.end.saturating_add(n).min(self.haystack.len());
        self.haystack.get(self.end..end).unwrap_or_default()
    }
}

/// What a validator decides: the confidence, or `None` to drop the candidate.
pub type Validator = fn(&Candidate) -> Option<Confidence>;

/// One detector. Each lives in its own file under `detectors/`, with a doc comment that states its
/// ID, category, regulations, trigger and validation.
#[derive(Debug, Clone, Copy)]
pub struct Detector {
    /// Stable ID, `PII-EMAIL`, `FIN-CREDIT-CARD`, `SECRET-AWS-ACCESS-KEY`.
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub regulations: &'static [Regulation],
    /// Severity of a finding about this kind of data at high confidence.
    pub severity: Severity,
    /// ASCII literals (matched case-insensitively) of which one occurs in or just before every
    /// match. Empty: the pattern runs in the multi-pattern pass over the whole text instead.
    pub keywords: &'static [&'static str],
    /// How far before a keyword hit a match may start, in bytes.
    pub before: usize,
    /// How far after a keyword hit a match may end, in bytes.
    pub after: usize,
    /// The regex (bytes, ASCII classes; a named group `v` marks the value when it is not the whole match).
    pub pattern: &'static str,
    pub validate: Validator,
}

impl Detector {
    /// Defaults for a keyword-triggered detector; detectors override what they need.
    #[allow(clippy::too_many_arguments)] // a const constructor: one argument per field
    pub const fn keyworded(
        id: &'static str,
        title: &'static str,
        category: Category,
        regulations: &'static [Regulation],
        severity: Severity,
        keywords: &'static [&'static str],
        pattern: &'static str,
        validate: Validator,
    ) -> Detector {
        Detector {
            id,
            title,
            category,
            regulations,
            severity,
            keywords,
            before: 64,
            after: 320,
            pattern,
            validate,
        }
    }

    /// Whether this detector finds credentials (their values are never shown beyond a few edge characters).
    pub fn is_secret(&self) -> bool {
        self.category == Category::Credential
    }
}
