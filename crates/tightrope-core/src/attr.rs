//! [`Attr`]: a configuration value with its provenance and origin.

use crate::origin::Origin;
use serde::{Deserialize, Serialize};

/// How a value came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Written in the source (or returned by the API).
    Explicit,
    /// Not written: this is what the provider does when the attribute is left out.
    Default,
    /// Written, but as an expression that cannot be resolved offline (a variable without a value,
    /// an attribute known only after apply, a remote module output). Rules never guess it.
    Unknown,
}

/// A configuration value, whether it was set explicitly, and where it came from.
///
/// For a default, the origin is the enclosing resource block: that is where the attribute must be
/// added to change it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attr<T> {
    pub value: Option<T>,
    pub provenance: Provenance,
    pub origin: Origin,
}

impl<T> Attr<T> {
    pub fn explicit(value: T, origin: Origin) -> Self {
        Attr { value: Some(value), provenance: Provenance::Explicit, origin }
    }

    /// The provider default; `None` when leaving the attribute out means "not configured".
    pub fn default_value(value: Option<T>, origin: Origin) -> Self {
        Attr { value, provenance: Provenance::Default, origin }
    }

    pub fn unknown(origin: Origin) -> Self {
        Attr { value: None, provenance: Provenance::Unknown, origin }
    }

    /// The value, explicit or default; `None` when unknown or not configured.
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }

    pub fn is_unknown(&self) -> bool {
        self.provenance == Provenance::Unknown
    }

    pub fn is_explicit(&self) -> bool {
        self.provenance == Provenance::Explicit
    }

    /// Known (explicitly or by default) not to be configured.
    pub fn is_absent(&self) -> bool {
        self.value.is_none() && !self.is_unknown()
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Attr<U> {
        Attr { value: self.value.map(f), provenance: self.provenance, origin: self.origin }
    }
}

impl<T: PartialEq> Attr<T> {
    /// The value is known and equals `v`.
    pub fn is(&self, v: &T) -> bool {
        self.value.as_ref() == Some(v)
    }
}

impl Attr<String> {
    /// The value is known and equals `v`, ignoring ASCII case.
    pub fn eq_ignore_case(&self, v: &str) -> bool {
        self.value.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(v))
    }
}

impl<T> Default for Attr<T> {
    fn default() -> Self {
        Attr { value: None, provenance: Provenance::Default, origin: Origin::Unknown }
    }
}
