//! A module instance: a [`ModuleConfig`] with its input values, lazily evaluated locals and
//! child modules, and the resources it declares expanded over `count` / `for_each`.

use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span as _;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use super::config::{local_source, ModuleConfig};
use super::eval::{iter_pairs, Eval, Scope, MAX_ITEMS};
use super::value::*;
use super::Loader;
use crate::node::{Node, Span, Value};
use crate::raw::{RawResource, Vocabulary};
use crate::suppress;

/// Module nesting deeper than this is not followed.
const MAX_MODULE_DEPTH: usize = 16;

/// Resource arguments that are Terraform meta-arguments, not provider attributes.
const META_ARGS: &[&str] = &["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"];

pub struct Instance<'l> {
    config: Rc<ModuleConfig>,
    loader: &'l Loader,
    /// `""` for a root module, `module.a.module.b.` below.
    prefix: String,
    depth: usize,
    vars: BTreeMap<String, Node>,
    /// File currently being evaluated (for spans).
    file: RefCell<usize>,
    locals: RefCell<HashMap<String, Node>>,
    busy: RefCell<HashSet<String>>,
    children: RefCell<HashMap<String, Option<Rc<Instance<'l>>>>>,
    resource_names: HashSet<(String, String)>,
}

impl<'l> Instance<'l> {
    pub fn new(config: Rc<ModuleConfig>, loader: &'l Loader, prefix: String, depth: usize, inputs: BTreeMap<String, Node>) -> Self {
        let resource_names = config.resources.iter().map(|r| (r.kind.clone(), r.name.clone())).collect();
        let mut inst = Instance {
            config: config.clone(),
            loader,
            prefix,
            depth,
            vars: BTreeMap::new(),
            file: RefCell::new(0),
            locals: RefCell::new(HashMap::new()),
            busy: RefCell::new(HashSet::new()),
            children: RefCell::new(HashMap::new()),
            resource_names,
        };
        // Inputs (from the caller or tfvars) win over defaults; a variable with neither is unknown.
        for (name, (file, default)) in &config.variables {
            let value = match inputs.get(name) {
                Some(v) => v.clone(),
                None => match default {
                    Some(expr) => inst.in_file(*file, |i| Eval::new(i).eval(expr)),
                    None => Node::unknown(Span::default()),
                },
            };
            inst.vars.insert(name.clone(), value);
        }
        inst
    }

    fn in_file<T>(&self, file: usize, f: impl FnOnce(&Self) -> T) -> T {
        let prev = self.file.replace(file);
        let r = f(self);
        *self.file.borrow_mut() = prev;
        r
    }

