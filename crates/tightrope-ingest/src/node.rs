//! [`Node`]: a located, format-neutral value tree that every reader produces.
//!
//! Terraform blocks, plan JSON objects, CloudFormation properties and Kubernetes manifests all
//! become `Node`s, so that attribute lookup, origins and unknown values work the same way for each.
//! Terraform nested blocks are lists of maps (blocks may repeat); [`Node::get`] descends into the
//! first element of a list when the next path segment is a key, so `metadata_options.http_tokens`
//! works on both HCL and plan JSON.

use std::fmt;

/// 1-based, inclusive line range within the resource's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start_line: u32,
    pub end_line: u32,
}

impl Span {
    pub fn new(start_line: u32, end_line: u32) -> Self {
        Span { start_line, end_line: end_line.max(start_line) }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Node>),
    /// Keys in source order.
    Map(Vec<(String, Node)>),
    /// Written, but not resolvable offline. `refs` lists the resource addresses the expression
    /// referenced (`aws_kms_key.k`, CloudFormation logical ids), so a link can still be followed.
    Unknown { refs: Vec<String> },
}

impl Node {
    pub fn new(value: Value, span: Span) -> Self {
        Node { value, span }
    }

    pub fn unknown(span: Span) -> Self {
        Node { value: Value::Unknown { refs: Vec::new() }, span }
    }

    /// Look up a dotted path (`a.b.c`). Lists are descended through their first element when the
    /// segment is a key, or indexed when it is a number. A path through an unknown value yields that
    /// unknown value.
    pub fn get(&self, path: &str) -> Option<&Node> {
        let mut cur = self;
        for seg in path.split('.') {
            cur = cur.child(seg)?;
        }
        Some(cur)
    }

    /// Anything inside an unknown value is unknown: the unknown node itself is returned, so that a
    /// reader never mistakes an attribute of an unresolvable block for a left-out one.
    fn child(&self, seg: &str) -> Option<&Node> {
        match &self.value {
            Value::Unknown { .. } => Some(self),
            Value::Map(entries) => entries.iter().find(|(k, _)| k == seg).map(|(_, v)| v),
            Value::List(items) => match seg.parse::<usize>() {
                Ok(i) => items.get(i),
                Err(_) => items.first()?.child(seg),
            },
            _ => None,
        }
    }

    /// Every node at a path, fanning out over lists (all `ingress` blocks, all containers).
    pub fn get_all<'a>(&'a self, path: &str) -> Vec<&'a Node> {
        let mut cur = vec![self];
        for seg in path.split('.') {
            let mut next = Vec::new();
            for n in cur {
                match &n.value {
                    Value::List(items) => {
                        for i in items {
                            if let Some(c) = i.child(seg) {
                                next.push(c);
                            }
                        }
                    }
                    _ => {
                        if let Some(c) = n.child(seg) {
                            next.push(c);
                        }
                    }
                }
            }
            cur = next;
        }
        // A final list yields its elements.
        cur.into_iter()
            .flat_map(|n| match &n.value {
                Value::List(items) => items.iter().collect::<Vec<_>>(),
                _ => vec![n],
            })
            .collect()
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(String, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Node]> {
        match &self.value {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown { .. })
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Build a node tree from JSON, every node spanning `span` (JSON readers without positions).
    pub fn from_json(v: &serde_json::Value, span: Span) -> Node {
        use serde_json::Value as J;
        let value = match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            J::String(s) => Value::String(s.clone()),
            J::Array(a) => Value::List(a.iter().map(|x| Node::from_json(x, span)).collect()),
            J::Object(o) => Value::Map(o.iter().map(|(k, x)| (k.clone(), Node::from_json(x, span))).collect()),
        };
        Node { value, span }
    }

    /// Convert back to JSON (for embedded documents such as policies). `None` if anything inside
    /// is unknown.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        use serde_json::Value as J;
        Some(match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => serde_json::Number::from_f64(*n).map(|x| {
                if n.fract() == 0.0 && n.abs() < 9e15 { J::from(*n as i64) } else { J::Number(x) }
            })?,
            Value::String(s) => J::String(s.clone()),
            Value::List(l) => J::Array(l.iter().map(Node::to_json).collect::<Option<_>>()?),
            Value::Map(m) => J::Object(m.iter().map(|(k, v)| Some((k.clone(), v.to_json()?))).collect::<Option<_>>()?),
            Value::Unknown { .. } => return None,
        })
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::String(s) => f.write_str(s),
            Value::List(_) => f.write_str("[list]"),
            Value::Map(_) => f.write_str("{map}"),
            Value::Unknown { .. } => f.write_str("(unknown)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_through_lists_and_unknowns() {
        let s = Span::new(1, 1);
        let block = Node::new(Value::Map(vec![("http_tokens".into(), Node::new(Value::String("required".into()), s))]), s);
        let root = Node::new(
            Value::Map(vec![
                ("metadata_options".into(), Node::new(Value::List(vec![block]), s)),
                ("root_block_device".into(), Node::unknown(s)),
            ]),
            s,
        );
        assert_eq!(root.get("metadata_options.http_tokens").and_then(Node::as_str), Some("required"));
        assert_eq!(root.get("metadata_options.0.http_tokens").and_then(Node::as_str), Some("required"));
        assert!(root.get("root_block_device.encrypted").is_some_and(Node::is_unknown));
        assert!(root.get("missing.x").is_none());
    }
}
