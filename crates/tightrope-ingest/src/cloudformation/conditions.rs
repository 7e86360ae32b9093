//! The template's `Conditions`, evaluated with three-valued logic: `Some(true)`, `Some(false)`, or
//! `None` when a condition depends on something unknown offline (a parameter without a default, a
//! pseudo parameter). `Fn::And`/`Fn::Or` still decide when one operand settles the answer.

use super::intrinsics::{intrinsic, Context};
use crate::fields::scalar_string;
use crate::node::{Node, Value};
use std::collections::BTreeMap;

/// Evaluate every condition of a `Conditions` map against `ctx` (parameters and mappings).
pub fn evaluate(conditions: Option<&Node>, ctx: &Context) -> BTreeMap<String, Option<bool>> {
    let defs: BTreeMap<&str, &Node> = conditions.and_then(Node::as_map).unwrap_or_default().iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut eval = Evaluator { defs: &defs, ctx, done: BTreeMap::new(), visiting: Vec::new() };
    for name in defs.keys() {
        eval.named(name);
    }
    eval.done
}

struct Evaluator<'a> {
    defs: &'a BTreeMap<&'a str, &'a Node>,
    ctx: &'a Context,
    done: BTreeMap<String, Option<bool>>,
    /// Conditions being evaluated (a cycle is unknown, not an endless loop).
    visiting: Vec<String>,
}

impl Evaluator<'_> {
    fn named(&mut self, name: &str) -> Option<bool> {
        if let Some(v) = self.done.get(name) {
            return *v;
        }
        let def = self.defs.get(name).copied()?;
        if self.visiting.iter().any(|v| v == name) || self.visiting.len() > 64 {
            return None;
        }
        self.visiting.push(name.to_string());
        let v = self.expr(def);
        self.visiting.pop();
        self.done.insert(name.to_string(), v);
        v
    }

    fn expr(&mut self, node: &Node) -> Option<bool> {
        let (func, arg) = intrinsic(node.as_map()?).or_else(|| match node.as_map()? {
            [(k, v)] if k == "Condition" => Some(("Condition", v)),
            _ => None,
        })?;
        let operands = || arg.as_list().unwrap_or_default();
        match func {
            "Condition" => self.named(arg.as_str()?),
            "Fn::Not" => self.expr(operands().first()?).map(|b| !b),
            "Fn::And" => {
                let vals: Vec<Option<bool>> = operands().iter().map(|o| self.expr(o)).collect();
                if vals.contains(&Some(false)) {
                    Some(false)
                } else {
                    vals.iter().all(|v| *v == Some(true)).then_some(true)
                }
            }
            "Fn::Or" => {
                let vals: Vec<Option<bool>> = operands().iter().map(|o| self.expr(o)).collect();
                if vals.contains(&Some(true)) {
                    Some(true)
                } else {
                    vals.iter().all(|v| *v == Some(false)).then_some(false)
                }
            }
            "Fn::Equals" => {
                let [a, b] = operands() else { return None };
                let (a, b) = (self.ctx.resolve(a)?, self.ctx.resolve(b)?);
                equals(&a, &b)
            }
            _ => None,
        }
    }
}

/// CloudFormation compares the string forms (`"true"` equals `true`, `"1"` equals `1`).
fn equals(a: &Node, b: &Node) -> Option<bool> {
    match (&a.value, &b.value) {
        (Value::Unknown { .. }, _) | (_, Value::Unknown { .. }) => None,
        (Value::List(_) | Value::Map(_), _) | (_, Value::List(_) | Value::Map(_)) => Some(a.to_json()? == b.to_json()?),
        _ => Some(scalar_string(a).unwrap_or_default() == scalar_string(b).unwrap_or_default()),
    }
}
