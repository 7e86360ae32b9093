//! One piece of evidence in an alert: what was unusual, how strong the evidence is, and why in
//! words a person can check.

use serde::Serialize;

/// What kind of deviation a [`Signal`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// An identity the baseline has never seen.
    NewIdentity,
    /// An action this identity never called in the baseline.
    FirstAction,
    /// An action this identity called, but rarely.
    RareAction,
    FirstRegion,
    FirstNetwork,
    FirstUserAgent,
    /// Activity at an hour of day this identity is never active.
    UnusualHour,
    /// A model this identity never invoked.
    NewAiModel,
    /// A new training-data or knowledge-base source.
    NewDataSource,
    /// A failed call by an identity that rarely fails.
    FailedCall,
    /// A successful console sign-in after recent failed ones.
    LoginAfterFailures,
    /// More calls in a window than the identity's 99th percentile.
    VolumeBurst,
    AiBurst,
    ErrorSpike,
    S3ReadBurst,
    /// Several distant networks in one window (travel proxy; no geolocation offline).
    Travel,
    /// Bedrock reconnaissance followed by invocations from a new network or at burst volume.
    LlmJacking,
    /// The isolation forest finds the window's combination of volumes unusual.
    Forest,
    /// A Sigma rule matched.
    Sigma,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    /// The unusual value (action, network, model, rule id, ...).
    pub value: String,
    /// Evidence strength in [0, 1] (see `docs/detect.md` for how each kind is computed).
    pub strength: f64,
    /// A sentence a person can verify against the baseline.
    pub reason: String,
}

/// Noisy-OR combination of independent evidence: 1 − Π(1 − sᵢ).
pub fn combine(strengths: impl IntoIterator<Item = f64>) -> f64 {
    1.0 - strengths
        .into_iter()
        .fold(1.0, |acc, s| acc * (1.0 - s.clamp(0.0, 1.0)))
}
