//! Multi-document YAML to located [`Node`]s, one document at a time.
//!
//! The text is split at `---` document markers before parsing (YAML forbids a marker at column 0
//! inside any content), so a broken document is reported as an [`InputError`] while the others of
//! the same file are still read. Parsing uses saphyr's marked nodes, whose line numbers become the
//! node spans; alias expansion is bounded by saphyr's node budget (billion-laughs input fails).

use crate::node::{Node, Span, Value};
use crate::yaml::scalar;
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use std::sync::Arc;
use tightrope_core::InputError;

/// Nesting deeper than this is refused (real manifests stay far below; deep input is an attack).
const MAX_DEPTH: usize = 256;

/// Every non-empty document of `text`, as a located node tree with file line numbers. Documents
/// that are not valid YAML become errors.
pub fn documents(text: &str, file: &Arc<str>, errors: &mut Vec<InputError>) -> Vec<Node> {
    let mut out = Vec::new();
    for chunk in split(text) {
        let error = |line: u32, message: String| InputError { path: file.to_string(), line: Some(line), message };
        if exceeds_depth(chunk.text) {
            errors.push(error(chunk.first_line, format!("YAML nesting is deeper than {MAX_DEPTH} levels; expected a Kubernetes manifest")));
            continue;
        }
        let docs = match MarkedYaml::load_from_str(chunk.text) {
            Ok(docs) => docs,
            Err(e) => {
                let line = chunk.first_line + e.marker().line().saturating_sub(1) as u32;
                errors.push(error(
                    line,
                    format!(
                        "invalid YAML (column {}): {}; expected a YAML document holding a Kubernetes manifest",
                        e.marker().col() + 1,
                        e.info()
                    ),
                ));
                continue;
            }
        };
        let lines = Lines::new(chunk.text, chunk.first_line);
        out.extend(docs.iter().map(|d| convert(d, &lines)).filter(|n| !n.is_null()));
    }
    out
}

/// One document's text and the file line it starts on.
struct Chunk<'a> {
    first_line: u32,
    text: &'a str,
}

fn is_marker(line: &str) -> bool {
    line.strip_prefix("---").is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
}

/// Split at lines starting with a `---` document marker; each chunk keeps its marker line.
fn split(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let (mut start, mut first_line, mut offset) = (0usize, 1u32, 0usize);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let lineno = i as u32 + 1;
        if is_marker(line) && offset > start {
            chunks.push(Chunk { first_line, text: &text[start..offset] });
            start = offset;
            first_line = lineno;
        }
        offset += line.len();
    }
    if start < text.len() {
        chunks.push(Chunk { first_line, text: &text[start..] });
    }
    chunks
}

/// An upper bound on block nesting: indentation plus `- ` / `? ` entries opening on one line
/// (`- - - x`). Flow nesting is bounded by saphyr itself.
fn exceeds_depth(text: &str) -> bool {
    text.lines().any(|line| {
        let (mut rest, mut columns) = (line, 0);
        loop {
            let t = rest.trim_start_matches(' ');
            columns += rest.len() - t.len();
            match t.strip_prefix("- ").or_else(|| t.strip_prefix("? ")) {
                Some(r) => {
                    columns += 2;
                    rest = r;
                }
                None => break,
            }
        }
        columns / 2 > MAX_DEPTH
    })
}

/// Line numbers of one chunk: char index (saphyr markers count chars) to file line.
struct Lines {
    chars: Vec<char>,
    /// Char index at which each line starts.
    starts: Vec<usize>,
    /// File line of the chunk's first line, minus one.
    offset: u32,
}

