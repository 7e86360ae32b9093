//! Overlays on a resource's values: attributes known only after apply become [`Value::Unknown`]
//! (with the resources their expression referenced), and sensitive values are redacted so that no
//! raw secret is kept in the resource tree.

use super::config::{ResourceConfig, Step};
use crate::node::{Node, Value};
use serde_json::Value as J;
use tightrope_core::redact::redact;

/// Attributes that providers mark sensitive in their schema. A raw `terraform.tfstate` stores
/// them in clear text without saying so, so they are redacted by name wherever they occur.
const SECRET_ATTRIBUTES: &[&str] = &[
    "password",
    "master_password",
    "secret",
    "secret_string",
    "secret_binary",
    "private_key",
    "ses_smtp_password",
    "ses_smtp_password_v4",
    "encrypted_secret",
    "auth_token",
    "client_secret",
    "access_token",
];

/// Mark every `true` of an `after_unknown` tree (same shape as the values) as unknown.
pub fn mark_unknown<'a>(node: &mut Node, mask: &'a J, cfg: Option<&ResourceConfig>, path: &mut Vec<Step<'a>>) {
    match (mask, &mut node.value) {
        (J::Bool(true), _) => node.value = Value::Unknown { refs: cfg.map(|c| c.refs_at(path)).unwrap_or_default() },
        (J::Object(m), Value::Map(entries)) => {
            for (k, sub) in m {
                path.push(Step::Key(k));
                match entries.iter_mut().find(|(name, _)| name == k) {
                    Some((_, child)) => mark_unknown(child, sub, cfg, path),
                    None if sub == &J::Bool(true) => {
                        let mut child = Node::unknown(node.span);
                        mark_unknown(&mut child, sub, cfg, path);
                        entries.push((k.clone(), child));
                    }
                    None => {}
                }
                path.pop();
            }
        }
        (J::Array(a), Value::List(items)) => {
            for (i, sub) in a.iter().enumerate() {
                path.push(Step::Index(i));
                if let Some(child) = items.get_mut(i) {
                    mark_unknown(child, sub, cfg, path);
                } else if i == items.len() && sub == &J::Bool(true) {
                    let mut child = Node::unknown(node.span);
                    mark_unknown(&mut child, sub, cfg, path);
                    items.push(child);
                }
                path.pop();
            }
        }
        _ => {}
    }
}

/// Redact what a `sensitive_values` / `after_sensitive` tree marks `true`.
pub fn redact_marked(node: &mut Node, mask: &J) {
    match (mask, &mut node.value) {
        (J::Bool(true), _) => redact_all(node),
        (J::Object(m), Value::Map(entries)) => {
            for (k, child) in entries.iter_mut() {
                if let Some(sub) = m.get(k.as_str()) {
                    redact_marked(child, sub);
                }
            }
        }
        (J::Array(a), Value::List(items)) => items.iter_mut().zip(a).for_each(|(child, sub)| redact_marked(child, sub)),
        _ => {}
    }
}

/// Redact the paths of a state instance's `sensitive_attributes`:
/// `[[{"type": "get_attr", "value": "password"}, {"type": "index", "value": {"value": 0, "type": "number"}}]]`.
pub fn redact_paths(node: &mut Node, paths: &J) {
    for path in paths.as_array().into_iter().flatten().filter_map(J::as_array) {
        let mut cur = Some(&mut *node);
        for step in path {
            cur = cur.and_then(|n| child_mut(n, step));
        }
        if let Some(n) = cur {
            redact_all(n);
        }
    }
}

fn child_mut<'n>(node: &'n mut Node, step: &J) -> Option<&'n mut Node> {
    let value = step.get("value")?;
    let key = value.get("value").unwrap_or(value);
    match &mut node.value {
        Value::Map(entries) => {
            let k = key.as_str()?;
            entries.iter_mut().find(|(name, _)| name == k).map(|(_, v)| v)
        }
        Value::List(items) => items.get_mut(usize::try_from(key.as_u64()?).ok()?),
        _ => None,
    }
}

/// Redact attributes named like secrets, at any depth.
pub fn redact_secret_names(node: &mut Node) {
    match &mut node.value {
        Value::Map(entries) => {
            for (k, child) in entries.iter_mut() {
                if SECRET_ATTRIBUTES.contains(&k.as_str()) {
                    redact_all(child);
                } else {
                    redact_secret_names(child);
                }
            }
        }
        Value::List(items) => items.iter_mut().for_each(redact_secret_names),
        _ => {}
    }
}

/// Replace every non-empty string below `node` with its redacted rendering.
fn redact_all(node: &mut Node) {
    match &mut node.value {
        Value::String(s) if !s.is_empty() => *s = redact(s),
        Value::List(items) => items.iter_mut().for_each(redact_all),
        Value::Map(entries) => entries.iter_mut().for_each(|(_, v)| redact_all(v)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::Span;
    use serde_json::json;

    fn node(v: J) -> Node {
        Node::from_json(&v, Span::new(1, 1))
    }

    #[test]
    fn marks_unknown_including_new_attributes_and_list_items() {
        let mut n = node(json!({"a": 1, "blk": [{"x": null}], "ids": ["s-1"]}));
        mark_unknown(&mut n, &json!({"arn": true, "blk": [{"x": true}], "ids": [false, true]}), None, &mut Vec::new());
        assert!(n.get("arn").is_some_and(Node::is_unknown));
        assert!(n.get("blk.x").is_some_and(Node::is_unknown));
        assert_eq!(n.get("ids.0").and_then(Node::as_str), Some("s-1"));
        assert!(n.get("ids.1").is_some_and(Node::is_unknown));
        assert_eq!(n.get("a").map(|x| x.value.clone()), Some(Value::Number(1.0)));
    }

    #[test]
    fn redacts_marked_paths_and_secret_names() {
        let mut n = node(
            json!({"ami": "ami-0123456789abcdef", "tags": {"k": "v"}, "db": [{"password": "hunter2hunter2"}], "list": ["a", "topsecret"]}),
        );
        redact_marked(&mut n, &json!({"ami": true}));
        redact_paths(&mut n, &json!([[{"type": "get_attr", "value": "list"}, {"type": "index", "value": {"value": 1, "type": "number"}}]]));
        redact_secret_names(&mut n);
        let s = |p: &str| n.get(p).and_then(Node::as_str).unwrap_or_default().to_string();
        assert!(!s("ami").contains("0123456789") && s("ami").contains("sha256:"), "{}", s("ami"));
        assert!(!s("db.password").contains("hunter"));
        assert_eq!(s("list.0"), "a");
        assert!(!s("list.1").contains("topsecret"));
        assert_eq!(s("tags.k"), "v");
    }
}
