//! Model pinning: `models.lock` (path, SHA-256, size, format and scan verdict of every model file,
//! plus hub references), its verification, and hub references without a pinned revision.

use crate::model::{self, ModelFile};
use crate::rules;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use tightrope_core::{Finding, InputError, Severity};

/// The content of `models.lock`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LockFile {
    pub version: u32,
    /// Directories and files that were locked (verify looks for new files under them).
    pub roots: Vec<String>,
    pub files: Vec<LockedFile>,
    /// Hub model references found in code and configuration.
    pub hub: Vec<HubRef>,
}

/// One pinned model file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LockedFile {
    pub path: String,
    pub sha256: String,
    pub size: u64,
    pub format: String,
    /// `safe`, or the worst finding severity when it was locked.
    pub verdict: String,
}

/// A reference to a hub model (`from_pretrained("org/model")`, `hf://org/model`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HubRef {
    pub repo: String,
    pub revision: Option<String>,
    pub file: String,
    pub line: u32,
}

/// SHA-256 of a file, streamed.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn locked(f: &ModelFile) -> Result<LockedFile, InputError> {
    let sha256 = sha256_file(&f.path).map_err(|e| InputError { path: f.path.display().to_string(), line: None, message: format!("cannot hash: {e}") })?;
    Ok(LockedFile { path: f.path.display().to_string(), sha256, size: f.size, format: f.format.as_str().to_string(), verdict: f.verdict() })
}

/// Scan and hash every model file under `paths`, and collect hub references.
pub fn lock(paths: &[PathBuf]) -> (LockFile, Vec<Finding>, Vec<InputError>) {
    let scan = model::scan_paths(paths);
    let mut errors = scan.errors.clone();
    let results: Vec<_> = scan.files.par_iter().map(locked).collect();
    let mut files = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    let (hub, hub_findings) = hub_references(paths);
    let mut findings = scan.findings();
    findings.extend(hub_findings);
    let roots = paths.iter().map(|p| p.display().to_string()).collect();
    (LockFile { version: 1, roots, files, hub }, findings, errors)
}

/// Compare the files under the lock's roots with the lock: changed, missing and new files.
pub fn verify(lock: &LockFile, lock_path: &str) -> (Vec<Finding>, Vec<InputError>) {
    let roots: Vec<PathBuf> = lock.roots.iter().map(PathBuf::from).collect();
    let scan = model::scan_paths(&roots);
    let mut findings = Vec::new();
    let current: BTreeMap<String, &ModelFile> = scan.files.iter().map(|f| (f.path.display().to_string(), f)).collect();
    let pinned: BTreeMap<&str, &LockedFile> = lock.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut report = |path: &str, msg: String| {
        let mut f = rules::PIN_MISMATCH.finding(Severity::High, lock_path, 1, "model", msg);
        f.resource.address = path.to_string();
        findings.push(f);
    };
    let mut errors = scan.errors.clone();
    for (path, want) in &pinned {
        match current.get(*path) {
            None => report(path, format!("`{path}` is pinned in the lock but no longer present")),
            Some(_) => match sha256_file(Path::new(path)) {
                Ok(h) if h == want.sha256 => {}
                Ok(h) => report(path, format!("`{path}` changed: sha256 {h} (size {}) differs from the pinned {} (size {})", current.get(*path).map_or(0, |f| f.size), want.sha256, want.size)),
                Err(e) => errors.push(InputError { path: path.to_string(), line: None, message: format!("cannot hash: {e}") }),
            },
        }
    }
    for path in current.keys().filter(|p| !pinned.contains_key(p.as_str())) {
        report(path, format!("`{path}` is a model file without a pin in the lock"));
    }
    (findings, errors)
}

/// Extensions of files searched for hub references.
const CODE_EXTENSIONS: &[&str] = &["py", "ipynb", "yaml", "yml", "json", "toml", "cfg", "sh", "txt", "md"];
const MAX_CODE_FILE: u64 = 8 << 20;

