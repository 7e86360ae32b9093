//! Directory walking with include/exclude globs (globset). Hidden files and files listed in
//! `.gitignore` are scanned too: `.env` files and ignored data dumps are where secrets hide.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use tightrope_core::InputError;

/// Include/exclude globs, matched against the path relative to the walked root and the file name.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filter {
    /// Build from glob lists (`*.csv`, `data/**/*.jsonl`); errors name the bad glob.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, String> {
        let set = |globs: &[String]| -> Result<Option<GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| format!("bad glob `{g}`: {e}"))?);
            }
            b.build().map(Some).map_err(|e| e.to_string())
        };
        Ok(Filter {
            include: set(include)?,
            exclude: set(exclude)?,
        })
    }

    /// Whether a file at `rel` (relative to its root) is scanned.
    pub fn accepts(&self, rel: &Path) -> bool {
        let name = rel.file_name().map(Path::new).unwrap_or(rel);
        let hit = |s: &GlobSet| s.is_match(rel) || s.is_match(name);
        self.include.as_ref().is_none_or(hit) && !self.exclude.as_ref().is_some_and(hit)
    }
}

/// Every regular file under `root` (or `root` itself) accepted by `filter`, sorted.
pub fn files(root: &Path, filter: &Filter) -> Result<Vec<PathBuf>, InputError> {
    let err = |message: String| InputError {
        path: root.display().to_string(),
        line: None,
        message,
    };
    let meta = std::fs::metadata(root).map_err(|e| err(format!("cannot read: {e}")))?;
    if meta.is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in ignore::WalkBuilder::new(root).standard_filters(false).follow_links(false).build() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!(error = %e, "skipping an unreadable directory entry");
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if filter.accepts(rel) {
            out.push(entry.into_path());
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_include_and_exclude() {
        let f = Filter::new(&["*.csv".into(), "logs/**".into()], &["**/tmp/**".into()]).unwrap();
        assert!(f.accepts(Path::new("a/b.csv")));
        assert!(f.accepts(Path::new("logs/x.txt")));
        assert!(!f.accepts(Path::new("a/b.json")));
        assert!(!f.accepts(Path::new("a/tmp/b.csv")));
        assert!(Filter::new(&["[".into()], &[]).is_err());
    }
}
