//! Which files to read and in which format, decided per file from its name and a look at its content.

use std::io::Read;
use std::path::{Path, PathBuf};
use tightrope_core::InputError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    TerraformHcl,
    TerraformPlan,
    TerraformState,
    CloudFormation,
    Kubernetes,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::TerraformHcl => "terraform",
            Format::TerraformPlan => "terraform-plan",
            Format::TerraformState => "terraform-state",
            Format::CloudFormation => "cloudformation",
            Format::Kubernetes => "kubernetes",
        }
    }
}

/// Files at most this large are read; larger ones are reported and skipped.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Every regular file under `root` (or `root` itself), skipping VCS and tool caches. Symlinks are
/// not followed.
pub fn walk(root: &Path) -> Vec<PathBuf> {
    let skip = |name: &str| matches!(name, ".git" | ".terraform" | "node_modules" | ".venv" | "target");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(skip))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Read a file as text: UTF-8 (a BOM is dropped) or UTF-16 with a BOM (Windows `terraform show`).
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let err = |message: String| InputError { path: path.display().to_string(), line: None, message };
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(format!("file is {} bytes, larger than the {} byte limit", meta.len(), MAX_FILE_BYTES)));
    }
    let bytes = std::fs::read(path).map_err(|e| err(format!("cannot read: {e}")))?;
    decode(&bytes).map_err(err)
}

/// Decode UTF-8 (with or without BOM) or BOM-marked UTF-16.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |b: &[u8], le: bool| {
        let units: Vec<u16> = b.chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }).collect();
        String::from_utf16(&units).map_err(|_| "invalid UTF-16 text".to_string())
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to() + 3)),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => String::from_utf8(bytes.to_vec()).map_err(|e| format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())),
    }
}

/// The format of a file, or `None` when it is not something tightrope reads.
pub fn detect(path: &Path) -> Result<Option<Format>, InputError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_ascii_lowercase();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "tf" => return Ok(Some(Format::TerraformHcl)),
        "tfstate" => return Ok(Some(Format::TerraformState)),
        "json" | "yaml" | "yml" | "template" => {}
        _ => return Ok(None),
    }
    if name.ends_with(".tfvars.json") || name == "package.json" || name == "package-lock.json" {
        return Ok(None);
    }
    // Sniff the first few KiB only.
    let mut head = vec![0u8; 16 * 1024];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| InputError { path: path.display().to_string(), line: None, message: format!("cannot read: {e}") })?;
    head.truncate(n);
    let text = match decode(&head) {
        Ok(t) => t,
        // A truncated multi-byte sequence at the cut is fine; decode lossily for sniffing.
        Err(_) => String::from_utf8_lossy(&head).into_owned(),
    };
    Ok(sniff(&ext, &text))
}

fn sniff(ext: &str, text: &str) -> Option<Format> {
    let has = |s: &str| text.contains(s);
    if ext == "json" {
        if has("\"planned_values\"") || has("\"resource_changes\"") || (has("\"format_version\"") && has("\"configuration\"")) {
            return Some(Format::TerraformPlan);
        }
        if has("\"terraform_version\"") && has("\"resources\"") || (has("\"format_version\"") && has("\"values\"")) {
            return Some(Format::TerraformState);
        }
        // A corrupted plan still says what it wanted to be.
        if has("\"format_version\"") && has("\"terraform_version\"") {
            return Some(Format::TerraformPlan);
        }
    }
    if has("AWSTemplateFormatVersion") || (has("Resources") && (has("\"AWS::") || has("Type: AWS::") || has("Type: \"AWS::") || has("Type: 'AWS::"))) {
        return Some(Format::CloudFormation);
    }
    if ext != "json" && text.lines().any(|l| l.starts_with("apiVersion:")) && text.lines().any(|l| l.starts_with("kind:")) {
        return Some(Format::Kubernetes);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff("json", r#"{"format_version":"1.1","planned_values":{}}"#), Some(Format::TerraformPlan));
        assert_eq!(sniff("yaml", "AWSTemplateFormatVersion: 2010-09-09\nResources: {}"), Some(Format::CloudFormation));
        assert_eq!(sniff("yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"), Some(Format::CloudFormation));
        assert_eq!(sniff("yaml", "apiVersion: v1\nkind: Pod\n"), Some(Format::Kubernetes));
        assert_eq!(sniff("yaml", "name: ci\non: push\n"), None);
    }

    #[test]
    fn decodes_utf16_and_bom() {
        assert_eq!(decode(&[0xEF, 0xBB, 0xBF, b'{', b'}']).unwrap(), "{}");
        assert_eq!(decode(&[0xFF, 0xFE, b'{', 0, b'}', 0]).unwrap(), "{}");
    }
}
