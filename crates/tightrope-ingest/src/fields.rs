//! [`Fields`]: typed attribute reads from a [`RawResource`], shared by every adapter.
//!
//! Each read returns an [`Attr`] whose provenance says whether the attribute was written
//! (explicit), left out (the provider default given by the caller) or written as an expression that
//! cannot be resolved offline (unknown). Origins point at the attribute's own lines when written,
//! at the resource block otherwise.

use crate::node::{Node, Span, Value};
use crate::raw::RawResource;
use std::collections::BTreeMap;
use tightrope_core::policy::PolicyDocument;
use tightrope_core::state::{Link, LinkAttr, Meta};
use tightrope_core::{Attr, Origin};

pub struct Fields<'a> {
    pub res: &'a RawResource,
    root: &'a Node,
}

impl<'a> Fields<'a> {
    pub fn new(res: &'a RawResource) -> Self {
        Fields { res, root: &res.body }
    }

    /// Reads relative to a nested node of the same resource (a nested block, a list element).
    pub fn at(&self, node: &'a Node) -> Fields<'a> {
        Fields { res: self.res, root: node }
    }

    pub fn node(&self, path: &str) -> Option<&'a Node> {
        self.root.get(path).filter(|n| !n.is_null())
    }

    pub fn all(&self, path: &str) -> Vec<&'a Node> {
        self.root.get_all(path).into_iter().filter(|n| !n.is_null()).collect()
    }

    pub fn has(&self, path: &str) -> bool {
        self.node(path).is_some()
    }

    pub fn origin_of(&self, span: Span) -> Origin {
        Origin::file(&self.res.file, span.start_line, span.end_line)
    }

    /// The resource block's origin: where a missing attribute must be added.
    pub fn block_origin(&self) -> Origin {
        self.origin_of(self.res.span)
    }

    /// The [`Meta`] of this resource; `tags_path` names its tags attribute (`tags`, `Tags`,
    /// `metadata.labels`).
    pub fn meta(&self, tags_path: &str) -> Meta {
        let mut tags = BTreeMap::new();
        if let Some(n) = self.res.body.get(tags_path) {
            match &n.value {
                Value::Map(m) => {
                    for (k, v) in m {
                        if let Value::String(s) = &v.value {
                            tags.insert(k.clone(), s.clone());
                        }
                    }
                }
                // CloudFormation: [{Key, Value}]
                Value::List(items) => {
                    for i in items {
                        if let (Some(k), Some(v)) = (i.get("Key").and_then(Node::as_str), i.get("Value").and_then(Node::as_str)) {
                            tags.insert(k.to_string(), v.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        Meta {
            address: self.res.address.clone(),
            kind: self.res.kind.clone(),
            origin: self.block_origin(),
            tags,
            suppressions: self.res.suppressions.clone(),
        }
    }

    fn read<T>(&self, path: &str, default: Option<T>, conv: impl Fn(&Node) -> Option<T>) -> Attr<T> {
        match self.node(path) {
            None => Attr::default_value(default, self.block_origin()),
            Some(n) => match conv(n) {
                Some(v) => Attr::explicit(v, self.origin_of(n.span)),
                None => Attr::unknown(self.origin_of(n.span)),
            },
        }
    }

    pub fn string(&self, path: &str, default: Option<&str>) -> Attr<String> {
        self.read(path, default.map(str::to_string), scalar_string)
    }

    pub fn bool(&self, path: &str, default: Option<bool>) -> Attr<bool> {
        self.read(path, default, scalar_bool)
    }

    pub fn int(&self, path: &str, default: Option<i64>) -> Attr<i64> {
        self.read(path, default, |n| match &n.value {
            Value::Number(x) if x.fract() == 0.0 => Some(*x as i64),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
    }

    /// A string attribute that AWS spells `Enabled` / `Disabled` (or a boolean).
    pub fn enabled(&self, path: &str, default: Option<bool>) -> Attr<bool> {
        self.read(path, default, |n| match &n.value {
            Value::String(s) if s.eq_ignore_ascii_case("enabled") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("disabled") => Some(false),
            _ => scalar_bool(n),
        })
    }

    /// An attribute that names another resource: a literal, or a reference to a resource address.
    pub fn link(&self, path: &str) -> LinkAttr {
        match self.node(path) {
            None => Attr::default_value(None, self.block_origin()),
            Some(n) => link_of(n).map_or_else(|| Attr::unknown(self.origin_of(n.span)), |l| Attr::explicit(l, self.origin_of(n.span))),
        }
    }

    /// Every link at a path (a list attribute, or an attribute across repeated blocks).
    pub fn links(&self, path: &str) -> Vec<LinkAttr> {
        self.all(path)
            .into_iter()
            .map(|n| link_of(n).map_or_else(|| Attr::unknown(self.origin_of(n.span)), |l| Attr::explicit(l, self.origin_of(n.span))))
            .collect()
    }

    /// Every string at a path.
    pub fn strings(&self, path: &str) -> Vec<Attr<String>> {
        self.all(path)
            .into_iter()
            .map(|n| scalar_string(n).map_or_else(|| Attr::unknown(self.origin_of(n.span)), |s| Attr::explicit(s, self.origin_of(n.span))))
            .collect()
    }

    /// A policy document written as a JSON string (`jsonencode(...)`, heredoc) or as an object
    /// (CloudFormation, plan JSON after `jsonencode`). Unparseable documents are unknown.
    pub fn policy(&self, path: &str) -> Attr<PolicyDocument> {
        self.read(path, None, |n| match &n.value {
            Value::String(s) => PolicyDocument::parse(s).ok(),
            Value::Map(_) => PolicyDocument::from_value(&n.to_json()?).ok(),
            _ => None,
        })
    }
}

/// A scalar as a string (numbers and booleans are rendered as Terraform does).
pub fn scalar_string(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(x) if x.fract() == 0.0 => Some(format!("{}", *x as i64)),
        Value::Number(x) => Some(x.to_string()),
        _ => None,
    }
}

/// A boolean, also from the strings `"true"` / `"false"` that Terraform and CloudFormation accept.
pub fn scalar_bool(n: &Node) -> Option<bool> {
    match &n.value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A literal becomes [`Link::Literal`]; an unknown that referenced exactly one resource becomes
/// [`Link::Resource`].
pub fn link_of(n: &Node) -> Option<Link> {
    match &n.value {
        Value::String(s) => Some(Link::Literal(s.clone())),
        Value::Unknown { refs } if refs.len() == 1 => Some(Link::Resource(refs[0].clone())),
        _ => None,
    }
}
