//! Dependency manifests and lock files: discovery by file name and one parser per family.

mod javascript;
mod python;
mod rust_go;

use serde::Serialize;
use std::path::{Path, PathBuf};
use tightrope_core::InputError;

/// Manifests larger than this are not read.
const MAX_MANIFEST: u64 = 64 << 20;

/// One dependency as declared or locked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dependency {
    /// OSV ecosystem: `PyPI`, `npm`, `crates.io`, `Go`, `conda`.
    pub ecosystem: String,
    pub name: String,
    /// The exact version, when pinned or locked.
    pub version: Option<String>,
    /// The constraint as written, when not an exact pin (`>=1.2`, `*`, ``).
    pub constraint: Option<String>,
    /// Artifact hashes (`sha256:...`) declared for it.
    pub hashes: Vec<String>,
    pub file: String,
    pub line: u32,
    /// What the lock file says this package depends on; `None` when the format records no graph
    /// (requirements files, Pipfile.lock, go.sum, ...), `Some(empty)` for a leaf.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires: Option<Vec<Requirement>>,
}

/// One edge of the dependency graph as a lock file records it: the package's name and, when the
/// lock file resolves it, the exact version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub name: String,
    pub version: Option<String>,
}

impl Requirement {
    pub(crate) fn new(name: &str, version: Option<&str>) -> Self {
        Requirement { name: name.trim().to_string(), version: version.map(|v| v.trim().to_string()) }
    }
}

impl Dependency {
    fn new(ecosystem: &str, name: &str, version: Option<String>, file: &Path, line: u32) -> Self {
        Dependency {
            ecosystem: ecosystem.to_string(),
            name: name.trim().to_string(),
            version,
            constraint: None,
            hashes: Vec::new(),
            file: file.display().to_string(),
            line,
            requires: None,
        }
    }

    /// Package URL (purl) of the dependency.
    pub fn purl(&self) -> String {
        let kind = match self.ecosystem.as_str() {
            "PyPI" => "pypi",
            "crates.io" => "cargo",
            "Go" => "golang",
            "npm" => "npm",
            "conda" => "conda",
            other => return format!("pkg:generic/{}{}", self.name, self.version.as_deref().map(|v| format!("@{v}")).unwrap_or_default()).replace(' ', "%20") + &format!("?ecosystem={other}"),
        };
        let name = if kind == "pypi" { crate::osv::normalize_name("PyPI", &self.name) } else { self.name.replace('@', "%40") };
        let name = if kind == "npm" && self.name.starts_with('@') { format!("%40{}", &self.name[1..]) } else { name };
        format!("pkg:{kind}/{name}{}", self.version.as_deref().map(|v| format!("@{v}")).unwrap_or_default())
    }
}

/// The parser for a file name, if it is a known manifest.
fn parser_for(name: &str) -> Option<fn(&Path, &str) -> Result<Vec<Dependency>, InputError>> {
    Some(match name {
        n if n.starts_with("requirements") && n.ends_with(".txt") => python::requirements,
        "poetry.lock" => python::poetry_lock,
        "uv.lock" => python::uv_lock,
        "Pipfile.lock" => python::pipfile_lock,
        "pyproject.toml" => python::pyproject,
        "environment.yml" | "environment.yaml" => python::conda_env,
        "package-lock.json" | "npm-shrinkwrap.json" => javascript::package_lock,
        "yarn.lock" => javascript::yarn_lock,
        "pnpm-lock.yaml" => javascript::pnpm_lock,
        "Cargo.lock" => rust_go::cargo_lock,
        "go.sum" => rust_go::go_sum,
        _ => return None,
    })
}

/// True when `path` is a manifest this module reads.
pub fn is_manifest(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| parser_for(n).is_some())
}

/// Read one manifest (bounded).
pub(crate) fn read_text(path: &Path) -> Result<String, InputError> {
    let err = |message: String| InputError { path: path.display().to_string(), line: None, message };
    let len = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {e}")))?.len();
    if len > MAX_MANIFEST {
        return Err(err(format!("file is {len} bytes, above the {MAX_MANIFEST}-byte limit")));
    }
    std::fs::read_to_string(path).map_err(|e| err(format!("cannot read as UTF-8 text: {e}")))
}

/// Parse one manifest file.
pub fn parse_file(path: &Path) -> Result<Vec<Dependency>, InputError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let parser = parser_for(name).ok_or_else(|| InputError { path: path.display().to_string(), line: None, message: "not a known manifest or lock file".into() })?;
    let text = read_text(path)?;
    parser(path, &text)
}

/// Find and parse every manifest under `paths`. Directories named `node_modules`, `.git`,
/// `target` and virtualenvs are skipped; hidden directories are not.
pub fn discover(paths: &[PathBuf]) -> (Vec<Dependency>, Vec<InputError>, usize) {
    let mut deps = Vec::new();
    let mut errors = Vec::new();
    let mut files = 0;
    for root in paths {
        let walker = walkdir::WalkDir::new(root).follow_links(false).into_iter().filter_entry(|e| {
            !(e.file_type().is_dir() && matches!(e.file_name().to_str(), Some("node_modules" | ".git" | "target" | ".venv" | "venv" | "__pycache__")))
        });
        for e in walker.filter_map(Result::ok) {
            if e.file_type().is_file() && is_manifest(e.path()) {
                files += 1;
                match parse_file(e.path()) {
                    Ok(d) => deps.extend(d),
                    Err(err) => errors.push(err),
                }
            }
        }
    }
    (deps, errors, files)
}

/// 1-based line of the first occurrence of `needle` in `text` (1 when absent).
pub(crate) fn line_of(text: &str, needle: &str) -> u32 {
    // memchr counts newlines ~10x faster than `str::matches`; this runs once per locked package.
    memchr::memmem::find(text.as_bytes(), needle.as_bytes()).map_or(1, |at| memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() as u32 + 1)
}
