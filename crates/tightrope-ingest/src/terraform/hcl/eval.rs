//! The expression evaluator: HCL expressions -> [`Node`]s, with anything that cannot be known
//! offline (resource attributes, data sources, variables without values, remote modules) turned
//! into [`Value::Unknown`] carrying the resource addresses it referenced. Nothing is guessed.

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span as _;

use super::functions;
use super::value::*;
use crate::node::{Node, Span, Value};

/// Bounds evaluation of hostile or cyclic configurations.
const MAX_DEPTH: usize = 64;
/// Bounds the size of collections built by `for` expressions, `range`, `count`...
pub const MAX_ITEMS: usize = 10_000;

/// What the evaluator needs from the module instance it runs in.
pub trait Scope {
    fn var(&self, name: &str, span: Span) -> Node;
    fn local(&self, name: &str, span: Span) -> Node;
    fn module_output(&self, module: &str, output: &str, span: Span) -> Node;
    /// The address (with module prefix) of a resource declared in this module, if `kind.name` is one.
    fn resource_address(&self, kind: &str, name: &str) -> Option<String>;
    /// `data.aws_iam_policy_document.<name>.json`: the rendered policy, or unknown.
    fn policy_document(&self, name: &str, span: Span) -> Node;
    fn module_dir(&self) -> &std::path::Path;
    /// Byte range -> lines in the file the expression came from.
    fn span_of(&self, range: Option<std::ops::Range<usize>>) -> Span;
}

pub struct Eval<'a> {
    pub scope: &'a dyn Scope,
    /// Iterator and meta-argument variables in scope (`count`, `each`, for-expression variables,
    /// dynamic-block iterators), innermost last.
    pub bindings: Vec<(String, Node)>,
    depth: usize,
}

impl<'a> Eval<'a> {
    pub fn new(scope: &'a dyn Scope) -> Self {
        Eval { scope, bindings: Vec::new(), depth: 0 }
    }

    pub fn with_bindings(scope: &'a dyn Scope, bindings: Vec<(String, Node)>) -> Self {
        Eval { scope, bindings, depth: 0 }
    }

    /// Evaluate `expr`; literal collections keep their elements' own spans, everything else is
    /// reported at the span of the expression itself.
    pub fn eval(&mut self, expr: &Expression) -> Node {
        let span = self.scope.span_of(expr.span());
        if self.depth > MAX_DEPTH {
            return Node::unknown(span);
        }
        self.depth += 1;
        let n = self.eval_inner(expr, span);
        self.depth -= 1;
        n
    }

