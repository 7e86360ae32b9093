//! `data` components: files and directories declared as datasets (`--data`), hashed and
//! described by format, and the datasets that model cards name.

use super::cyclonedx::*;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;
use tightrope_core::InputError;

/// A declared directory contributes at most this many files.
pub const MAX_DATASET_FILES: usize = 10_000;

/// The bom-ref of a dataset named by a model card.
pub fn declared_ref(id: &str) -> String {
    format!("dataset:{id}")
}

/// A dataset a model card names (`datasets:` front matter, GGUF `general.dataset.*`), with the
/// models that name it.
pub fn declared_dataset(id: &str, used_by: &[String]) -> Component {
    let mut c = Component::new(ComponentType::Data, Some(declared_ref(id)), id);
    c.data.push(ComponentData { kind: "dataset", name: Some(id.to_string()), contents: None });
    c.properties.extend(used_by.iter().map(|m| Property::new("tightrope:dataset:declared-by", m.clone())));
    c
}

/// What a data file's content is, from its magic bytes or else its extension.
fn data_format(path: &Path, head: &[u8]) -> &'static str {
    if head.starts_with(b"PAR1") {
        return "parquet";
    }
    if head.starts_with(b"ARROW1") {
        return "arrow";
    }
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => "csv",
        Some("tsv") => "tsv",
        Some("jsonl" | "ndjson") => "jsonl",
        Some("json") => "json",
        Some("parquet") => "parquet-invalid",
        Some("txt") => "text",
        _ => "other",
    }
}

/// SHA-256, size, format and (for CSV/TSV/JSONL) line counts of one file, in one read.
struct FileFacts {
    sha256: String,
    size: u64,
    format: &'static str,
    lines: u64,
    header_fields: Option<usize>,
}

fn read_facts(path: &Path) -> std::io::Result<FileFacts> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let (mut size, mut lines) = (0u64, 0u64);
    let mut format = None;
    let mut header_fields = None;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        let fmt = *format.get_or_insert_with(|| data_format(path, chunk));
        if size == 0 && matches!(fmt, "csv" | "tsv") {
            let first = chunk.split(|b| *b == b'\n').next().unwrap_or_default();
            let sep = if fmt == "csv" { b',' } else { b'\t' };
            header_fields = Some(first.iter().filter(|b| **b == sep).count() + 1);
        }
        if matches!(fmt, "csv" | "tsv" | "jsonl" | "text") {
            lines += memchr::memchr_iter(b'\n', chunk).count() as u64;
        }
        h.update(chunk);
        size += n as u64;
    }
    let format = format.unwrap_or_else(|| data_format(path, &[]));
    Ok(FileFacts { sha256: h.finalize().iter().map(|b| format!("{b:02x}")).collect(), size, format, lines, header_fields })
}

fn file_component(path: &Path) -> Result<Component, InputError> {
    let shown = path.display().to_string();
    let facts = read_facts(path).map_err(|e| InputError { path: shown.clone(), line: None, message: format!("cannot read dataset file: {e}") })?;
    let name = path.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let mut c = Component::new(ComponentType::Data, Some(format!("data:{shown}")), name.clone());
    c.hashes.push(Hash { alg: HashAlg::Sha256, content: facts.sha256 });
    let mut props = vec![Property::new("tightrope:data:format", facts.format), Property::new("tightrope:data:size", facts.size.to_string())];
    if let Some(fields) = facts.header_fields {
        props.push(Property::new("tightrope:data:columns", fields.to_string()));
        props.push(Property::new("tightrope:data:rows", facts.lines.saturating_sub(1).to_string()));
    } else if matches!(facts.format, "jsonl" | "text") {
        props.push(Property::new("tightrope:data:lines", facts.lines.to_string()));
    }
    c.data.push(ComponentData { kind: "dataset", name: Some(name), contents: Some(DataContents { url: None, properties: props.clone() }) });
    c.properties.push(Property::new("tightrope:data:path", shown));
    c.properties.extend(props);
    Ok(c)
}

/// The component of a path declared as a dataset: a file, or a directory with one nested
/// component per file (sorted, symlinks not followed, at most [`MAX_DATASET_FILES`]).
pub fn dataset_component(path: &Path) -> Result<Component, InputError> {
    let shown = path.display().to_string();
    let meta = std::fs::symlink_metadata(path).map_err(|e| InputError { path: shown.clone(), line: None, message: format!("cannot read dataset: {e}") })?;
    if meta.is_file() {
        return file_component(path);
    }
    if !meta.is_dir() {
        return Err(InputError { path: shown, line: None, message: "expected a dataset file or directory".into() });
    }
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    let mut truncated = false;
    for e in walkdir::WalkDir::new(path).follow_links(false).sort_by_file_name() {
        let e = e.map_err(|e| InputError { path: shown.clone(), line: None, message: format!("cannot read dataset directory: {e}") })?;
        if e.file_type().is_file() {
            if files.len() == MAX_DATASET_FILES {
                truncated = true;
                break;
            }
            files.push(e.into_path());
        }
    }
    let name = path.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).unwrap_or_else(|| shown.clone());
    let mut c = Component::new(ComponentType::Data, Some(format!("data:{shown}")), name.clone());
    for f in &files {
        c.components.push(file_component(f)?);
    }
    let bytes: u64 = c.components.iter().filter_map(|x| x.properties.iter().find(|p| p.name == "tightrope:data:size")?.value.parse::<u64>().ok()).sum();
    let mut formats: Vec<&str> = c.components.iter().filter_map(|x| Some(x.properties.iter().find(|p| p.name == "tightrope:data:format")?.value.as_str())).collect();
    formats.sort();
    formats.dedup();
    let props = vec![
        Property::new("tightrope:data:files", files.len().to_string()),
        Property::new("tightrope:data:size", bytes.to_string()),
        Property::new("tightrope:data:format", formats.join(",")),
    ];
    c.data.push(ComponentData { kind: "dataset", name: Some(name), contents: Some(DataContents { url: None, properties: props.clone() }) });
    c.properties.push(Property::new("tightrope:data:path", shown));
    c.properties.extend(props);
    if truncated {
        c.properties.push(Property::new("tightrope:data:truncated", format!("only the first {MAX_DATASET_FILES} files are listed")));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop<'a>(c: &'a Component, name: &str) -> Option<&'a str> {
        c.properties.iter().find(|p| p.name == name).map(|p| p.value.as_str())
    }

    #[test]
    fn files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("train.csv"), "id,text,label\n1,a,0\n2,b,1\n").unwrap();
        std::fs::write(dir.path().join("part.parquet"), b"PAR1\x00\x00PAR1").unwrap();
        let csv = dataset_component(&dir.path().join("train.csv")).unwrap();
        assert_eq!((prop(&csv, "tightrope:data:columns"), prop(&csv, "tightrope:data:rows")), (Some("3"), Some("2")));
        assert_eq!(csv.hashes[0].content.len(), 64);
        let d = dataset_component(dir.path()).unwrap();
        assert_eq!(d.components.len(), 2);
        assert_eq!(prop(&d, "tightrope:data:format"), Some("csv,parquet"));
        let missing = dataset_component(&dir.path().join("nope")).unwrap_err();
        assert!(missing.message.contains("cannot read dataset"), "{missing:?}");
    }
}
