//! GuardDuty detectors.

use crate::attr::Attr;
use crate::state::Meta;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GuardDuty {
    pub detectors: Vec<Detector>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Detector {
    pub meta: Meta,
    /// The detector is enabled (default `true`).
    pub enabled: Attr<bool>,
}