    fn eval_inner(&mut self, expr: &Expression, span: Span) -> Node {
        match expr {
            Expression::Null(_) => Node::new(Value::Null, span),
            Expression::Bool(b) => bool_node(*b.value(), span),
            Expression::Number(n) => n.value().as_f64().map_or_else(|| Node::unknown(span), |x| num_node(x, span)),
            Expression::String(s) => str_node(s.value().as_str(), span),
            Expression::Array(a) => Node::new(Value::List(a.iter().map(|e| self.eval(e)).collect()), span),
            Expression::Object(o) => {
                let mut entries: Vec<(String, Node)> = Vec::new();
                for (k, v) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(id) => id.value().as_str().to_string(),
                        ObjectKey::Expression(e) => match to_string(&self.eval(e)) {
                            Some(s) => s,
                            None => return unknown_from([], span),
                        },
                    };
                    let val = self.eval(v.expr());
                    entries.retain(|(k2, _)| *k2 != key);
                    entries.push((key, val));
                }
                Node::new(Value::Map(entries), span)
            }
            Expression::StringTemplate(t) => self.template(t, span),
            Expression::HeredocTemplate(h) => {
                let n = self.template(&h.template, span);
                match (h.indent(), n.value) {
                    (Some(_), Value::String(s)) => str_node(dedent(&s), span),
                    (_, v) => Node::new(v, span),
                }
            }
            Expression::Parenthesis(p) => self.eval(p.inner()),
            Expression::Variable(v) => self.traverse(v.value().as_str(), &[], span),
            Expression::Traversal(t) => match &t.expr {
                Expression::Variable(v) => {
                    let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
                    self.traverse(v.value().as_str(), &ops, span)
                }
                other => {
                    let base = self.eval(other);
                    let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
                    self.apply_ops(base, &ops, span)
                }
            },
            Expression::Conditional(c) => {
                let cond = self.eval(&c.cond_expr);
                match to_bool(&cond) {
                    Some(true) => self.eval(&c.true_expr),
                    Some(false) => self.eval(&c.false_expr),
                    None => {
                        let (a, b) = (self.eval(&c.true_expr), self.eval(&c.false_expr));
                        // Both branches agree: the condition does not matter.
                        if !has_unknown(&a) && same(&a, &b) { a } else { unknown_from([&cond, &a, &b], span) }
                    }
                }
            }
            Expression::FuncCall(f) => {
                let name = f.name.name.value().as_str();
                match name {
                    "try" => {
                        let args: Vec<Node> = f.args.iter().map(|a| self.eval(a)).collect();
                        args.iter().find(|a| !has_unknown(a)).cloned().unwrap_or_else(|| unknown_from(&args, span))
                    }
                    "can" => {
                        let args: Vec<Node> = f.args.iter().map(|a| self.eval(a)).collect();
                        if args.iter().any(has_unknown) { unknown_from(&args, span) } else { bool_node(true, span) }
                    }
                    _ => {
                        let mut args: Vec<Node> = f.args.iter().map(|a| self.eval(a)).collect();
                        if f.args.expand_final() {
                            if let Some(Node { value: Value::List(items), .. }) = args.pop() {
                                args.extend(items);
                            } else {
                                return unknown_from(&args, span);
                            }
                        }
                        functions::call(name, args, span, self.scope.module_dir())
                    }
                }
            }
            Expression::UnaryOp(u) => {
                let v = self.eval(&u.expr);
                match (u.operator.value(), &v.value) {
                    (UnaryOperator::Neg, Value::Number(x)) => num_node(-x, span),
                    (UnaryOperator::Not, _) if to_bool(&v).is_some() => bool_node(!to_bool(&v).unwrap_or_default(), span),
                    _ => unknown_from([&v], span),
                }
            }
            Expression::BinaryOp(b) => {
                let l = self.eval(&b.lhs_expr);
                // Short-circuit like Terraform for known booleans.
                if let (BinaryOperator::And, Some(false)) | (BinaryOperator::Or, Some(true)) = (b.operator.value(), to_bool(&l)) {
                    return bool_node(to_bool(&l).unwrap_or_default(), span);
                }
                let r = self.eval(&b.rhs_expr);
                binary(*b.operator.value(), &l, &r, span)
            }
            Expression::ForExpr(f) => self.for_expr(f, span),
        }
    }

    fn lookup_binding(&self, name: &str) -> Option<&Node> {
        self.bindings.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Resolve `root.op.op...`.
    fn traverse(&mut self, root: &str, ops: &[&TraversalOperator], span: Span) -> Node {
        if let Some(b) = self.lookup_binding(root) {
            let b = respan(b.clone(), span);
            return self.apply_ops(b, ops, span);
        }
        let attr = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(id)) => Some(id.value().as_str()),
            _ => None,
        };
        match (root, attr(0)) {
            ("var", Some(name)) => {
                let v = respan(self.scope.var(name, span), span);
                self.apply_ops(v, &ops[1..], span)
            }
            ("local", Some(name)) => {
                let v = respan(self.scope.local(name, span), span);
                self.apply_ops(v, &ops[1..], span)
            }
            ("module", Some(m)) => {
                // `module.m.out` or `module.m[0].out` (module instances are not expanded).
                let skip = usize::from(matches!(ops.get(1), Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))));
                match attr(1 + skip) {
                    Some(out) => {
                        let v = respan(self.scope.module_output(m, out, span), span);
                        self.apply_ops(v, &ops[2 + skip..], span)
                    }
                    None => Node::unknown(span),
                }
            }
            ("data", Some("aws_iam_policy_document")) => match (attr(1), attr(2)) {
                (Some(name), Some("json" | "minified_json")) => {
                    let v = respan(self.scope.policy_document(name, span), span);
                    self.apply_ops(v, &ops[3..], span)
                }
                _ => Node::unknown(span),
            },
            ("path", Some("module" | "root")) => str_node(self.scope.module_dir().display().to_string(), span),
            ("path", Some("cwd")) => str_node(".", span),
            ("terraform", Some("workspace")) => str_node("default", span),
            (kind, Some(name)) => match self.scope.resource_address(kind, name) {
                Some(mut address) => {
                    // `aws_x.y[0].arn` refers to instance 0.
                    if let Some(TraversalOperator::Index(e)) = ops.get(1) {
                        if let Some(k) = to_string(&self.eval(e)) {
                            address = if e.is_number() { format!("{address}[{k}]") } else { format!("{address}[\"{k}\"]") };
                        }
                    }
                    Node::new(Value::Unknown { refs: vec![address] }, span)
                }
                None => Node::unknown(span),
            },
            _ => Node::unknown(span),
        }
    }

    fn apply_ops(&mut self, mut cur: Node, ops: &[&TraversalOperator], span: Span) -> Node {
        for (i, op) in ops.iter().enumerate() {
            if cur.is_unknown() {
                return cur;
            }
            cur = match op {
                TraversalOperator::GetAttr(id) => match cur.value {
                    Value::Map(entries) => {
                        entries.into_iter().find(|(k, _)| k == id.value().as_str()).map(|(_, v)| v).unwrap_or_else(|| Node::unknown(span))
                    }
                    _ => Node::unknown(span),
                },
                TraversalOperator::Index(e) => {
                    let k = self.eval(e);
                    index(cur, &k, span)
                }
                TraversalOperator::LegacyIndex(n) => index(cur, &num_node(*n.value() as f64, span), span),
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let items = match cur.value {
                        Value::List(items) => items,
                        Value::Null => Vec::new(),
                        v => vec![Node::new(v, span)],
                    };
                    let rest = &ops[i + 1..];
                    let mapped = items.into_iter().map(|it| self.apply_ops(it, rest, span)).collect();
                    return Node::new(Value::List(mapped), span);
                }
            };
        }
        cur
    }

    fn template(&mut self, t: &Template, span: Span) -> Node {
        let mut out = String::new();
        let mut unknowns = Vec::new();
        self.render(t, &mut out, &mut unknowns);
        if unknowns.is_empty() { str_node(out, span) } else { unknown_from(&unknowns, span) }
    }

    fn render(&mut self, t: &Template, out: &mut String, unknowns: &mut Vec<Node>) {
        for el in t.iter() {
            match el {
                Element::Literal(s) => out.push_str(s.value()),
                Element::Interpolation(i) => {
                    let v = self.eval(&i.expr);
                    match to_string(&v) {
                        Some(s) => out.push_str(&s),
                        None => unknowns.push(v),
                    }
                }
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(ifd) => {
                        let c = self.eval(&ifd.if_expr.cond_expr);
                        match to_bool(&c) {
                            Some(true) => self.render(&ifd.if_expr.template, out, unknowns),
                            Some(false) => {
                                if let Some(e) = &ifd.else_expr {
                                    self.render(&e.template, out, unknowns)
                                }
                            }
                            None => unknowns.push(c),
                        }
                    }
                    Directive::For(fd) => {
                        let coll = self.eval(&fd.for_expr.collection_expr);
                        let Some(pairs) = iter_pairs(&coll) else {
                            unknowns.push(coll);
                            continue;
                        };
                        for (k, v) in pairs.into_iter().take(MAX_ITEMS) {
                            let n = self.bindings.len();
                            if let Some(kv) = &fd.for_expr.key_var {
                                self.bindings.push((kv.value().as_str().to_string(), k));
                            }
                            self.bindings.push((fd.for_expr.value_var.value().as_str().to_string(), v));
                            self.render(&fd.for_expr.template, out, unknowns);
                            self.bindings.truncate(n);
                        }
                    }
                },
            }
        }
    }

    fn for_expr(&mut self, f: &hcl_edit::expr::ForExpr, span: Span) -> Node {
        let coll = self.eval(&f.intro.collection_expr);
        let Some(pairs) = iter_pairs(&coll) else { return unknown_from([&coll], span) };
        let mut list = Vec::new();
        let mut map: Vec<(String, Node)> = Vec::new();
        for (k, v) in pairs.into_iter().take(MAX_ITEMS) {
            let n = self.bindings.len();
            if let Some(kv) = &f.intro.key_var {
                self.bindings.push((kv.value().as_str().to_string(), k));
            }
            self.bindings.push((f.intro.value_var.value().as_str().to_string(), v));
            let keep = match &f.cond {
                Some(c) => {
                    let c = self.eval(&c.expr);
                    match to_bool(&c) {
                        Some(b) => b,
                        None => {
                            self.bindings.truncate(n);
                            return unknown_from([&c], span);
                        }
                    }
                }
                None => true,
            };
            if keep {
                let val = self.eval(&f.value_expr);
                match &f.key_expr {
                    Some(ke) => {
                        let key = self.eval(ke);
                        let Some(key) = to_string(&key) else {
                            self.bindings.truncate(n);
                            return unknown_from([&key], span);
                        };
                        if f.grouping {
                            match map.iter_mut().find(|(k, _)| *k == key) {
                                Some((_, Node { value: Value::List(items), .. })) => items.push(val),
                                _ => map.push((key, Node::new(Value::List(vec![val]), span))),
                            }
                        } else {
                            map.retain(|(k, _)| *k != key);
                            map.push((key, val));
                        }
                    }
                    None => list.push(val),
                }
            }
            self.bindings.truncate(n);
        }
        if f.key_expr.is_some() { Node::new(Value::Map(map), span) } else { Node::new(Value::List(list), span) }
    }
}

