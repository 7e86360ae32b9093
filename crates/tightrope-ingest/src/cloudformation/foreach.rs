//! `Fn::ForEach` (the `AWS::LanguageExtensions` transform) in `Resources`: each loop is expanded
//! into one resource per collection item, `${Id}` / `&{Id}` substituted in the logical ids and
//! strings, `{Ref: Id}` replaced by the item. A loop whose collection is unknown offline is left out
//! (its resources cannot be named); nested loops are expanded too.

use super::intrinsics::Context;
use crate::fields::scalar_string;
use crate::node::{Node, Value};

const MAX_RESOURCES: usize = 10_000;

/// `Resources` with every `Fn::ForEach::*` entry expanded.
pub fn expand(resources: &[(String, Node)], ctx: &Context) -> Vec<(String, Node)> {
    let mut out = Vec::new();
    for (key, value) in resources {
        if key.starts_with("Fn::ForEach::") {
            expand_loop(value, ctx, &mut out, 0);
        } else {
            out.push((key.clone(), value.clone()));
        }
    }
    out
}

fn expand_loop(spec: &Node, ctx: &Context, out: &mut Vec<(String, Node)>, depth: usize) {
    let Some([id, collection, fragment]) = spec.as_list() else { return };
    let (Some(id), Some(items), Some(fragment)) = (id.as_str(), ctx.resolve(collection), fragment.as_map()) else { return };
    let Some(items) = items.as_list().map(|l| l.iter().filter_map(scalar_string).collect::<Vec<_>>()) else { return };
    for item in items {
        for (key, value) in fragment {
            if out.len() >= MAX_RESOURCES || depth > 8 {
                return;
            }
            let value = substitute(value, id, &item);
            if key.starts_with("Fn::ForEach::") {
                expand_loop(&value, ctx, out, depth + 1);
            } else {
                out.push((replace_placeholders(key, id, &item), value));
            }
        }
    }
}

fn replace_placeholders(s: &str, id: &str, item: &str) -> String {
    let alnum: String = item.chars().filter(char::is_ascii_alphanumeric).collect();
    s.replace(&format!("${{{id}}}"), item).replace(&format!("&{{{id}}}"), &alnum)
}

fn substitute(node: &Node, id: &str, item: &str) -> Node {
    let value = match &node.value {
        Value::String(s) => Value::String(replace_placeholders(s, id, item)),
        Value::List(l) => Value::List(l.iter().map(|n| substitute(n, id, item)).collect()),
        Value::Map(m) => match m.as_slice() {
            [(k, v)] if k == "Ref" && v.as_str() == Some(id) => Value::String(item.to_string()),
            _ => Value::Map(m.iter().map(|(k, v)| (replace_placeholders(k, id, item), substitute(v, id, item))).collect()),
        },
        other => other.clone(),
    };
    Node::new(value, node.span)
}
