//! Offline evaluation of CloudFormation intrinsic functions in resource properties.
//!
//! What the template itself determines is resolved: parameter defaults, `Mappings`, conditions,
//! string functions over known values. Anything only known at deploy time (pseudo parameters other
//! than `AWS::NoValue`, resource attributes, imports, AZs) becomes [`Value::Unknown`] carrying the
//! logical ids it referenced, so that links can still be followed. Nothing is guessed.

use crate::fields::scalar_string;
use crate::node::{Node, Span, Value};
use std::collections::{BTreeMap, BTreeSet};

/// What an expression can be resolved against.
#[derive(Debug, Default)]
pub struct Context {
    /// Parameter name → its `Default` (`None`: no default, so unknown).
    pub params: BTreeMap<String, Option<Node>>,
    pub mappings: Option<Node>,
    pub resources: BTreeSet<String>,
    /// Condition name → its value (`None`: depends on something unknown).
    pub conditions: BTreeMap<String, Option<bool>>,
}

/// Nesting bound for expressions (defence against pathological inputs).
const MAX_DEPTH: usize = 64;

impl Context {
    /// Resolve every intrinsic in `node`. `None` means the value is `AWS::NoValue`: drop the key.
    pub fn resolve(&self, node: &Node) -> Option<Node> {
        self.eval(node, 0)
    }

    fn eval(&self, node: &Node, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return Some(Node::unknown(node.span));
        }
        let span = node.span;
        match &node.value {
            Value::List(items) => Some(Node::new(Value::List(items.iter().filter_map(|i| self.eval(i, depth + 1)).collect()), span)),
            Value::Map(entries) => match intrinsic(entries) {
                Some((name, arg)) => self.call(name, arg, span, depth + 1),
                None => Some(Node::new(
                    Value::Map(entries.iter().filter_map(|(k, v)| Some((k.clone(), self.eval(v, depth + 1)?))).collect()),
                    span,
                )),
            },
            _ => Some(node.clone()),
        }
    }

    fn call(&self, name: &str, arg: &Node, span: Span, depth: usize) -> Option<Node> {
        let unknown = |refs: BTreeSet<String>| Some(Node::new(Value::Unknown { refs: refs.into_iter().collect() }, span));
        let args = || self.eval(arg, depth).map(|n| n.value).unwrap_or(Value::Null);
        match name {
            "Ref" => self.reference(arg.as_str().unwrap_or_default(), span),
            "Fn::GetAtt" => {
                let target = match &arg.value {
                    Value::String(s) => s.split('.').next().unwrap_or_default().to_string(),
                    Value::List(l) => l.first().and_then(Node::as_str).unwrap_or_default().to_string(),
                    _ => String::new(),
                };
                unknown(self.resource_refs([target]))
            }
            "Fn::Sub" => Some(self.sub(arg, span, depth)),
            "Fn::If" => self.fn_if(arg, span, depth),
            "Fn::Base64" => {
                // Kept as the plain text: the encoding is transport only, rules read the content.
                let v = self.eval(arg, depth)?;
                Some(Node::new(v.value, span))
            }
            "Fn::Join" => Some(match args() {
                Value::List(l) if l.len() == 2 => join(&l[0], &l[1], span),
                v => unknown_of(&v, span),
            }),
            "Fn::Select" => Some(match args() {
                Value::List(l) if l.len() == 2 => select(&l[0], &l[1], span),
                v => unknown_of(&v, span),
            }),
            "Fn::Split" => Some(match args() {
                Value::List(l) if l.len() == 2 => split(&l[0], &l[1], span),
                v => unknown_of(&v, span),
            }),
            "Fn::FindInMap" => Some(self.find_in_map(args(), span)),
            // Known only at deploy time, or not modelled offline: unknown, keeping what they referenced.
            _ => {
                let mut refs = BTreeSet::new();
                if let Some(n) = self.eval(arg, depth) {
                    collect_refs(&n, &mut refs);
                }
                unknown(refs)
            }
        }
    }

    /// `Ref`: a parameter's default, a resource's logical id, or a pseudo parameter.
    fn reference(&self, name: &str, span: Span) -> Option<Node> {
        if name == "AWS::NoValue" {
            return None;
        }
        let refs = match self.params.get(name) {
            Some(Some(default)) => return Some(Node::new(default.value.clone(), span)),
            Some(None) => BTreeSet::new(),
            None => self.resource_refs([name.to_string()]),
        };
        Some(Node::new(Value::Unknown { refs: refs.into_iter().collect() }, span))
    }

    fn resource_refs(&self, names: impl IntoIterator<Item = String>) -> BTreeSet<String> {
        names.into_iter().filter(|n| self.resources.contains(n)).collect()
    }

    fn fn_if(&self, arg: &Node, span: Span, depth: usize) -> Option<Node> {
        let Some([cond, then, otherwise]) = arg.as_list() else {
            return Some(Node::unknown(span));
        };
        match self.conditions.get(cond.as_str().unwrap_or_default()).copied().flatten() {
            Some(true) => self.eval(then, depth),
            Some(false) => self.eval(otherwise, depth),
            None => {
                let mut refs = BTreeSet::new();
                for branch in [then, otherwise] {
                    if let Some(n) = self.eval(branch, depth) {
                        collect_refs(&n, &mut refs);
                    }
                }
                Some(Node::new(Value::Unknown { refs: refs.into_iter().collect() }, span))
            }
        }
    }

    /// `Fn::Sub` in both forms: `"text ${Name}"` or `["text ${Var}", {Var: value}]`.
    fn sub(&self, arg: &Node, span: Span, depth: usize) -> Node {
        let (template, vars) = match &arg.value {
            Value::String(s) => (s.as_str(), None),
            Value::List(l) => match (l.first().and_then(Node::as_str), l.get(1)) {
                (Some(t), vars) => (t, vars),
                _ => return Node::unknown(span),
            },
            _ => return Node::unknown(span),
        };
        let var = |name: &str| -> Option<Node> {
            let v = vars?.as_map()?.iter().find(|(k, _)| k == name)?;
            self.eval(&v.1, depth)
        };
        let mut out = String::new();
        let mut refs = BTreeSet::new();
        let mut known = true;
        let mut rest = template;
        while let Some(pos) = rest.find("${") {
            out.push_str(&rest[..pos]);
            let after = &rest[pos + 2..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[pos..]);
                rest = "";
                break;
            };
            let name = after[..close].trim();
            rest = &after[close + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
                continue;
            }
            let value = var(name).or_else(|| match name.split_once('.') {
                Some((res, _)) if !name.starts_with("AWS::") => Some(Node::new(Value::Unknown { refs: self.resource_refs([res.to_string()]).into_iter().collect() }, span)),
                _ => self.reference(name, span),
            });
            match value.as_ref().and_then(scalar_string) {
                Some(s) => out.push_str(&s),
                None => {
                    known = false;
                    if let Some(v) = &value {
                        collect_refs(v, &mut refs);
                    }
                }
            }
        }
        out.push_str(rest);
        if known {
            Node::new(Value::String(out), span)
        } else {
            Node::new(Value::Unknown { refs: refs.into_iter().collect() }, span)
        }
    }

    fn find_in_map(&self, args: Value, span: Span) -> Node {
        let Value::List(l) = &args else { return unknown_of(&args, span) };
        let keys: Option<Vec<String>> = l.iter().take(3).map(scalar_string).collect();
        let found = keys.filter(|k| k.len() == 3).and_then(|k| {
            let top = self.mappings.as_ref()?.as_map()?.iter().find(|(n, _)| *n == k[0])?;
            let second = top.1.as_map()?.iter().find(|(n, _)| *n == k[1])?;
            second.1.as_map()?.iter().find(|(n, _)| *n == k[2]).map(|(_, v)| v.clone())
        });
        match found {
            Some(v) => Node::new(v.value, span),
            // Language extensions: a fourth argument `{DefaultValue: x}`.
            None => match l.get(3).and_then(|d| d.get("DefaultValue")) {
                Some(d) if l[..3].iter().all(|k| scalar_string(k).is_some()) => Node::new(d.value.clone(), span),
                _ => unknown_of(&args, span),
            },
        }
    }
}