    fn child(&self, name: &str) -> Option<Rc<Instance<'l>>> {
        if let Some(c) = self.children.borrow().get(name) {
            return c.clone();
        }
        let key = format!("module.{name}");
        if !self.busy.borrow_mut().insert(key.clone()) {
            return None; // cycle
        }
        let child = self.instantiate(name);
        self.busy.borrow_mut().remove(&key);
        self.children.borrow_mut().insert(name.to_string(), child.clone());
        child
    }

    fn instantiate(&self, name: &str) -> Option<Rc<Instance<'l>>> {
        let call = self.config.modules.iter().find(|m| m.name == name)?;
        if self.depth >= MAX_MODULE_DEPTH {
            tracing::warn!(module = %name, "module nesting deeper than {MAX_MODULE_DEPTH}: not followed");
            return None;
        }
        let dir = local_source(&self.config.dir, call.source.as_deref()?)?;
        let config = self.loader.module(&dir)?;
        // `count = 0` disables the module; other counts and for_each are read as one instance.
        let count = call.block.body.get_attribute("count").map(|a| self.in_file(call.file, |i| Eval::new(i).eval(&a.value)));
        if count.as_ref().and_then(to_number) == Some(0.0) {
            return None;
        }
        let mut inputs = BTreeMap::new();
        for s in call.block.body.iter() {
            if let Structure::Attribute(a) = s {
                let key = a.key.value().as_str();
                if !matches!(key, "source" | "version" | "count" | "for_each" | "providers" | "depends_on") {
                    inputs.insert(key.to_string(), self.in_file(call.file, |i| Eval::new(i).eval(&a.value)));
                }
            }
        }
        let prefix = format!("{}module.{name}.", self.prefix);
        Some(Rc::new(Instance::new(config, self.loader, prefix, self.depth + 1, inputs)))
    }

    /// Every resource of this instance and of its local child modules.
    pub fn resources(&self, out: &mut Vec<RawResource>) {
        for r in &self.config.resources {
            self.in_file(r.file, |i| i.expand_resource(r.file, &r.kind, &r.name, &r.block, out));
        }
        for call in &self.config.modules {
            match call.source.as_deref().and_then(|s| local_source(&self.config.dir, s)) {
                Some(_) => {
                    if let Some(child) = self.child(&call.name) {
                        child.resources(out);
                    }
                }
                None => tracing::debug!(module = %call.name, source = ?call.source, "remote module not read (offline)"),
            }
        }
    }

    fn expand_resource(&self, file: usize, kind: &str, name: &str, block: &Block, out: &mut Vec<RawResource>) {
        let base = format!("{}{kind}.{name}", self.prefix);
        let f = &self.config.files[file];
        let span = f.span(block.span());
        let emit = |address: String, bindings: Vec<(String, Node)>, out: &mut Vec<RawResource>| {
            let mut ev = Eval::with_bindings(self, bindings);
            let body = body_node(&mut ev, &block.body, span, true);
            out.push(RawResource {
                vocabulary: Vocabulary::Terraform,
                kind: kind.to_string(),
                address,
                file: f.name.clone(),
                span,
                body,
                suppressions: suppress::for_block(&f.suppressions, span),
            });
        };
        if let Some(c) = block.body.get_attribute("count") {
            let n = Eval::new(self).eval(&c.value);
            match to_number(&n) {
                Some(n) => {
                    for i in 0..(n.max(0.0) as usize).min(MAX_ITEMS) {
                        let count = Node::new(Value::Map(vec![("index".into(), num_node(i as f64, span))]), span);
                        emit(format!("{base}[{i}]"), vec![("count".into(), count)], out);
                    }
                }
                // Unknown count: the resource may exist; read it once with an unknown index.
                None => emit(base, vec![("count".into(), Node::new(Value::Map(vec![("index".into(), Node::unknown(span))]), span))], out),
            }
        } else if let Some(fe) = block.body.get_attribute("for_each") {
            let coll = Eval::new(self).eval(&fe.value);
            match iter_pairs(&coll) {
                Some(pairs) => {
                    for (k, v) in pairs.into_iter().take(MAX_ITEMS) {
                        // for_each over a set of strings: key and value are the element.
                        let key = if matches!(coll.value, Value::List(_)) { v.clone() } else { k };
                        let label = to_string(&key).unwrap_or_default();
                        let each = Node::new(Value::Map(vec![("key".into(), key), ("value".into(), v)]), span);
                        emit(format!("{base}[\"{label}\"]"), vec![("each".into(), each)], out);
                    }
                }
                None => {
                    let each = Node::new(Value::Map(vec![("key".into(), Node::unknown(span)), ("value".into(), Node::unknown(span))]), span);
                    emit(base, vec![("each".into(), each)], out)
                }
            }
        } else {
            emit(base, Vec::new(), out);
        }
    }
}

