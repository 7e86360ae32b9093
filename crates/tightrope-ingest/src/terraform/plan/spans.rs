//! Line spans of JSON objects, found by JSON pointer in one pass over the text (serde_json keeps no
//! positions). The text must already have parsed as JSON.

use crate::node::Span;
use std::collections::{HashMap, HashSet};

/// Append one RFC 6901 segment to a JSON pointer (`~` and `/` escaped).
pub fn push_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// An open container while scanning.
struct Frame {
    is_object: bool,
    /// Length of the pointer before this container's own segment was pushed.
    parent_len: usize,
    start_line: u32,
    /// Array: index of the current element. Object: whether the next string is a key.
    index: usize,
    expect_key: bool,
    key: String,
}

/// The lines each wanted object spans, keyed by its JSON pointer. Pointers that are not objects
/// in `text` are absent from the result.
pub fn object_spans(text: &str, wanted: &HashSet<String>) -> HashMap<String, Span> {
    let bytes = text.as_bytes();
    let mut out = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut ptr = String::new();
    let mut line: u32 = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'"' => {
                let start = i + 1;
                i = string_end(bytes, start, &mut line);
                if let Some(f) = stack.last_mut().filter(|f| f.is_object && f.expect_key) {
                    f.key = decode_key(&text[start..i.min(bytes.len())]);
                }
            }
            b':' => {
                if let Some(f) = stack.last_mut() {
                    f.expect_key = false;
                }
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    if f.is_object {
                        f.expect_key = true;
                    } else {
                        f.index += 1;
                    }
                }
            }
            c @ (b'{' | b'[') => {
                let parent_len = ptr.len();
                if let Some(f) = stack.last() {
                    if f.is_object {
                        push_segment(&mut ptr, &f.key);
                    } else {
                        push_segment(&mut ptr, &f.index.to_string());
                    }
                }
                stack.push(Frame { is_object: c == b'{', parent_len, start_line: line, index: 0, expect_key: true, key: String::new() });
            }
            b'}' | b']' => {
                if let Some(f) = stack.pop() {
                    if f.is_object && wanted.contains(&ptr) {
                        out.insert(ptr.clone(), Span::new(f.start_line, line));
                    }
                    ptr.truncate(f.parent_len);
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Index of the closing quote of a string whose content starts at `i` (or the end of input).
fn string_end(bytes: &[u8], mut i: usize, line: &mut u32) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'"' => return i,
            b'\n' => *line += 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn decode_key(raw: &str) -> String {
    if raw.contains('\\') {
        serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
    } else {
        raw.to_string()
    }
}

/// Number of lines in `text` (at least 1).
pub fn line_count(text: &str) -> u32 {
    let n = text.bytes().filter(|&b| b == b'\n').count() as u32;
    if text.ends_with('\n') { n.max(1) } else { n + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pointer built from segments, e.g. `pointer(&["resources", "3"])` = `/resources/3`.
    fn pointer(segments: &[&str]) -> String {
        let mut p = String::new();
        for s in segments {
            push_segment(&mut p, s);
        }
        p
    }

    #[test]
    fn finds_nested_objects_by_pointer() {
        let text = "{\n \"a\": [\n  {\"x\": \"}\\\"{\"},\n  {\n   \"y/z\": {\n   }\n  }\n ]\n}\n";
        let wanted: HashSet<String> = [pointer(&["a", "0"]), pointer(&["a", "1"]), pointer(&["a", "1", "y/z"]), pointer(&["a"])].into();
        let spans = object_spans(text, &wanted);
        assert_eq!(spans.get("/a/0"), Some(&Span::new(3, 3)));
        assert_eq!(spans.get("/a/1"), Some(&Span::new(4, 7)));
        assert_eq!(spans.get("/a/1/y~1z"), Some(&Span::new(5, 6)));
        assert_eq!(spans.get("/a"), None, "arrays are not objects");
        assert_eq!(line_count(text), 9);
    }
}
