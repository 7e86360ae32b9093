//! Cargo.lock and go.sum.

use super::Dependency;
use std::collections::BTreeSet;
use std::path::Path;
use tightrope_core::InputError;

pub fn cargo_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    super::python::toml_packages(path, text, "crates.io")
}

/// go.sum: `module version[/go.mod] h1:hash`; one dependency per module and version.
pub fn go_sum(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut parts = line.split_whitespace();
        let (Some(module), Some(version), Some(hash)) = (parts.next(), parts.next(), parts.next()) else {
            if !line.trim().is_empty() {
                return Err(InputError { path: path.display().to_string(), line: Some(i as u32 + 1), message: "expected `module version hash`".into() });
            }
            continue;
        };
        let version = version.trim_end_matches("/go.mod");
        if seen.insert((module.to_string(), version.to_string())) {
            let mut d = Dependency::new("Go", module, Some(version.to_string()), path, i as u32 + 1);
            d.hashes.push(hash.to_string());
            out.push(d);
        }
    }
    Ok(out)
}