/// A block body as a map: attributes, and nested blocks grouped by type as lists of maps.
/// `dynamic` blocks are expanded when their `for_each` is known. Meta-arguments are dropped only at
/// the resource's `top` level: nested blocks may reuse their names (EKS `encryption_config.provider`).
fn body_node(ev: &mut Eval, body: &Body, span: Span, top: bool) -> Node {
    let mut entries: Vec<(String, Node)> = Vec::new();
    let push_block = |entries: &mut Vec<(String, Node)>, key: String, node: Node| match entries.iter_mut().find(|(k, _)| *k == key) {
        Some((_, Node { value: Value::List(items), .. })) => items.push(node),
        _ => {
            let span = node.span;
            entries.push((key, Node::new(Value::List(vec![node]), span)))
        }
    };
    for s in body.iter() {
        match s {
            Structure::Attribute(a) => {
                let key = a.key.value().as_str();
                if top && META_ARGS.contains(&key) {
                    continue;
                }
                let mut v = ev.eval(&a.value);
                // Scalars are reported on the attribute's own line(s).
                if !matches!(v.value, Value::List(_) | Value::Map(_)) {
                    v.span = ev.scope.span_of(a.span());
                }
                entries.push((key.to_string(), v));
            }
            Structure::Block(b) => {
                let ident = b.ident.value().as_str();
                let bspan = ev.scope.span_of(b.span());
                if top && META_ARGS.contains(&ident) {
                    continue;
                }
                if ident == "dynamic" {
                    let Some(label) = b.labels.first().map(|l| match l {
                        hcl_edit::structure::BlockLabel::Ident(i) => i.value().as_str().to_string(),
                        hcl_edit::structure::BlockLabel::String(s) => s.value().to_string(),
                    }) else {
                        continue;
                    };
                    let iterator = b.body.get_attribute("iterator").and_then(|a| match &a.value {
                        hcl_edit::expr::Expression::Variable(v) => Some(v.value().as_str().to_string()),
                        _ => None,
                    });
                    let Some(content) = b.body.get_blocks("content").next() else { continue };
                    let coll = b.body.get_attribute("for_each").map(|a| ev.eval(&a.value));
                    // Unknown for_each: how many blocks exist is not known; none are invented.
                    let Some(pairs) = coll.as_ref().and_then(iter_pairs) else { continue };
                    for (k, v) in pairs.into_iter().take(MAX_ITEMS) {
                        let it = Node::new(Value::Map(vec![("key".into(), k), ("value".into(), v)]), bspan);
                        ev.bindings.push((iterator.clone().unwrap_or_else(|| label.clone()), it));
                        let n = body_node(ev, &content.body, bspan, false);
                        ev.bindings.pop();
                        push_block(&mut entries, label.clone(), n);
                    }
                    continue;
                }
                let n = body_node(ev, &b.body, bspan, false);
                push_block(&mut entries, ident.to_string(), n);
            }
        }
    }
    Node::new(Value::Map(entries), span)
}

impl Scope for Instance<'_> {
    fn var(&self, name: &str, span: Span) -> Node {
        self.vars.get(name).cloned().unwrap_or_else(|| Node::unknown(span))
    }

    fn local(&self, name: &str, span: Span) -> Node {
        if let Some(v) = self.locals.borrow().get(name) {
            return v.clone();
        }
        let Some((file, expr)) = self.config.locals.get(name) else { return Node::unknown(span) };
        if !self.busy.borrow_mut().insert(format!("local.{name}")) {
            return Node::unknown(span); // cycle
        }
        let v = self.in_file(*file, |i| Eval::new(i).eval(expr));
        self.busy.borrow_mut().remove(&format!("local.{name}"));
        self.locals.borrow_mut().insert(name.to_string(), v.clone());
        v
    }

    fn module_output(&self, module: &str, output: &str, span: Span) -> Node {
        let Some(child) = self.child(module) else { return Node::unknown(span) };
        let Some((file, expr)) = child.config.outputs.get(output) else { return Node::unknown(span) };
        let key = format!("output.{output}");
        if !child.busy.borrow_mut().insert(key.clone()) {
            return Node::unknown(span);
        }
        let v = child.in_file(*file, |c| Eval::new(c).eval(expr));
        child.busy.borrow_mut().remove(&key);
        v
    }

    fn resource_address(&self, kind: &str, name: &str) -> Option<String> {
        self.resource_names.contains(&(kind.to_string(), name.to_string())).then(|| format!("{}{kind}.{name}", self.prefix))
    }

    fn policy_document(&self, name: &str, span: Span) -> Node {
        // Cached beside the locals: a local's name never contains a dot, so the keys cannot clash.
        let key = format!("data.aws_iam_policy_document.{name}");
        if let Some(v) = self.locals.borrow().get(&key) {
            return v.clone();
        }
        let Some((file, block)) = self.config.policy_documents.get(name) else { return Node::unknown(span) };
        if !self.busy.borrow_mut().insert(key.clone()) {
            return Node::unknown(span); // cycle
        }
        let v = self.in_file(*file, |i| super::policy_document::node(&mut Eval::new(i), block, span));
        self.busy.borrow_mut().remove(&key);
        self.locals.borrow_mut().insert(key, v.clone());
        v
    }

    fn module_dir(&self) -> &Path {
        &self.config.dir
    }

    fn span_of(&self, range: Option<std::ops::Range<usize>>) -> Span {
        self.config.files[*self.file.borrow()].span(range)
    }
}