/// Find hub model references; those without a revision are findings.
pub fn hub_references(paths: &[PathBuf]) -> (Vec<HubRef>, Vec<Finding>) {
    let mut refs = Vec::new();
    for root in paths {
        for e in walkdir::WalkDir::new(root).follow_links(false).into_iter().filter_map(Result::ok) {
            let p = e.path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if !e.file_type().is_file() || !CODE_EXTENSIONS.contains(&ext) || e.metadata().map_or(true, |m| m.len() > MAX_CODE_FILE) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(p) {
                refs.extend(references_in(&text, &p.display().to_string()));
            }
        }
    }
    let findings = refs
        .iter()
        .filter(|r| r.revision.is_none())
        .map(|r| {
            let mut f = rules::UNPINNED_HUB_MODEL.finding(Severity::Medium, &r.file, r.line, "hub-model", format!("hub model `{}` is loaded without a pinned revision", r.repo));
            f.resource.address = format!("{}:{}", r.file, r.repo);
            f
        })
        .collect();
    (refs, findings)
}

fn is_repo_id(s: &str) -> bool {
    let mut parts = s.split('/');
    let ok = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) && p != "." && p != "..");
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}

/// References in one text: `from_pretrained("org/model", ...)`, `hf_hub_download(repo_id="org/model", ...)`,
/// `snapshot_download(...)` and `hf://org/model[@rev]`.
pub fn references_in(text: &str, file: &str) -> Vec<HubRef> {
    let mut out = Vec::new();
    let line_at = |at: usize| text[..at].matches('\n').count() as u32 + 1;
    for call in ["from_pretrained(", "hf_hub_download(", "snapshot_download(", "pipeline("] {
        for (at, _) in text.match_indices(call) {
            let args_start = at + call.len();
            let rest = &text[args_start..text.len().min(args_start + 600)];
            let args = rest.split(')').next().unwrap_or(rest);
            let Some(repo) = first_string(args).filter(|r| is_repo_id(r)) else { continue };
            let revision = args.split("revision").nth(1).and_then(|r| first_string(r.trim_start().strip_prefix('=')?));
            out.push(HubRef { repo, revision, file: file.to_string(), line: line_at(at) });
        }
    }
    for (at, _) in text.match_indices("hf://") {
        let rest = &text[at + 5..];
        let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ')' | ',' | '`')).unwrap_or(rest.len());
        let url = rest[..end].trim_start_matches("models/");
        let (path, revision) = match url.split_once('@') {
            Some((p, r)) => (p, Some(r.split('/').next().unwrap_or(r).to_string())),
            None => (url, None),
        };
        let repo: String = path.split('/').take(2).collect::<Vec<_>>().join("/");
        if is_repo_id(&repo) && !repo.starts_with("datasets/") {
            out.push(HubRef { repo, revision, file: file.to_string(), line: line_at(at) });
        }
    }
    out
}

/// The first quoted string in `s`.
fn first_string(s: &str) -> Option<String> {
    let start = s.find(['"', '\''])?;
    let q = s[start..].chars().next()?;
    let body = &s[start + 1..];
    Some(body[..body.find(q)?].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_references_with_and_without_revision() {
        let code = "m = AutoModel.from_pretrained(\"meta-llama/Llama-2-7b\")\nt = AutoTokenizer.from_pretrained('org/tok', revision=\"abc123\")\nlocal = AutoModel.from_pretrained(\"./checkpoints\")\nurl = 'hf://org/ds@v1/x'\nother = \"hf://org/model/file.bin\"\n";
        let refs = references_in(code, "train.py");
        let unpinned: Vec<_> = refs.iter().filter(|r| r.revision.is_none()).map(|r| (r.repo.as_str(), r.line)).collect();
        assert_eq!(unpinned, [("meta-llama/Llama-2-7b", 1), ("org/model", 5)]);
        assert!(refs.iter().any(|r| r.repo == "org/tok" && r.revision.as_deref() == Some("abc123")));
    }

    #[test]
    fn lock_then_verify_detects_change_and_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("m.pkl");
        std::fs::write(&model, b"\x80\x04K\x01.").unwrap();
        let (lock, _, errors) = super::lock(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty());
        assert_eq!(lock.files.len(), 1);
        assert_eq!(lock.files[0].verdict, "safe");
        assert!(verify(&lock, "models.lock").0.is_empty());
        std::fs::write(&model, b"\x80\x04K\x02.").unwrap();
        std::fs::write(dir.path().join("n.pkl"), b"\x80\x04K\x03.").unwrap();
        let (findings, _) = verify(&lock, "models.lock");
        let msgs: Vec<_> = findings.iter().map(|f| f.message.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("changed")) && msgs.iter().any(|m| m.contains("without a pin")), "{msgs:?}");
        std::fs::remove_file(&model).unwrap();
        assert!(verify(&lock, "models.lock").0.iter().any(|f| f.message.contains("no longer present")));
    }
}
