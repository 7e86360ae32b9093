//! The Terraform built-in functions that IaC scanning meets in practice. A function that needs
//! information only known at apply time (timestamps, UUIDs, hashes of files, CIDR arithmetic) or
//! that is not implemented returns unknown; so does any call with an unknown argument, keeping the
//! references the argument carried.

use super::eval::MAX_ITEMS;
use super::value::*;
use crate::node::{Node, Span, Value};
use std::path::Path;

/// Files read by `file()` are at most this large.
const MAX_FILE: u64 = 1024 * 1024;

pub fn call(name: &str, args: Vec<Node>, span: Span, module_dir: &Path) -> Node {
    // Functions that accept unknown parts of their arguments.
    match name {
        "coalesce" => {
            return args
                .iter()
                .find(|a| !a.is_null() && a.as_str() != Some(""))
                .map(|a| if a.is_unknown() { unknown_from([a], span) } else { a.clone() })
                .unwrap_or_else(|| Node::unknown(span));
        }
        "merge" if args.iter().all(|a| matches!(a.value, Value::Map(_) | Value::Null)) => {
            let mut out: Vec<(String, Node)> = Vec::new();
            for a in args {
                if let Value::Map(entries) = a.value {
                    for (k, v) in entries {
                        out.retain(|(k2, _)| *k2 != k);
                        out.push((k, v));
                    }
                }
            }
            return Node::new(Value::Map(out), span);
        }
        "concat" if args.iter().all(|a| matches!(a.value, Value::List(_))) => {
            let items = args.into_iter().flat_map(|a| match a.value {
                Value::List(items) => items,
                _ => Vec::new(),
            });
            return Node::new(Value::List(items.take(MAX_ITEMS).collect()), span);
        }
        "lookup" if args.len() >= 2 => {
            if let (Value::Map(entries), Some(k)) = (&args[0].value, to_string(&args[1])) {
                if let Some((_, v)) = entries.iter().find(|(e, _)| *e == k) {
                    return v.clone();
                }
                return args.get(2).cloned().unwrap_or_else(|| Node::unknown(span));
            }
        }
        "tolist" | "toset" | "tomap" | "sensitive" | "nonsensitive" | "one" if args.len() == 1 => {
            let a = args.into_iter().next().unwrap_or_else(|| Node::unknown(span));
            return match (name, a.value) {
                ("one", Value::List(items)) if items.len() <= 1 => items.into_iter().next().unwrap_or(Node::new(Value::Null, span)),
                ("one", v) => unknown_from([&Node::new(v, span)], span),
                ("toset", Value::List(items)) => {
                    let mut out: Vec<Node> = Vec::new();
                    for i in items {
                        if !out.iter().any(|o| same(o, &i)) {
                            out.push(i);
                        }
                    }
                    Node::new(Value::List(out), span)
                }
                (_, v) => Node::new(v, span),
            };
        }
        _ => {}
    }
    if args.iter().any(has_unknown) {
        return unknown_from(&args, span);
    }
    known(name, &args, span, module_dir).unwrap_or_else(|| Node::unknown(span))
}

fn strs(args: &[Node]) -> Option<Vec<String>> {
    args.iter().map(to_string).collect()
}

fn list(n: &Node) -> Option<&[Node]> {
    n.as_list()
}

