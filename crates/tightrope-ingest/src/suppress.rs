//! Inline suppressions: `tightrope:ignore RULE-ID reason…` in a comment (`#`, `//`).
//!
//! A suppression applies to the resource whose block contains the comment's line, or that starts
//! on the line right after it (comments stacked directly above a block count too). A suppression
//! without a reason is an input error and suppresses nothing.

use crate::node::Span;
use std::sync::Arc;
use tightrope_core::{InputError, Origin, Suppression};

const MARKER: &str = "tightrope:ignore";

/// A suppression comment found in a file, and the line it is on.
#[derive(Debug, Clone)]
pub struct Found {
    pub line: u32,
    pub suppression: Suppression,
}

/// Find every suppression comment in a file's text.
pub fn scan(text: &str, file: &Arc<str>, errors: &mut Vec<InputError>) -> Vec<Found> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(pos) = line.find(MARKER) else { continue };
        let before = line[..pos].trim_end();
        if !(before.ends_with('#') || before.ends_with("//")) {
            continue;
        }
        let lineno = i as u32 + 1;
        let rest = line[pos + MARKER.len()..].trim();
        let (rule, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let reason = reason.trim().trim_start_matches([':', '-']).trim();
        if rule.is_empty() || reason.is_empty() {
            errors.push(InputError {
                path: file.to_string(),
                line: Some(lineno),
                message: format!("`{MARKER}` needs a rule id (or `*`) and a reason, e.g. `# {MARKER} TR-AWS-S3-001 public website bucket`"),
            });
            continue;
        }
        out.push(Found {
            line: lineno,
            suppression: Suppression { rule: rule.to_string(), reason: reason.to_string(), origin: Origin::file(file, lineno, lineno) },
        });
    }
    out
}

/// The suppressions that apply to a block spanning `span`.
pub fn for_block(found: &[Found], span: Span) -> Vec<Suppression> {
    let mut lines: Vec<u32> = found.iter().map(|f| f.line).collect();
    lines.sort_unstable();
    found
        .iter()
        .filter(|f| {
            if (span.start_line..=span.end_line).contains(&f.line) {
                return true;
            }
            // Stacked directly above the block: every line between is a suppression comment.
            f.line < span.start_line && (f.line + 1..span.start_line).all(|l| lines.binary_search(&l).is_ok())
        })
        .map(|f| f.suppression.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_attaches() {
        let file: Arc<str> = Arc::from("main.tf");
        let text = "# tightrope:ignore TR-AWS-S3-001 static website\nresource \"a\" \"b\" {\n  x = 1 # tightrope:ignore * legacy\n}\n# tightrope:ignore TR-X\n";
        let mut errs = Vec::new();
        let found = scan(text, &file, &mut errs);
        assert_eq!(found.len(), 2);
        assert_eq!(errs.len(), 1, "missing reason is an error");
        let s = for_block(&found, Span::new(2, 4));
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].reason, "static website");
        assert!(for_block(&found, Span::new(6, 8)).is_empty());
    }
}