/// (key, value) pairs of a collection: list index or map key. `None` when not iterable or unknown.
pub fn iter_pairs(coll: &Node) -> Option<Vec<(Node, Node)>> {
    match &coll.value {
        Value::List(items) => Some(items.iter().enumerate().map(|(i, v)| (num_node(i as f64, v.span), v.clone())).collect()),
        Value::Map(entries) => Some(entries.iter().map(|(k, v)| (str_node(k.as_str(), v.span), v.clone())).collect()),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

fn index(cur: Node, key: &Node, span: Span) -> Node {
    match (cur.value, &key.value) {
        (_, Value::Unknown { .. }) => key.clone(),
        (Value::List(items), _) => {
            to_number(key).and_then(|i| items.into_iter().nth(i as usize)).unwrap_or_else(|| Node::unknown(span))
        }
        (Value::Map(entries), _) => {
            let k = to_string(key);
            entries.into_iter().find(|(e, _)| Some(e) == k.as_ref()).map(|(_, v)| v).unwrap_or_else(|| Node::unknown(span))
        }
        _ => Node::unknown(span),
    }
}

fn binary(op: BinaryOperator, l: &Node, r: &Node, span: Span) -> Node {
    use BinaryOperator::*;
    match op {
        Eq | NotEq => {
            if has_unknown(l) || has_unknown(r) {
                return unknown_from([l, r], span);
            }
            let eq = same(l, r);
            bool_node(if op == Eq { eq } else { !eq }, span)
        }
        And | Or => match (to_bool(l), to_bool(r)) {
            (Some(a), Some(b)) => bool_node(if op == And { a && b } else { a || b }, span),
            _ => unknown_from([l, r], span),
        },
        _ => match (to_number(l), to_number(r)) {
            (Some(a), Some(b)) => match op {
                Plus => num_node(a + b, span),
                Minus => num_node(a - b, span),
                Mul => num_node(a * b, span),
                Div if b != 0.0 => num_node(a / b, span),
                Mod if b != 0.0 => num_node(a % b, span),
                Less => bool_node(a < b, span),
                LessEq => bool_node(a <= b, span),
                Greater => bool_node(a > b, span),
                GreaterEq => bool_node(a >= b, span),
                _ => Node::unknown(span),
            },
            _ => unknown_from([l, r], span),
        },
    }
}

/// `<<-EOT` heredocs strip the common leading whitespace.
fn dedent(s: &str) -> String {
    let indent = s.lines().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    s.lines().map(|l| if l.len() >= indent { &l[indent..] } else { l.trim_start() }).collect::<Vec<_>>().join("\n") + if s.ends_with('\n') { "\n" } else { "" }
}
