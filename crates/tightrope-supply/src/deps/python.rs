//! Python manifests: requirements files (`-r`, `--hash`, markers, extras), poetry.lock, uv.lock,
//! Pipfile.lock, pyproject.toml (PEP 621 and Poetry) and conda environment.yml.

use super::{Dependency, Requirement, line_of, read_text};
use serde_json::Value;
use std::path::Path;
use tightrope_core::InputError;

const MAX_INCLUDE_DEPTH: usize = 8;

fn err(path: &Path, line: Option<u32>, message: String) -> InputError {
    InputError { path: path.display().to_string(), line, message }
}

/// One PEP 508 requirement: `name[extras] (op version)* ; marker`.
pub fn requirement(spec: &str, path: &Path, line: u32) -> Option<Dependency> {
    let spec = spec.split(';').next()?.trim();
    if spec.is_empty() || spec.contains("://") || spec.starts_with('.') || spec.starts_with('/') {
        return None;
    }
    let end = spec.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))).unwrap_or(spec.len());
    let name = &spec[..end];
    if name.is_empty() {
        return None;
    }
    let mut rest = spec[end..].trim();
    if rest.starts_with('[') {
        rest = rest.split_once(']').map_or("", |(_, r)| r).trim();
    }
    let rest = rest.trim_start_matches('(').trim_end_matches(')').trim();
    let exact = rest
        .strip_prefix("===")
        .or_else(|| rest.strip_prefix("=="))
        .map(str::trim)
        .filter(|v| !v.contains(',') && !v.contains('*'));
    let mut d = Dependency::new("PyPI", name, exact.map(str::to_string), path, line);
    if exact.is_none() {
        d.constraint = Some(rest.to_string());
    }
    Some(d)
}

/// `requirements*.txt`, following `-r`/`--requirement` includes relative to the file.
pub fn requirements(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let mut out = Vec::new();
    requirements_rec(path, text, 0, &mut out)?;
    Ok(out)
}

fn requirements_rec(path: &Path, text: &str, depth: usize, out: &mut Vec<Dependency>) -> Result<(), InputError> {
    // Join continuation lines, keeping the first line number.
    let mut logical: Vec<(u32, String)> = Vec::new();
    let mut pending: Option<(u32, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split(" #").next().unwrap_or(raw);
        let line = if line.trim_start().starts_with('#') { "" } else { line };
        let (n, mut acc) = pending.take().unwrap_or((i as u32 + 1, String::new()));
        if let Some(cont) = line.strip_suffix('\\') {
            acc.push_str(cont);
            acc.push(' ');
            pending = Some((n, acc));
        } else {
            acc.push_str(line);
            logical.push((n, acc));
        }
    }
    if let Some(p) = pending {
        logical.push(p);
    }
    for (n, line) in logical {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let include = line.strip_prefix("-r ").or_else(|| line.strip_prefix("--requirement ")).or_else(|| line.strip_prefix("--requirement="));
        if let Some(inc) = include {
            if depth >= MAX_INCLUDE_DEPTH {
                return Err(err(path, Some(n), format!("`-r` includes nest deeper than {MAX_INCLUDE_DEPTH}")));
            }
            let target = path.parent().unwrap_or(Path::new(".")).join(inc.trim());
            let text = read_text(&target).map_err(|e| err(path, Some(n), format!("included file {}: {}", target.display(), e.message)))?;
            requirements_rec(&target, &text, depth + 1, out)?;
            continue;
        }
        if line.starts_with('-') {
            continue; // -c, -e, --index-url, -f ... are options, not requirements
        }
        let mut parts = line.split_whitespace();
        let spec_end = line.find(" --").unwrap_or(line.len());
        let hashes: Vec<String> = parts.by_ref().filter_map(|p| p.strip_prefix("--hash=").map(str::to_string)).collect();
        if let Some(mut d) = requirement(&line[..spec_end], path, n) {
            d.hashes = hashes;
            out.push(d);
        }
    }
    Ok(())
}

fn toml_doc(path: &Path, text: &str) -> Result<toml::Table, InputError> {
    text.parse::<toml::Table>().map_err(|e| {
        let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() as u32 + 1);
        err(path, line, format!("invalid TOML: {}", e.message()))
    })
}

