//! npm lock files: package-lock.json (v1 `dependencies`, v2/v3 `packages`), yarn.lock (v1 and
//! berry) and pnpm-lock.yaml.

use super::{Dependency, Requirement, line_of};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;
use tightrope_core::InputError;

const MAX_NESTING: usize = 64;
/// The dependency maps of a package entry that become graph edges.
const EDGE_KEYS: &[&str] = &["dependencies", "optionalDependencies"];

fn npm(name: &str, version: &str, integrity: Option<&str>, path: &Path, text: &str) -> Dependency {
    let mut d = Dependency::new("npm", name, Some(version.to_string()), path, line_of(text, &format!("\"{name}\"")));
    d.hashes.extend(integrity.map(str::to_string));
    d
}

/// Names of the packages an entry depends on (`keys` of its dependency maps).
fn edge_names<'a>(p: &'a Value, keys: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    keys.iter().filter_map(|k| p.get(*k)?.as_object()).flat_map(|m| m.keys().map(String::as_str))
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
                let mut d = npm(name, v, p.get("integrity").and_then(Value::as_str), path, text);
                d.requires = Some(edge_names(p, EDGE_KEYS).map(|dep| resolve_node_modules(packages, key, dep)).collect());
                out.push(d);
            }
        }
    } else if let Some(deps) = doc.get("dependencies").and_then(Value::as_object) {
        v1(deps, &mut vec![deps], path, text, &mut out);
    }
    Ok(out)
}

/// Node's lookup in a v2/v3 `packages` map: `<from>/node_modules/<name>`, then each enclosing
/// `node_modules` up to the root; links resolve to their target.
fn resolve_node_modules(packages: &Map<String, Value>, from: &str, name: &str) -> Requirement {
    let mut base = from.to_string();
    loop {
        let candidate = if base.is_empty() { format!("node_modules/{name}") } else { format!("{base}/node_modules/{name}") };
        if let Some(p) = packages.get(&candidate) {
            let target = match p.get("resolved").and_then(Value::as_str) {
                Some(r) if p.get("link").and_then(Value::as_bool) == Some(true) => packages.get(r).unwrap_or(p),
                _ => p,
            };
            return Requirement::new(name, target.get("version").and_then(Value::as_str));
        }
        if base.is_empty() {
            return Requirement::new(name, None);
        }
        base = base.rfind("node_modules/").map_or(String::new(), |i| base[..i].trim_end_matches('/').to_string());
    }
}

/// Lock file v1: nested `dependencies`, edges in `requires`, resolved in the nearest enclosing scope.
fn v1<'a>(deps: &'a Map<String, Value>, scopes: &mut Vec<&'a Map<String, Value>>, path: &Path, text: &str, out: &mut Vec<Dependency>) {
    if scopes.len() > MAX_NESTING {
        return;
    }
    for (name, p) in deps {
        let nested = p.get("dependencies").and_then(Value::as_object);
        if let Some(v) = p.get("version").and_then(Value::as_str).filter(|v| !v.contains(':')) {
            let mut d = npm(name, v, p.get("integrity").and_then(Value::as_str), path, text);
            let requires = edge_names(p, &["requires"])
                .map(|dep| {
                    let found = nested.into_iter().chain(scopes.iter().rev().copied()).find_map(|scope| scope.get(dep));
                    Requirement::new(dep, found.and_then(|f| f.get("version")).and_then(Value::as_str).filter(|v| !v.contains(':')))
                })
                .collect();
            d.requires = Some(requires);
            out.push(d);
        }
        if let Some(nested) = nested {
            scopes.push(nested);
            v1(nested, scopes, path, text, out);
            scopes.pop();
        }
    }
}

/// One entry of a yarn.lock.
#[derive(Default)]
struct YarnBlock {
    specs: Vec<String>,
    line: u32,
    version: Option<String>,
    integrity: Option<String>,
    deps: Vec<(String, String)>,
}

