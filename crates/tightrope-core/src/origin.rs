//! Where a value came from: a file and line range, or an API response field.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// The place a resource or attribute was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// An IaC file; lines are 1-based and inclusive.
    File { path: Arc<str>, start_line: u32, end_line: u32 },
    /// A live API response: the resource ARN and the API field.
    Api { arn: String, field: String },
    /// Nothing is known about where the value came from.
    #[default]
    Unknown,
}

impl Origin {
    pub fn file(path: &Arc<str>, start_line: u32, end_line: u32) -> Self {
        Origin::File { path: path.clone(), start_line, end_line: end_line.max(start_line) }
    }

    /// The file path, for IaC origins.
    pub fn path(&self) -> Option<&str> {
        match self {
            Origin::File { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The inclusive line range, for IaC origins.
    pub fn lines(&self) -> Option<(u32, u32)> {
        match self {
            Origin::File { start_line, end_line, .. } => Some((*start_line, *end_line)),
            _ => None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File { path, start_line, end_line } if start_line == end_line => {
                write!(f, "{path}:{start_line}")
            }
            Origin::File { path, start_line, end_line } => write!(f, "{path}:{start_line}-{end_line}"),
            Origin::Api { arn, field } => write!(f, "{arn} ({field})"),
            Origin::Unknown => f.write_str("(unknown origin)"),
        }
    }
}