/// `[[package]]` tables with `name` and `version` (poetry.lock, uv.lock, Cargo.lock).
pub(crate) fn toml_packages(path: &Path, text: &str, ecosystem: &str) -> Result<Vec<Dependency>, InputError> {
    let doc = toml_doc(path, text)?;
    let packages = doc.get("package").and_then(|p| p.as_array()).cloned().unwrap_or_default();
    Ok(packages
        .iter()
        .filter_map(|p| {
            let name = p.get("name")?.as_str()?;
            let version = p.get("version")?.as_str()?;
            let line = line_of(text, &format!("name = \"{name}\""));
            let mut d = Dependency::new(ecosystem, name, Some(version.to_string()), path, line);
            if let Some(c) = p.get("checksum").and_then(|c| c.as_str()) {
                d.hashes.push(format!("sha256:{c}"));
            }
            // uv.lock: `sdist = { hash }`, `wheels = [{ hash }]`; poetry.lock: `files = [{ hash }]`.
            let artifacts = p.get("sdist").into_iter().chain(["wheels", "files"].iter().filter_map(|k| p.get(*k)?.as_array()).flatten());
            for h in artifacts.filter_map(|a| a.get("hash")?.as_str()) {
                if !d.hashes.iter().any(|x| x == h) {
                    d.hashes.push(h.to_string());
                }
            }
            d.requires = Some(lock_requires(p.get("dependencies")));
            Some(d)
        })
        .collect())
}

/// The `dependencies` of a `[[package]]`: Cargo's `["name", "name version", "name version (source)"]`,
/// uv's `[{ name, version? }]` or Poetry's `{ name = constraint }` table.
fn lock_requires(deps: Option<&toml::Value>) -> Vec<Requirement> {
    match deps {
        Some(toml::Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                toml::Value::String(s) => {
                    let mut parts = s.split_whitespace();
                    Some(Requirement::new(parts.next()?, parts.next()))
                }
                toml::Value::Table(t) => Some(Requirement::new(t.get("name")?.as_str()?, t.get("version").and_then(|v| v.as_str()))),
                _ => None,
            })
            .collect(),
        Some(toml::Value::Table(t)) => t.keys().map(|name| Requirement::new(name, None)).collect(),
        _ => Vec::new(),
    }
}

pub fn poetry_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    toml_packages(path, text, "PyPI")
}

pub fn uv_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    toml_packages(path, text, "PyPI")
}

pub fn pipfile_lock(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| err(path, Some(e.line() as u32), format!("invalid JSON: {e}")))?;
    let mut out = Vec::new();
    for section in ["default", "develop"] {
        for (name, spec) in doc.get(section).and_then(Value::as_object).into_iter().flatten() {
            let v = spec.get("version").and_then(Value::as_str).unwrap_or("");
            let mut d = requirement(&format!("{name}{v}"), path, line_of(text, &format!("\"{name}\""))).unwrap_or_else(|| Dependency::new("PyPI", name, None, path, 1));
            d.hashes = spec.get("hashes").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect();
            out.push(d);
        }
    }
    Ok(out)
}

/// PEP 621 `[project] dependencies` / optional dependencies and Poetry `[tool.poetry.dependencies]`.
pub fn pyproject(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let doc = toml_doc(path, text)?;
    let mut out = Vec::new();
    let project = doc.get("project");
    let mut specs: Vec<&str> = project.and_then(|p| p.get("dependencies")).and_then(|d| d.as_array()).into_iter().flatten().filter_map(|v| v.as_str()).collect();
    for group in project.and_then(|p| p.get("optional-dependencies")).and_then(|o| o.as_table()).into_iter().flat_map(|t| t.values()) {
        specs.extend(group.as_array().into_iter().flatten().filter_map(|v| v.as_str()));
    }
    for s in specs {
        if let Some(d) = requirement(s, path, line_of(text, s)) {
            out.push(d);
        }
    }
    let poetry = doc.get("tool").and_then(|t| t.get("poetry")).and_then(|p| p.get("dependencies")).and_then(|d| d.as_table());
    for (name, spec) in poetry.into_iter().flatten().filter(|(n, _)| n.as_str() != "python") {
        let v = spec.as_str().or_else(|| spec.get("version").and_then(|v| v.as_str())).unwrap_or("*");
        let exact = v.strip_prefix("==").unwrap_or(v);
        let is_exact = !exact.is_empty() && exact.chars().next().is_some_and(|c| c.is_ascii_digit()) && !exact.contains([',', '*', '<', '>']);
        let mut d = Dependency::new("PyPI", name, is_exact.then(|| exact.to_string()), path, line_of(text, &format!("{name} =")));
        if !is_exact {
            d.constraint = Some(v.to_string());
        }
        out.push(d);
    }
    Ok(out)
}