/// `name@range` -> `name` (scoped names keep their leading `@`).
fn spec_name(spec: &str) -> Option<&str> {
    spec.get(1..).and_then(|r| r.find('@')).map(|p| &spec[..p + 1])
}

/// yarn.lock (v1 and berry): blocks `"name@range", name@range:` with indented fields `version`,
/// `integrity` (v1) and a `dependencies:` map of `name range`.
pub fn yarn_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let mut blocks: Vec<YarnBlock> = Vec::new();
    let mut in_deps = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        let unquote = |s: &str| s.trim().trim_end_matches(':').trim_matches('"').to_string();
        if indent == 0 && t.ends_with(':') {
            let specs = t.trim_end_matches(':').split(", ").map(unquote).collect();
            blocks.push(YarnBlock { specs, line: i as u32 + 1, ..Default::default() });
            in_deps = false;
            continue;
        }
        let Some(b) = blocks.last_mut() else { continue };
        if indent <= 2 {
            in_deps = matches!(t, "dependencies:" | "optionalDependencies:");
            if let Some(v) = t.strip_prefix("version ").or_else(|| t.strip_prefix("version: ")) {
                b.version = Some(unquote(v));
            } else if let Some(v) = t.strip_prefix("integrity ") {
                b.integrity = Some(unquote(v));
            }
        } else if in_deps {
            let (name, range) = match t.split_once(": ") {
                Some((n, r)) if !t.starts_with('"') || n.ends_with('"') => (n, r),
                _ => t.rsplit_once(' ').unwrap_or((t, "")),
            };
            b.deps.push((unquote(name), unquote(range)));
        }
    }
    let mut resolved: HashMap<&str, (&str, &str)> = HashMap::new();
    for b in &blocks {
        for spec in &b.specs {
            if let (Some(name), Some(v)) = (spec_name(spec), b.version.as_deref()) {
                resolved.insert(spec.as_str(), (name, v));
            }
        }
    }
    let lookup = |name: &str, range: &str| {
        resolved.get(format!("{name}@{range}").as_str()).or_else(|| resolved.get(format!("{name}@npm:{range}").as_str())).map(|(_, v)| *v)
    };
    let mut out = Vec::new();
    for b in &blocks {
        let (Some(name), Some(v)) = (b.specs.first().and_then(|s| spec_name(s)), b.version.as_deref()) else { continue };
        let mut d = Dependency::new("npm", name, Some(v.to_string()), path, b.line);
        d.hashes.extend(b.integrity.clone());
        d.requires = Some(b.deps.iter().map(|(n, r)| Requirement::new(n, lookup(n, r))).collect());
        out.push(d);
    }
    Ok(out)
}

/// A pnpm version reference: `1.0.0`, `1.0.0(peer@1)` (v6+), `1.0.0_peer@1` (v5); links have none.
fn pnpm_version(v: &str) -> Option<&str> {
    (!v.starts_with("link:") && !v.starts_with("file:")).then(|| v.split(['(', '_']).next().unwrap_or(v))
}

