//! The module tree shared by a plan's `planned_values` and a shown state's `values`:
//! `root_module.resources[]` and `child_modules[]` (recursive, each with its own `address`).

use super::address::{bare, instance_key, join, steps};
use super::spans::push_segment;
use super::{Candidate, Located, Sensitivity};
use serde_json::Value as J;

/// Child modules nested deeper than this are refused (hostile input).
pub const MAX_MODULE_DEPTH: usize = 64;

/// Every managed resource of `module` and its children; `pointer` is the module's JSON pointer.
pub fn walk<'a>(module: &'a J, pointer: &str, depth: usize, out: &mut Vec<Candidate<'a>>) -> Result<(), Located> {
    let err = |message: String| Located { pointer: pointer.to_string(), message };
    if depth > MAX_MODULE_DEPTH {
        return Err(err(format!("child modules are nested more than {MAX_MODULE_DEPTH} levels deep")));
    }
    if !module.is_object() {
        return Err(err("expected a module object with `resources` and `child_modules`".into()));
    }
    let module_address = module.get("address").and_then(J::as_str).unwrap_or_default();
    for (i, r) in array(module, "resources", pointer)?.iter().enumerate() {
        let mut rp = format!("{pointer}/resources");
        push_segment(&mut rp, &i.to_string());
        if let Some(c) = candidate(r, module_address, &rp)? {
            out.push(c);
        }
    }
    for (i, child) in array(module, "child_modules", pointer)?.iter().enumerate() {
        let mut cp = format!("{pointer}/child_modules");
        push_segment(&mut cp, &i.to_string());
        walk(child, &cp, depth + 1, out)?;
    }
    Ok(())
}

/// An optional array member (`[]` when absent or null).
pub fn array<'a>(obj: &'a J, key: &str, pointer: &str) -> Result<&'a [J], Located> {
    match obj.get(key) {
        None | Some(J::Null) => Ok(&[]),
        Some(J::Array(a)) => Ok(a),
        Some(_) => Err(Located { pointer: pointer.to_string(), message: format!("`{key}` must be a list") }),
    }
}

/// A resource entry of `resources[]`, or `None` for a data source.
fn candidate<'a>(r: &'a J, module: &str, pointer: &str) -> Result<Option<Candidate<'a>>, Located> {
    let err = |message: &str| Located { pointer: pointer.to_string(), message: message.to_string() };
    if !r.is_object() {
        return Err(err("expected a resource object with `address`, `type`, `name` and `values`"));
    }
    let mode = r.get("mode").and_then(J::as_str).unwrap_or("managed");
    if mode == "data" {
        return Ok(None);
    }
    let kind = r.get("type").and_then(J::as_str).ok_or_else(|| err("resource has no `type`"))?;
    let address = match r.get("address").and_then(J::as_str) {
        Some(a) => a.to_string(),
        None => {
            let name = r.get("name").and_then(J::as_str).ok_or_else(|| err("resource has neither `address` nor `name`"))?;
            let key = r.get("index").and_then(instance_key).unwrap_or_default();
            join(module, &format!("{kind}.{name}{key}"))
        }
    };
    let name = match r.get("name").and_then(J::as_str) {
        Some(n) => n.to_string(),
        None => steps(&address).last().map(|s| bare(s).to_string()).unwrap_or_default(),
    };
    Ok(Some(Candidate {
        pointer: pointer.to_string(),
        address,
        kind: kind.to_string(),
        name,
        module: module.to_string(),
        values: r.get("values"),
        sensitive: r.get("sensitive_values").map_or(Sensitivity::None, Sensitivity::Mask),
        after_unknown: None,
    }))
}
