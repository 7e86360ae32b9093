//! Reads shared by the service adapters that [`Fields`] does not cover: defaults inside nested
//! blocks, "block present" flags, `Enabled`/`Suspended` status strings and string maps.

use crate::fields::{Fields, scalar_string};
use crate::node::{Node, Value};
use std::collections::BTreeMap;
use tightrope_core::{Attr, Origin, Provenance};

/// A read inside a nested block (an `ingress` rule, an `ebs_block_device`): a default points at the
/// block, where the attribute would be added, rather than at the whole resource.
pub fn within<'a, T>(f: &Fields<'a>, block: &'a Node, read: impl FnOnce(&Fields<'a>) -> Attr<T>) -> Attr<T> {
    rehome(read(&f.at(block)), &f.origin_of(block.span))
}

/// A default read inside a nested block points at `origin` (the block) instead of the resource.
pub fn rehome<T>(attr: Attr<T>, origin: &Origin) -> Attr<T> {
    if attr.provenance == Provenance::Default { Attr { origin: origin.clone(), ..attr } } else { attr }
}

/// Whether a nested block or attribute is written: explicitly `true` at its lines, `false` by default
/// when left out, unknown when it is an unresolved expression.
pub fn present(f: &Fields, path: &str) -> Attr<bool> {
    match f.node(path) {
        None => Attr::default_value(Some(false), f.block_origin()),
        Some(n) if n.is_unknown() => Attr::unknown(f.origin_of(n.span)),
        Some(n) if n.as_list().is_some_and(<[Node]>::is_empty) => Attr::default_value(Some(false), f.block_origin()),
        Some(n) => Attr::explicit(true, f.origin_of(n.span)),
    }
}

/// A status string such as `Enabled` / `Suspended` / `Disabled`: only `Enabled` is `true`.
pub fn status(f: &Fields, path: &str, default: Option<bool>) -> Attr<bool> {
    match f.node(path) {
        None => Attr::default_value(default, f.block_origin()),
        Some(_) => f.string(path, None).map(|s| s.eq_ignore_ascii_case("enabled")),
    }
}

/// A map of strings (Lambda environment variables); each value keeps its own provenance.
pub fn string_map(f: &Fields, path: &str) -> BTreeMap<String, Attr<String>> {
    let Some(Value::Map(entries)) = f.node(path).map(|n| &n.value) else { return BTreeMap::new() };
    entries
        .iter()
        .map(|(k, n)| {
            let origin = f.origin_of(n.span);
            let attr = scalar_string(n).map_or_else(|| Attr::unknown(origin.clone()), |s| Attr::explicit(s, origin.clone()));
            (k.clone(), attr)
        })
        .collect()
}

/// An attribute that Terraform spells one of several ways (`customer_master_key_spec` / `key_spec`):
/// the first one written, or the first path's default.
pub fn first_written<'p>(f: &Fields, paths: &[&'p str]) -> &'p str {
    paths.iter().copied().find(|p| f.has(p)).unwrap_or(paths.first().copied().unwrap_or_default())
}