impl Lines {
    fn new(text: &str, first_line: u32) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let starts = std::iter::once(0).chain(chars.iter().enumerate().filter(|(_, c)| **c == '\n').map(|(i, _)| i + 1)).collect();
        Lines { chars, starts, offset: first_line - 1 }
    }

    fn line_of(&self, index: usize) -> u32 {
        self.starts.partition_point(|&s| s <= index) as u32 + self.offset
    }

    fn span(&self, y: &MarkedYaml<'_>) -> Span {
        let (start, end) = (y.span.start.index(), y.span.end.index());
        // The end marker may sit past trailing whitespace and line breaks: back off to the last
        // character of the node itself.
        let mut last = end.min(self.chars.len());
        while last > start + 1 && self.chars.get(last - 1).is_some_and(|c| c.is_whitespace()) {
            last -= 1;
        }
        Span::new(self.line_of(start), self.line_of(last.saturating_sub(1).max(start)))
    }
}

fn convert(y: &MarkedYaml<'_>, lines: &Lines) -> Node {
    let span = lines.span(y);
    let value = match &y.data {
        YamlData::Value(s) => scalar(s),
        YamlData::Representation(s, ..) => Value::String(s.to_string()),
        YamlData::Tagged(_, inner) => return convert(inner, lines),
        YamlData::Sequence(items) => {
            let items: Vec<Node> = items.iter().map(|i| convert(i, lines)).collect();
            let end = items.iter().map(|n| n.span.end_line).max().unwrap_or(span.end_line);
            return Node::new(Value::List(items), Span::new(span.start_line, end));
        }
        YamlData::Mapping(map) => {
            let mut end = span.start_line;
            let mut entries = Vec::with_capacity(map.len());
            for (k, v) in map {
                let key_span = lines.span(k);
                let mut v = convert(v, lines);
                // An entry's lines run from its key: `securityContext:` starts the nested block.
                v.span.start_line = v.span.start_line.min(key_span.start_line);
                v.span.end_line = v.span.end_line.max(key_span.end_line);
                end = end.max(v.span.end_line);
                entries.push((key_string(k), v));
            }
            if entries.is_empty() {
                end = span.end_line;
            }
            return Node::new(Value::Map(entries), Span::new(span.start_line, end));
        }
        // Unknown anchors and values that contradict their tag (`!!int abc`): not knowable.
        YamlData::Alias(_) | YamlData::BadValue => Value::Unknown { refs: Vec::new() },
    };
    Node::new(value, span)
}


/// Mapping keys as strings: scalars as written, anything else (complex keys) rendered briefly.
fn key_string(k: &MarkedYaml<'_>) -> String {
    match &k.data {
        YamlData::Value(Scalar::String(s)) => s.to_string(),
        YamlData::Value(Scalar::Integer(i)) => i.to_string(),
        YamlData::Value(Scalar::FloatingPoint(f)) => f.to_string(),
        YamlData::Value(Scalar::Boolean(b)) => b.to_string(),
        YamlData::Value(Scalar::Null) => "null".to_string(),
        YamlData::Representation(s, ..) => s.to_string(),
        YamlData::Tagged(_, inner) => key_string(inner),
        _ => "(complex key)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_markers_only() {
        let chunks = split("a: 1\n---\nb: 2\n--- # c\nc: 3\n----x: no\n");
        let firsts: Vec<u32> = chunks.iter().map(|c| c.first_line).collect();
        assert_eq!(firsts, vec![1, 2, 4]);
        assert!(chunks[2].text.contains("----x"));
    }

    #[test]
    fn spans_are_file_lines() {
        let file: Arc<str> = Arc::from("x.yaml");
        let mut errs = Vec::new();
        let docs = documents("a: 1\n---\nb:\n  c: |\n    text\n  d: 2\n", &file, &mut errs);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].span, Span::new(3, 6));
        assert_eq!(docs[1].get("b.c").map(|n| n.span), Some(Span::new(4, 5)));
        assert_eq!(docs[1].get("b").map(|n| n.span), Some(Span::new(3, 6)));
        assert_eq!(docs[1].get("b.d").map(|n| n.span), Some(Span::new(6, 6)));
    }
}
