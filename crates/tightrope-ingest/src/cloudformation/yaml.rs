//! Template text (YAML or JSON, which is YAML 1.2) → a located [`Node`] tree, with saphyr.
//!
//! Short-form intrinsic tags are normalised to their long form (`!Ref X` → `{Ref: X}`,
//! `!GetAtt A.B` → `{Fn::GetAtt: A.B}`, `!Sub s` → `{Fn::Sub: s}`), so the resolver only sees one
//! spelling. Another tag (`!Rain::Module path`) is kept as `{"!Rain::Module": path}`; the resolver
//! treats it as unknown. A mapping value's span starts at its
//! key, so an attribute's origin covers `Key:` as well as what follows. Alias expansion is bounded
//! by saphyr's node budget (billion-laughs documents are refused).

use crate::node::{Node, Span, Value};
use crate::yaml::scalar;
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// A parse failure: the 1-based line and what was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: u32,
    pub message: String,
}

/// Parse the first document of `text`.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let docs = MarkedYaml::load_from_str(text).map_err(|e| ParseError {
        line: e.marker().line() as u32,
        message: format!("invalid YAML/JSON: {} (column {})", e.info(), e.marker().col() + 1),
    })?;
    let lines: Vec<&str> = text.lines().collect();
    let conv = Converter { lines };
    match docs.first() {
        Some(doc) => Ok(conv.node(doc)),
        None => Err(ParseError { line: 1, message: "empty document: expected a CloudFormation template".into() }),
    }
}

/// The intrinsic function a short-form tag stands for.
fn long_form(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "GetAtt" => "Fn::GetAtt",
        "Sub" => "Fn::Sub",
        "If" => "Fn::If",
        "Join" => "Fn::Join",
        "Select" => "Fn::Select",
        "FindInMap" => "Fn::FindInMap",
        "Equals" => "Fn::Equals",
        "And" => "Fn::And",
        "Or" => "Fn::Or",
        "Not" => "Fn::Not",
        "Base64" => "Fn::Base64",
        "Split" => "Fn::Split",
        "ImportValue" => "Fn::ImportValue",
        "GetAZs" => "Fn::GetAZs",
        "Cidr" => "Fn::Cidr",
        "Length" => "Fn::Length",
        "ToJsonString" => "Fn::ToJsonString",
        "Transform" => "Fn::Transform",
        _ => return None,
    })
}

struct Converter<'t> {
    lines: Vec<&'t str>,
}

impl Converter<'_> {
    fn node(&self, y: &MarkedYaml) -> Node {
        let start = y.span.start.line() as u32;
        let value = match &y.data {
            YamlData::Value(s) => scalar(s),
            YamlData::Representation(text, _, _) => Value::String(text.to_string()),
            YamlData::Sequence(items) => Value::List(items.iter().map(|i| self.node(i)).collect()),
            YamlData::Mapping(m) => Value::Map(
                m.iter()
                    .map(|(k, v)| {
                        let mut value = self.node(v);
                        let key_line = k.span.start.line() as u32;
                        if key_line > 0 && key_line < value.span.start_line {
                            value.span.start_line = key_line;
                        }
                        (key_string(k), value)
                    })
                    .collect(),
            ),
            YamlData::Tagged(tag, inner) => {
                let inner = self.node(inner);
                let span = Span::new(start, inner.span.end_line);
                let name = match (tag.handle.as_str(), long_form(&tag.suffix)) {
                    ("!", Some(name)) => name.to_string(),
                    _ => format!("{}{}", tag.handle, tag.suffix),
                };
                return Node::new(Value::Map(vec![(name, inner)]), span);
            }
            YamlData::Alias(_) | YamlData::BadValue => Value::Null,
        };
        let end = self.end_line(y, &value);
        Node::new(value, Span::new(start, end))
    }

    /// The last line a node occupies. saphyr's end marker of a block collection (or a block
    /// scalar) is the start of the next token, possibly after blank lines and comments; a flow
    /// collection's end marker is its closing bracket.
    fn end_line(&self, y: &MarkedYaml, value: &Value) -> u32 {
        let (start, end) = (y.span.start.line() as u32, y.span.end.line() as u32);
        let at_end = self.lines.get((end as usize).wrapping_sub(1)).and_then(|l| l.chars().nth(y.span.end.col()));
        let last_child = match value {
            Value::List(items) => items.iter().map(|n| n.span.end_line).max(),
            Value::Map(entries) => entries.iter().map(|(_, n)| n.span.end_line).max(),
            _ => None,
        };
        match (value, last_child) {
            (Value::List(_) | Value::Map(_), _) if matches!(at_end, Some('}' | ']')) => end,
            (_, Some(child)) => child.max(start),
            _ if end > start && y.span.end.col() == 0 => self.last_content_line(start, end - 1),
            _ => end.max(start),
        }
    }

    /// Walk back from `end` over blank and comment lines (a block scalar's end marker lies past
    /// the trailing ones).
    fn last_content_line(&self, start: u32, mut end: u32) -> u32 {
        while end > start {
            match self.lines.get(end as usize - 1).map(|l| l.trim_start()) {
                Some(l) if l.is_empty() || l.starts_with('#') => end -= 1,
                _ => break,
            }
        }
        end
    }
}


/// Mapping keys as strings (`123:` and `true:` are keys too).
fn key_string(k: &MarkedYaml) -> String {
    match &k.data {
        YamlData::Value(Scalar::String(s)) => s.to_string(),
        YamlData::Value(Scalar::Integer(i)) => i.to_string(),
        YamlData::Value(Scalar::FloatingPoint(f)) => f.to_string(),
        YamlData::Value(Scalar::Boolean(b)) => b.to_string(),
        YamlData::Value(Scalar::Null) => String::new(),
        YamlData::Representation(text, _, _) => text.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_block_and_flow() {
        let n = parse("A:\n  B: 1\n  C:\n    - x\n\n# c\nD: {\"E\": [1,\n 2]\n}\n").unwrap();
        assert_eq!(n.get("A").unwrap().span, Span::new(1, 4));
        assert_eq!(n.get("A.C").unwrap().span, Span::new(3, 4));
        assert_eq!(n.get("D").unwrap().span, Span::new(7, 9));
        assert_eq!(n.get("D.E").unwrap().span, Span::new(7, 8));
    }

    #[test]
    fn short_forms_become_long_forms() {
        let n = parse("A: !Ref X\nB: !GetAtt R.Arn\nC: !Sub\n  - s\n  - {}\nD: !Rain::Embed f\n").unwrap();
        assert_eq!(n.get("A.Ref").and_then(Node::as_str), Some("X"));
        assert_eq!(n.get("B.Fn::GetAtt").and_then(Node::as_str), Some("R.Arn"));
        assert_eq!(n.get("C.Fn::Sub").and_then(Node::as_list).map(<[Node]>::len), Some(2));
        assert_eq!(n.get("D.!Rain::Embed").and_then(Node::as_str), Some("f"));
    }

    #[test]
    fn block_scalar_ends_on_its_last_line() {
        let n = parse("A: |\n  one\n  two\n\nB: 1\n").unwrap();
        assert_eq!(n.get("A").unwrap().span.end_line, 3);
    }
}
