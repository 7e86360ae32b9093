//! Suppressions kept in a file (`--suppressions FILE`), for findings that cannot carry an inline
//! comment (JSON templates, plan files) or that a team accepts centrally:
//!
//! ```yaml
//! suppressions:
//!   - rule: TR-AWS-S3-005          # a rule id, or "*"
//!     resource: aws_s3_bucket.logs # optional: a resource address; every resource when left out
//!     reason: access logs are write-once, versioning adds nothing
//! ```
//!
//! Every entry needs a rule and a reason; an entry without them is an input error with its line.

use crate::cloudformation::yaml;
use crate::detect::read_text;
use crate::node::Node;
use std::path::Path;
use std::sync::Arc;
use tightrope_core::{InputError, Origin, Suppression};

/// (resource address or `*`, suppression) pairs read from `path`.
pub fn read(path: &Path) -> Result<Vec<(String, Suppression)>, Vec<InputError>> {
    let name: Arc<str> = Arc::from(path.display().to_string());
    let err = |line: u32, message: String| InputError { path: name.to_string(), line: Some(line), message };
    let text = read_text(path).map_err(|e| vec![e])?;
    let doc = yaml::parse(&text).map_err(|e| vec![err(e.line, e.message)])?;
    let Some(items) = doc.get("suppressions").and_then(Node::as_list) else {
        return Err(vec![err(1, "expected a top-level `suppressions:` list".into())]);
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for item in items {
        let line = item.span.start_line;
        let field = |k: &str| item.get(k).and_then(Node::as_str).map(str::trim).filter(|s| !s.is_empty());
        match (field("rule"), field("reason")) {
            (Some(rule), Some(reason)) => out.push((
                field("resource").unwrap_or("*").to_string(),
                Suppression { rule: rule.to_string(), reason: reason.to_string(), origin: Origin::file(&name, line, item.span.end_line) },
            )),
            _ => errors.push(err(line, "each suppression needs `rule` (an id or `*`) and a non-empty `reason`".into())),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn reads_entries_and_rejects_missing_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("s.yaml");
        std::fs::write(&p, "suppressions:\n  - rule: TR-AWS-S3-005\n    resource: aws_s3_bucket.logs\n    reason: write-once logs\n  - rule: '*'\n    reason: sandbox\n").expect("write");
        let s = read(&p).expect("valid");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].0, "aws_s3_bucket.logs");
        assert_eq!(s[1].0, "*");
        std::fs::write(&p, "suppressions:\n  - rule: TR-AWS-S3-005\n").expect("write");
        let e = read(&p).expect_err("no reason");
        assert_eq!(e[0].line, Some(2));
    }
}
