//! A generic structural diff of normalised JSON, with paths in user terms
//! (`public_access_block.block_public_acls`, `containers[web].image`, `ingress[0].cidr_blocks`).
//!
//! Objects are compared key by key (a missing key and `null` are the same). Lists of named items
//! (`name`, `address`, `sid`, `filter_type`) are matched by name; other lists of objects by content
//! first, then by position; lists of plain values as sets (reordering is not drift).

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One changed value. `None` is "absent".
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// Fields that name an item of a list.
const KEY_FIELDS: &[&str] = &["name", "address", "sid", "filter_type"];

/// Every change from `old` to `new`, in path order.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", present(Some(old)), present(Some(new)), &mut out);
    out
}

fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !v.is_null())
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(path: &str, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let empty_obj = Value::Object(Map::new());
    let empty_arr = Value::Array(Vec::new());
    match (old, new) {
        (Some(Value::Object(_)), None) => walk(path, old, Some(&empty_obj), out),
        (None, Some(Value::Object(_))) => walk(path, Some(&empty_obj), new, out),
        (Some(Value::Array(_)), None) => walk(path, old, Some(&empty_arr), out),
        (None, Some(Value::Array(_))) => walk(path, Some(&empty_arr), new, out),
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                walk(&join(path, k), present(a.get(k)), present(b.get(k)), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => list(path, a, b, out),
        _ => out.push(Change {
            path: path.to_string(),
            old: old.cloned(),
            new: new.cloned(),
        }),
    }
}

/// The field that names every item of both lists uniquely, if any.
fn key_field(a: &[Value], b: &[Value]) -> Option<&'static str> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    KEY_FIELDS.iter().copied().find(|k| {
        [a, b].iter().all(|items| {
            let names: Vec<&str> = items.iter().filter_map(|i| i.get(*k)?.as_str()).collect();
            let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
            names.len() == items.len()
                && unique.len() == names.len()
                && !names.contains(&crate::normalize::UNKNOWN)
        })
    })
}

fn list(path: &str, a: &[Value], b: &[Value], out: &mut Vec<Change>) {
    if let Some(k) = key_field(a, b) {
        let by_key = |items: &[Value]| -> BTreeMap<String, Value> {
            items
                .iter()
                .filter_map(|i| Some((i.get(k)?.as_str()?.to_string(), i.clone())))
                .collect()
        };
        let (ma, mb) = (by_key(a), by_key(b));
        let keys: std::collections::BTreeSet<&String> = ma.keys().chain(mb.keys()).collect();
        for key in keys {
            walk(&format!("{path}[{key}]"), ma.get(key), mb.get(key), out);
        }
        return;
    }
    // Match equal items first (order does not matter), whatever their type.
    let mut removed: Vec<&Value> = Vec::new();
    let mut added: Vec<(usize, &Value)> = b.iter().enumerate().collect();
    for item in a {
        match added.iter().position(|(_, x)| *x == item) {
            Some(i) => {
                added.remove(i);
            }
            None => removed.push(item),
        }
    }
    let objects = removed
        .iter()
        .chain(added.iter().map(|(_, v)| v))
        .all(|v| v.is_object());
    if objects && removed.len() == added.len() {
        for (old, (i, new)) in removed.into_iter().zip(added) {
            walk(&format!("{path}[{i}]"), Some(old), Some(new), out);
        }
        return;
    }
    for old in removed {
        out.push(Change {
            path: path.to_string(),
            old: Some(old.clone()),
            new: None,
        });
    }
    for (_, new) in added {
        out.push(Change {
            path: path.to_string(),
            old: None,
            new: Some(new.clone()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(c: &[Change]) -> Vec<String> {
        c.iter()
            .map(|c| format!("{}: {:?} -> {:?}", c.path, c.old, c.new))
            .collect()
    }

    #[test]
    fn nested_scalar_change_has_a_dotted_path() {
        let c = diff(
            &json!({"pab": {"block": true, "x": 1}}),
            &json!({"pab": {"block": false, "x": 1}}),
        );
        assert_eq!(
            c,
            vec![Change {
                path: "pab.block".into(),
                old: Some(json!(true)),
                new: Some(json!(false))
            }]
        );
    }

    #[test]
    fn absent_block_lists_its_leaves() {
        let c = diff(
            &json!({"pab": null}),
            &json!({"pab": {"a": true, "b": true}}),
        );
        assert_eq!(
            paths(&c),
            [
                "pab.a: None -> Some(Bool(true))",
                "pab.b: None -> Some(Bool(true))"
            ]
        );
    }

    #[test]
    fn named_items_are_matched_by_name_and_reordering_is_not_drift() {
        let old =
            json!({"containers": [{"name": "a", "image": "x:1"}, {"name": "b", "image": "y:1"}]});
        let new =
            json!({"containers": [{"name": "b", "image": "y:1"}, {"name": "a", "image": "x:2"}]});
        assert_eq!(
            paths(&diff(&old, &new)),
            [r#"containers[a].image: Some(String("x:1")) -> Some(String("x:2"))"#]
        );
        let reordered = json!({"cidrs": ["10.0.0.0/8", "0.0.0.0/0"]});
        assert!(diff(&json!({"cidrs": ["0.0.0.0/0", "10.0.0.0/8"]}), &reordered).is_empty());
    }

    #[test]
    fn plain_lists_are_sets() {
        let c = diff(
            &json!({"cidrs": ["10.0.0.0/8"]}),
            &json!({"cidrs": ["10.0.0.0/8", "0.0.0.0/0"]}),
        );
        assert_eq!(paths(&c), [r#"cidrs: None -> Some(String("0.0.0.0/0"))"#]);
    }

    #[test]
    fn unnamed_objects_pair_by_position_after_matching_equal_ones() {
        let old = json!({"ingress": [{"port": 22, "cidr": ["10.0.0.0/8"]}, {"port": 443, "cidr": ["0.0.0.0/0"]}]});
        let new = json!({"ingress": [{"port": 443, "cidr": ["0.0.0.0/0"]}, {"port": 22, "cidr": ["0.0.0.0/0"]}]});
        let c = diff(&old, &new);
        assert_eq!(
            paths(&c),
            [
                r#"ingress[1].cidr: Some(String("10.0.0.0/8")) -> None"#,
                r#"ingress[1].cidr: None -> Some(String("0.0.0.0/0"))"#
            ]
        );
    }
}