/// conda `environment.yml`: conda packages (`name=version=build`) and the `pip:` sub-list.
pub fn conda_env(path: &Path, text: &str) -> Result<Vec<Dependency>, InputError> {
    let doc: Value = yaml_serde::from_str(text).map_err(|e| err(path, e.location().map(|l| l.line() as u32), format!("invalid YAML: {e}")))?;
    let mut out = Vec::new();
    for item in doc.get("dependencies").and_then(Value::as_array).into_iter().flatten() {
        if let Some(s) = item.as_str() {
            let spec = s.split("::").last().unwrap_or(s);
            let mut parts = spec.splitn(3, '=');
            let name = parts.next().unwrap_or("").trim();
            let name = name.split(['<', '>', '!', ' ']).next().unwrap_or(name);
            let version = parts.next().filter(|v| !v.is_empty() && !v.contains('*')).map(str::to_string);
            let mut d = Dependency::new("conda", name, version.clone(), path, line_of(text, s));
            if version.is_none() {
                d.constraint = Some(spec[name.len().min(spec.len())..].to_string());
            }
            out.push(d);
        } else if let Some(pip) = item.get("pip").and_then(Value::as_array) {
            for p in pip.iter().filter_map(Value::as_str) {
                if let Some(d) = requirement(p, path, line_of(text, p)) {
                    out.push(d);
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_forms() {
        let p = Path::new("requirements.txt");
        let d = requirement("Django[bcrypt]==1.2 ; python_version < '3'", p, 1).unwrap();
        assert_eq!((d.name.as_str(), d.version.as_deref()), ("Django", Some("1.2")));
        let d = requirement("torch>=2.0,<3", p, 1).unwrap();
        assert_eq!(d.version, None);
        assert_eq!(d.constraint.as_deref(), Some(">=2.0,<3"));
        assert!(requirement("git+https://x/y.git", p, 1).is_none());
        let deps = requirements(p, "# c\nnumpy==1.21.0 \\\n    --hash=sha256:abc\n--index-url https://x\nrequests\n").unwrap();
        assert_eq!(deps.len(), 2);
        assert_eq!(deps[0].hashes, ["sha256:abc"]);
        assert_eq!(deps[1].line, 5);
    }

    #[test]
    fn lock_graphs_and_hashes() {
        let p = Path::new("x.lock");
        let cargo = toml_packages(p, "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nchecksum = \"ab\"\ndependencies = [\"b\", \"c 2.0.0 (registry+https://x)\"]\n[[package]]\nname = \"b\"\nversion = \"0.1.0\"\n", "crates.io").unwrap();
        assert_eq!(cargo[0].requires.as_ref().unwrap(), &[Requirement::new("b", None), Requirement::new("c", Some("2.0.0"))]);
        assert_eq!(cargo[1].requires.as_deref(), Some(&[][..]));
        assert_eq!(cargo[0].hashes, ["sha256:ab"]);
        let uv = uv_lock(p, "[[package]]\nname = \"torch\"\nversion = \"2.1.0\"\ndependencies = [{ name = \"numpy\" }, { name = \"sympy\", version = \"1.12\" }]\nsdist = { url = \"u\", hash = \"sha256:11\" }\nwheels = [{ url = \"w\", hash = \"sha256:22\" }]\n").unwrap();
        assert_eq!(uv[0].hashes, ["sha256:11", "sha256:22"]);
        assert_eq!(uv[0].requires.as_ref().unwrap()[1], Requirement::new("sympy", Some("1.12")));
        let poetry = poetry_lock(p, "[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\nfiles = [{file = \"r.whl\", hash = \"sha256:33\"}]\n[package.dependencies]\nidna = \">=2.5\"\nurllib3 = {version = \">=1.21\"}\n").unwrap();
        assert_eq!(poetry[0].requires.as_ref().unwrap().iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["idna", "urllib3"]);
        assert_eq!(poetry[0].hashes, ["sha256:33"]);
    }

    #[test]
    fn conda_and_pyproject() {
        let p = Path::new("environment.yml");
        let d = conda_env(p, "dependencies:\n  - numpy=1.21.0\n  - pytorch\n  - pip:\n    - transformers==4.30.0\n").unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d[2].ecosystem, "PyPI");
        let d = pyproject(Path::new("pyproject.toml"), "[project]\ndependencies = [\"torch==2.1.0\", \"numpy>=1\"]\n[tool.poetry.dependencies]\npython = \"^3.10\"\nfastapi = \"0.100.0\"\n").unwrap();
        assert_eq!(d.iter().filter(|x| x.version.is_some()).count(), 2);
    }
}
