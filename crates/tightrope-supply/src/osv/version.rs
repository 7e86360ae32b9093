//! Version ordering per ecosystem: PEP 440 for PyPI, node-semver for npm, Cargo semver for
//! crates.io, semver with Go's `v` prefix (pseudo-versions order as pre-releases) for Go.

use std::cmp::Ordering;
use std::str::FromStr;

/// Ecosystems whose versions can be compared.
pub const SUPPORTED: &[&str] = &["PyPI", "npm", "crates.io", "Go"];

/// A parsed version of one ecosystem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    Pep440(pep440_rs::Version),
    Npm(nodejs_semver::Version),
    Semver(semver::Version),
}

impl Version {
    /// Parse `s` with `ecosystem`'s rules; `None` when the ecosystem is unsupported or `s` invalid.
    pub fn parse(ecosystem: &str, s: &str) -> Option<Version> {
        let s = s.trim();
        match ecosystem {
            "PyPI" => pep440_rs::Version::from_str(s).ok().map(Version::Pep440),
            "npm" => nodejs_semver::Version::parse(s).ok().map(Version::Npm),
            "crates.io" => semver::Version::parse(s).ok().map(Version::Semver),
            "Go" => semver::Version::parse(s.strip_prefix('v').unwrap_or(s)).ok().map(Version::Semver),
            _ => None,
        }
    }

    /// The lowest version, what OSV's `introduced: "0"` means.
    pub fn zero(ecosystem: &str) -> Option<Version> {
        Version::parse(ecosystem, if ecosystem == "PyPI" { "0a0.dev0" } else { "0.0.0-0" })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self, other) {
            (Version::Pep440(a), Version::Pep440(b)) => Some(a.cmp(b)),
            (Version::Npm(a), Version::Npm(b)) => Some(a.cmp(b)),
            (Version::Semver(a), Version::Semver(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(e: &str, s: &str) -> Version {
        Version::parse(e, s).unwrap_or_else(|| panic!("{e} {s}"))
    }

    #[test]
    fn ecosystem_semantics() {
        assert!(v("PyPI", "1.10") > v("PyPI", "1.9"));
        assert!(v("PyPI", "2.0rc1") < v("PyPI", "2.0"));
        assert!(v("PyPI", "1.0.post1") > v("PyPI", "1.0"));
        assert_eq!(v("PyPI", "1.2"), v("PyPI", "1.2.0"));
        assert!(v("npm", "1.0.0-beta.2") < v("npm", "1.0.0"));
        assert!(v("Go", "v0.0.0-20191109021931-daa7c04131f5") < v("Go", "v0.1.0"));
        assert!(v("crates.io", "0.10.0") > v("crates.io", "0.9.9"));
        assert!(Version::zero("PyPI").unwrap() < v("PyPI", "0.0.1a1"));
        assert!(Version::parse("Maven", "1.0").is_none());
    }
}