/// pnpm-lock.yaml: keys of `packages:` are `/name@version`, `name@version` or `/name/version`;
/// edges are in the entry (v5/v6) or in `snapshots:` (v9).
pub fn pnpm_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let doc: Value = yaml_serde::from_str(text).map_err(|e| InputError {
        path: path.display().to_string(),
        line: e.location().map(|l| l.line() as u32),
        message: format!("invalid YAML: {e}"),
    })?;
    let snapshots = doc.get("snapshots").and_then(Value::as_object);
    let mut out = Vec::new();
    for (key, entry) in doc.get("packages").and_then(Value::as_object).into_iter().flatten() {
        let k = key.trim_start_matches('/');
        let k = k.split('(').next().unwrap_or(k);
        let split = k.get(1..).and_then(|r| r.rfind('@')).map(|p| p + 1).or_else(|| k.get(1..).and_then(|r| r.rfind('/')).map(|p| p + 1));
        let Some(p) = split else { continue };
        let mut d = Dependency::new("npm", &k[..p], Some(k[p + 1..].to_string()), path, line_of(text, key));
        d.hashes.extend(entry.get("resolution").and_then(|r| r.get("integrity")).and_then(Value::as_str).map(str::to_string));
        let snapshot = snapshots.and_then(|s| s.get(key.as_str()).or_else(|| s.iter().find(|(sk, _)| sk.split('(').next() == Some(k)).map(|(_, v)| v)));
        let edges = if EDGE_KEYS.iter().any(|e| entry.get(*e).is_some()) { Some(entry) } else { snapshot };
        d.requires = Some(
            EDGE_KEYS
                .iter()
                .filter_map(|e| edges?.get(*e)?.as_object())
                .flatten()
                .map(|(n, v)| Requirement::new(n, v.as_str().and_then(pnpm_version)))
                .collect(),
        );
        out.push(d);
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

    fn edges(d: &Dependency) -> Vec<(String, Option<String>)> {
        d.requires.iter().flatten().map(|r| (r.name.clone(), r.version.clone())).collect()
    }

    #[test]
    fn graphs() {
        let p = Path::new("x");
        // v3: b resolves to the copy nested under a, c to the hoisted one.
        let d = package_lock(p, r#"{"lockfileVersion":3,"packages":{"":{"dependencies":{"a":"^1"}},
            "node_modules/a":{"version":"1.0.0","dependencies":{"b":"^2","c":"^1"}},
            "node_modules/a/node_modules/b":{"version":"2.0.0"},"node_modules/b":{"version":"1.0.0"},
            "node_modules/c":{"version":"1.1.0","integrity":"sha512-AA=="}}}"#).unwrap();
        let a = d.iter().find(|x| x.name == "a").unwrap();
        assert_eq!(edges(a), [("b".into(), Some("2.0.0".into())), ("c".into(), Some("1.1.0".into()))]);
        // v1: requires resolved in the nearest scope.
        let d = package_lock(p, r#"{"lockfileVersion":1,"dependencies":{"a":{"version":"1.0.0","requires":{"b":"^2"},"dependencies":{"b":{"version":"2.0.0"}}},"b":{"version":"1.0.0"}}}"#).unwrap();
        assert_eq!(edges(d.iter().find(|x| x.name == "a").unwrap()), [("b".into(), Some("2.0.0".into()))]);
        let y = yarn_lock(p, "a@^1.0.0:\n  version \"1.0.0\"\n  integrity sha512-AA==\n  dependencies:\n    \"@s/b\" \"^2.0.0\"\n\n\"@s/b@^2.0.0\":\n  version \"2.1.0\"\n").unwrap();
        assert_eq!(edges(&y[0]), [("@s/b".into(), Some("2.1.0".into()))]);
        assert_eq!(y[0].hashes, ["sha512-AA=="]);
        let berry = yarn_lock(p, "__metadata:\n  version: 6\n\n\"a@npm:^1.0.0\":\n  version: 1.0.0\n  dependencies:\n    b: ^2.0.0\n\n\"b@npm:^2.0.0\":\n  version: 2.0.3\n").unwrap();
        assert_eq!(edges(&berry[0]), [("b".into(), Some("2.0.3".into()))]);
        let n = pnpm_lock(p, "packages:\n  /a@1.0.0:\n    resolution: {integrity: sha512-AA==}\n    dependencies:\n      b: 2.0.0(c@1.0.0)\n  /b@2.0.0:\n    dev: false\n").unwrap();
        assert_eq!(edges(&n[0]), [("b".into(), Some("2.0.0".into()))]);
        let v9 = pnpm_lock(p, "packages:\n  a@1.0.0:\n    resolution: {integrity: sha512-AA==}\nsnapshots:\n  a@1.0.0:\n    dependencies:\n      b: 2.0.0\n").unwrap();
        assert_eq!(edges(&v9[0]), [("b".into(), Some("2.0.0".into()))]);
    }
}
