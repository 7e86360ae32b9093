//! npm lock files: package-lock.json (v1 `dependencies`, v2/v3 `packages`), yarn.lock (v1 and
//! berry) and pnpm-lock.yaml.

use super::{Dependency, line_of};
use serde_json::Value;
use std::path::Path;
use tightrope_core::InputError;

const MAX_NESTING: usize = 64;

fn npm(name: &str, version: &str, integrity: Option<&str>, path: &Path, text: &str) -> Dependency {
    let mut d = Dependency::new("npm", name, Some(version.to_string()), path, line_of(text, &format!("\"{name}\"")));
    d.hashes.extend(integrity.map(str::to_string));
    d
}

pub fn package_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| InputError { path: path.display().to_string(), line: Some(e.line() as u32), message: format!("invalid JSON: {e}") })?;
    let mut out = Vec::new();
    if let Some(packages) = doc.get("packages").and_then(Value::as_object) {
        for (key, p) in packages.iter().filter(|(k, _)| !k.is_empty()) {
            if p.get("link").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            let name = p.get("name").and_then(Value::as_str).unwrap_or_else(|| key.rsplit("node_modules/").next().unwrap_or(key));
            if let Some(v) = p.get("version").and_then(Value::as_str) {
                out.push(npm(name, v, p.get("integrity").and_then(Value::as_str), path, text));
            }
        }
    } else if let Some(deps) = doc.get("dependencies") {
        v1(deps, path, text, &mut out, 0);
    }
    Ok(out)
}

fn v1(deps: &Value, path: &Path, text: &str, out: &mut Vec<Dependency>, depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    for (name, p) in deps.as_object().into_iter().flatten() {
        if let Some(v) = p.get("version").and_then(Value::as_str).filter(|v| !v.contains(':')) {
            out.push(npm(name, v, p.get("integrity").and_then(Value::as_str), path, text));
        }
        if let Some(nested) = p.get("dependencies") {
            v1(nested, path, text, out, depth + 1);
        }
    }
}

/// yarn.lock: blocks `"name@range", name@range:` followed by an indented `version "x"` line.
pub fn yarn_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let mut out = Vec::new();
    let mut current: Option<(String, u32)> = None;
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with(' ') && line.ends_with(':') && !line.starts_with('#') {
            let first = line.trim_end_matches(':').split(", ").next().unwrap_or("").trim_matches('"');
            let at = first.get(1..).and_then(|r| r.find('@')).map(|p| p + 1);
            current = at.map(|p| (first[..p].to_string(), i as u32 + 1));
        } else if let Some((name, n)) = &current {
            let t = line.trim();
            if let Some(v) = t.strip_prefix("version ").or_else(|| t.strip_prefix("version: ")) {
                let mut d = Dependency::new("npm", name, Some(v.trim_matches('"').to_string()), path, *n);
                d.hashes = Vec::new();
                out.push(d);
                current = None;
            }
        }
    }
    Ok(out)
}

/// pnpm-lock.yaml: keys of `packages:` are `/name@version`, `name@version` or `/name/version`.
pub fn pnpm_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let doc: Value = yaml_serde::from_str(text).map_err(|e| InputError {
        path: path.display().to_string(),
        line: e.location().map(|l| l.line() as u32),
        message: format!("invalid YAML: {e}"),
    })?;
    let mut out = Vec::new();
    for key in doc.get("packages").and_then(Value::as_object).into_iter().flat_map(|m| m.keys()) {
        let k = key.trim_start_matches('/');
        let k = k.split('(').next().unwrap_or(k);
        let split = k.get(1..).and_then(|r| r.rfind('@')).map(|p| p + 1).or_else(|| k.get(1..).and_then(|r| r.rfind('/')).map(|p| p + 1));
        if let Some(p) = split {
            out.push(Dependency::new("npm", &k[..p], Some(k[p + 1..].to_string()), path, line_of(text, key)));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_formats() {
        let p = Path::new("x");
        let d = package_lock(p, r#"{"lockfileVersion":3,"packages":{"":{},"node_modules/@a/b":{"version":"1.0.0"},"node_modules/c":{"version":"2.0.0"}}}"#).unwrap();
        assert_eq!(d.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["@a/b", "c"]);
        let y = yarn_lock(p, "\"@babel/core@^7.0.0\", \"@babel/core@^7.1\":\n  version \"7.2.0\"\n\nlodash@^4:\n  version \"4.17.20\"\n").unwrap();
        assert_eq!(y.len(), 2);
        assert_eq!((y[0].name.as_str(), y[0].version.as_deref()), ("@babel/core", Some("7.2.0")));
        let n = pnpm_lock(p, "packages:\n  /lodash@4.17.20:\n    resolution: {integrity: x}\n  /@types/node@20.1.0(x@1):\n    dev: true\n").unwrap();
        let t = n.iter().find(|d| d.name == "@types/node").expect("scoped package");
        assert_eq!(t.version.as_deref(), Some("20.1.0"));
        assert!(n.iter().any(|d| d.name == "lodash" && d.version.as_deref() == Some("4.17.20")));
    }
}