/// The intrinsic a single-key map stands for: `{Ref: x}`, `{Fn::Sub: ...}`, or a tag the YAML
/// reader did not know (`{"!Rain::Embed": ...}`, evaluated as unknown).
pub fn intrinsic(entries: &[(String, Node)]) -> Option<(&str, &Node)> {
    match entries {
        [(k, v)] if k == "Ref" || k.starts_with("Fn::") || k.starts_with('!') => Some((k.as_str(), v)),
        _ => None,
    }
}

/// Every resource referenced by unknown values inside `node`.
pub fn collect_refs(node: &Node, refs: &mut BTreeSet<String>) {
    match &node.value {
        Value::Unknown { refs: r } => refs.extend(r.iter().cloned()),
        Value::List(items) => items.iter().for_each(|i| collect_refs(i, refs)),
        Value::Map(entries) => entries.iter().for_each(|(_, v)| collect_refs(v, refs)),
        _ => {}
    }
}

/// An unknown value that keeps the references found in `v`.
fn unknown_of(v: &Value, span: Span) -> Node {
    let mut refs = BTreeSet::new();
    collect_refs(&Node::new(v.clone(), span), &mut refs);
    Node::new(Value::Unknown { refs: refs.into_iter().collect() }, span)
}

fn join(delim: &Node, list: &Node, span: Span) -> Node {
    let parts: Option<Vec<String>> = list.as_list().and_then(|l| l.iter().map(scalar_string).collect());
    match (delim.as_str(), parts) {
        (Some(d), Some(p)) => Node::new(Value::String(p.join(d)), span),
        _ => unknown_of(&Value::List(vec![delim.clone(), list.clone()]), span),
    }
}

fn select(index: &Node, list: &Node, span: Span) -> Node {
    let i = scalar_string(index).and_then(|s| s.parse::<usize>().ok());
    match (i, list.as_list()) {
        (Some(i), Some(l)) => l.get(i).map_or_else(|| unknown_of(&list.value, span), |n| Node::new(n.value.clone(), span)),
        _ => unknown_of(&list.value, span),
    }
}

fn split(delim: &Node, text: &Node, span: Span) -> Node {
    match (delim.as_str(), text.as_str()) {
        (Some(d), Some(t)) if !d.is_empty() => {
            Node::new(Value::List(t.split(d).map(|p| Node::new(Value::String(p.to_string()), span)).collect()), span)
        }
        _ => unknown_of(&text.value, span),
    }
}