/// Functions over fully known arguments. `None` for unsupported functions or argument shapes.
fn known(name: &str, args: &[Node], span: Span, module_dir: &Path) -> Option<Node> {
    let s = |x: String| Some(str_node(x, span));
    let arg = |i: usize| args.get(i);
    match name {
        "jsonencode" => s(serde_json::to_string(&arg(0)?.to_json()?).ok()?),
        "jsondecode" => {
            let v: serde_json::Value = serde_json::from_str(arg(0)?.as_str()?).ok()?;
            Some(Node::from_json(&v, span))
        }
        "lower" => s(to_string(arg(0)?)?.to_lowercase()),
        "upper" => s(to_string(arg(0)?)?.to_uppercase()),
        "trimspace" => s(to_string(arg(0)?)?.trim().to_string()),
        "tostring" => s(to_string(arg(0)?)?),
        "tonumber" => Some(num_node(to_number(arg(0)?)?, span)),
        "tobool" => Some(bool_node(to_bool(arg(0)?)?, span)),
        "join" => {
            let sep = to_string(arg(0)?)?;
            let mut parts = Vec::new();
            for l in &args[1..] {
                parts.extend(strs(list(l)?)?);
            }
            s(parts.join(&sep))
        }
        "split" => {
            let (sep, text) = (to_string(arg(0)?)?, to_string(arg(1)?)?);
            Some(Node::new(Value::List(text.split(sep.as_str()).take(MAX_ITEMS).map(|p| str_node(p, span)).collect()), span))
        }
        "replace" => {
            let (text, from, to) = (to_string(arg(0)?)?, to_string(arg(1)?)?, to_string(arg(2)?)?);
            if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                return None; // regular-expression form
            }
            s(text.replace(&from, &to))
        }
        "format" => {
            let f = to_string(arg(0)?)?;
            let mut out = String::new();
            let mut rest = args[1..].iter();
            let mut chars = f.chars().peekable();
            while let Some(c) = chars.next() {
                if c != '%' {
                    out.push(c);
                    continue;
                }
                match chars.next()? {
                    '%' => out.push('%'),
                    's' | 'd' | 'v' => out.push_str(&to_string(rest.next()?)?),
                    _ => return None,
                }
            }
            s(out)
        }
        "substr" => {
            let text = to_string(arg(0)?)?;
            let (off, len) = (to_number(arg(1)?)? as usize, to_number(arg(2)?)?);
            let chars = text.chars().skip(off);
            s(if len < 0.0 { chars.collect() } else { chars.take(len as usize).collect() })
        }
        "startswith" => Some(bool_node(to_string(arg(0)?)?.starts_with(&to_string(arg(1)?)?), span)),
        "endswith" => Some(bool_node(to_string(arg(0)?)?.ends_with(&to_string(arg(1)?)?), span)),
        "length" => Some(num_node(
            match &arg(0)?.value {
                Value::List(l) => l.len(),
                Value::Map(m) => m.len(),
                Value::String(x) => x.chars().count(),
                _ => return None,
            } as f64,
            span,
        )),
        "element" => {
            let l = list(arg(0)?)?;
            if l.is_empty() {
                return None;
            }
            Some(l[to_number(arg(1)?)? as usize % l.len()].clone())
        }
        "contains" => Some(bool_node(list(arg(0)?)?.iter().any(|x| same(x, arg(1).unwrap_or(x))), span)),
        "keys" => match &arg(0)?.value {
            Value::Map(m) => Some(Node::new(Value::List(m.iter().map(|(k, _)| str_node(k.as_str(), span)).collect()), span)),
            _ => None,
        },
        "values" => match &arg(0)?.value {
            Value::Map(m) => Some(Node::new(Value::List(m.iter().map(|(_, v)| v.clone()).collect()), span)),
            _ => None,
        },
        "compact" => Some(Node::new(
            Value::List(list(arg(0)?)?.iter().filter(|x| !x.is_null() && x.as_str() != Some("")).cloned().collect()),
            span,
        )),
        "distinct" => {
            let mut out: Vec<Node> = Vec::new();
            for i in list(arg(0)?)? {
                if !out.iter().any(|o| same(o, i)) {
                    out.push(i.clone());
                }
            }
            Some(Node::new(Value::List(out), span))
        }
        "flatten" => {
            fn flat(n: &Node, out: &mut Vec<Node>) {
                match &n.value {
                    Value::List(items) => items.iter().for_each(|i| flat(i, out)),
                    _ => out.push(n.clone()),
                }
            }
            let mut out = Vec::new();
            flat(arg(0)?, &mut out);
            out.truncate(MAX_ITEMS);
            Some(Node::new(Value::List(out), span))
        }
        "zipmap" => {
            let (k, v) = (list(arg(0)?)?, list(arg(1)?)?);
            let entries = k.iter().zip(v).map(|(k, v)| Some((to_string(k)?, v.clone()))).collect::<Option<Vec<_>>>()?;
            Some(Node::new(Value::Map(entries), span))
        }
        "range" => {
            let nums: Vec<f64> = args.iter().map(to_number).collect::<Option<_>>()?;
            let (start, end, step) = match nums.as_slice() {
                [e] => (0.0, *e, 1.0),
                [s, e] => (*s, *e, 1.0),
                [s, e, st] => (*s, *e, *st),
                _ => return None,
            };
            if step == 0.0 {
                return None;
            }
            let mut out = Vec::new();
            let mut x = start;
            while (step > 0.0 && x < end || step < 0.0 && x > end) && out.len() < MAX_ITEMS {
                out.push(num_node(x, span));
                x += step;
            }
            Some(Node::new(Value::List(out), span))
        }
        "min" | "max" => {
            let nums: Vec<f64> = args.iter().map(to_number).collect::<Option<_>>()?;
            let r = if name == "min" { nums.iter().copied().fold(f64::INFINITY, f64::min) } else { nums.iter().copied().fold(f64::NEG_INFINITY, f64::max) };
            r.is_finite().then(|| num_node(r, span))
        }
        "abs" => Some(num_node(to_number(arg(0)?)?.abs(), span)),
        "ceil" => Some(num_node(to_number(arg(0)?)?.ceil(), span)),
        "floor" => Some(num_node(to_number(arg(0)?)?.floor(), span)),
        "file" => {
            // Read-only, bounded, and only inside the module's directory tree.
            let arg = to_string(arg(0)?)?;
            let p = Path::new(&arg);
            // `"${path.module}/x.json"` already starts with the module directory.
            let path = if p.is_absolute() || p.starts_with(module_dir) { p.to_path_buf() } else { module_dir.join(p) };
            let base = module_dir.canonicalize().ok()?;
            let real = path.canonicalize().ok()?;
            if !real.starts_with(&base) || std::fs::metadata(&real).ok()?.len() > MAX_FILE {
                return None;
            }
            s(std::fs::read_to_string(real).ok()?)
        }
        _ => None,
    }
}
