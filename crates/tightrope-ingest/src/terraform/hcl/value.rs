//! Value helpers for evaluation: unknown propagation, truthiness, string conversion, re-spanning.

use crate::node::{Node, Span, Value};

/// An unknown carrying the union of the references of `parts`.
pub fn unknown_from<'a>(parts: impl IntoIterator<Item = &'a Node>, span: Span) -> Node {
    let mut refs = Vec::new();
    collect_refs(parts, &mut refs);
    Node::new(Value::Unknown { refs }, span)
}

/// References of every unknown inside `parts`, deduplicated.
pub fn collect_refs<'a>(parts: impl IntoIterator<Item = &'a Node>, refs: &mut Vec<String>) {
    for p in parts {
        refs_of(p, refs);
    }
}

fn refs_of(n: &Node, refs: &mut Vec<String>) {
    match &n.value {
        Value::Unknown { refs: r } => {
            for x in r {
                if !refs.contains(x) {
                    refs.push(x.clone());
                }
            }
        }
        Value::List(items) => items.iter().for_each(|i| refs_of(i, refs)),
        Value::Map(entries) => entries.iter().for_each(|(_, v)| refs_of(v, refs)),
        _ => {}
    }
}

/// Anything unknown inside (deep).
pub fn has_unknown(n: &Node) -> bool {
    match &n.value {
        Value::Unknown { .. } => true,
        Value::List(items) => items.iter().any(has_unknown),
        Value::Map(entries) => entries.iter().any(|(_, v)| has_unknown(v)),
        _ => false,
    }
}

/// Give a whole subtree one span: values that came from a variable or local are reported where
/// they are used.
pub fn respan(mut n: Node, span: Span) -> Node {
    n.span = span;
    n.value = match n.value {
        Value::List(items) => Value::List(items.into_iter().map(|i| respan(i, span)).collect()),
        Value::Map(entries) => Value::Map(entries.into_iter().map(|(k, v)| (k, respan(v, span))).collect()),
        v => v,
    };
    n
}

/// Terraform's string conversion of a primitive.
pub fn to_string(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(x) => Some(number_to_string(*x)),
        _ => None,
    }
}

pub fn number_to_string(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { x.to_string() }
}

pub fn to_number(n: &Node) -> Option<f64> {
    match &n.value {
        Value::Number(x) => Some(*x),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn to_bool(n: &Node) -> Option<bool> {
    match &n.value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        _ => None,
    }
}

/// Structural equality ignoring spans.
pub fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::List(x), Value::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Map(x), Value::Map(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same(v, v2))),
        (Value::Number(x), Value::String(_)) | (Value::String(_), Value::Number(x)) => {
            to_string(a) == to_string(b) && !x.is_nan()
        }
        (x, y) => x == y,
    }
}

pub fn str_node(s: impl Into<String>, span: Span) -> Node {
    Node::new(Value::String(s.into()), span)
}

pub fn num_node(x: f64, span: Span) -> Node {
    Node::new(Value::Number(x), span)
}

pub fn bool_node(b: bool, span: Span) -> Node {
    Node::new(Value::Bool(b), span)
}
