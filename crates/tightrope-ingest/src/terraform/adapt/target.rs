//! Finding the resource a split Terraform resource configures (a bucket policy, a role policy
//! attachment, a security group rule), and merging into it.
//!
//! The split resource names its target in an attribute (`bucket`, `role`, `security_group_id`):
//! either by reference (`aws_s3_bucket.b.id`, arriving as an unknown value that referenced
//! `aws_s3_bucket.b`) or by a literal: a name or ARN, or (in plan and state JSON) the ID the target
//! got from AWS (`sg-0abc…`, `vpc-0abc…`). References are resolved within the referring resource's
//! module, and `count` / `for_each` instances are paired by index when both sides have one.

use super::ByKind;
use crate::fields::Fields;
use crate::node::{Node, Value};
use crate::raw::RawResource;
use std::collections::BTreeMap;
use tightrope_core::state::Link;

/// A resource that split resources can be merged into.
pub trait Target {
    /// The resource's address in the scanned set.
    fn address(&self) -> &str;
    /// The literal name a split resource may use instead of a reference (bucket name, role name).
    fn literal_name(&self) -> Option<&str>;
}

/// The links an attribute value holds: a literal string, the resources an unresolved expression
/// referenced, and for lists every item's links.
pub fn links_in(node: &Node) -> Vec<Link> {
    match &node.value {
        Value::String(s) => vec![Link::Literal(s.clone())],
        Value::Unknown { refs } => refs.iter().cloned().map(Link::Resource).collect(),
        Value::List(items) => items.iter().flat_map(links_in).collect(),
        _ => Vec::new(),
    }
}

/// Indices of the `targets` that `from` names in its attribute `attr`.
pub fn find<T: Target>(by: &ByKind, from: &RawResource, attr: &str, targets: &[T]) -> Vec<usize> {
    let Some(node) = from.body.get(attr) else { return Vec::new() };
    let mut hits: Vec<usize> = links_in(node).iter().flat_map(|link| find_link(by, from, link, targets)).collect();
    hits.sort_unstable();
    hits.dedup();
    hits
}

/// Merge `from` into every target it names in `attr`; a split resource that names nothing in the
/// scanned set is counted as unmodelled instead.
pub fn merge<T: Target>(
    by: &ByKind,
    from: &RawResource,
    attr: &str,
    targets: &mut [T],
    unmodelled: &mut BTreeMap<String, usize>,
    mut apply: impl FnMut(&mut T),
) {
    let hits = find(by, from, attr, targets);
    if hits.is_empty() {
        count_unmodelled(from, unmodelled);
    }
    for i in hits {
        if let Some(t) = targets.get_mut(i) {
            apply(t);
        }
    }
}

/// [`merge`] every resource of type `kind`: `read` takes the setting from the split resource (so
/// its origin is the split resource's lines) and `apply` puts it into each target.
pub fn merge_each<T: Target, V: Clone>(
    by: &ByKind,
    kind: &str,
    attr: &str,
    targets: &mut [T],
    unmodelled: &mut BTreeMap<String, usize>,
    read: impl Fn(&Fields) -> V,
    apply: impl Fn(&mut T, V),
) {
    for r in by.of(kind) {
        let value = read(&Fields::new(r));
        merge(by, r, attr, targets, unmodelled, |t| apply(t, value.clone()));
    }
}

/// Count a resource that is read but not part of the state.
pub fn count_unmodelled(res: &RawResource, unmodelled: &mut BTreeMap<String, usize>) {
    *unmodelled.entry(res.kind.clone()).or_default() += 1;
}

fn find_link<T: Target>(by: &ByKind, from: &RawResource, link: &Link, targets: &[T]) -> Vec<usize> {
    match link {
        Link::Literal(literal) => (0..targets.len())
            .filter(|&i| {
                let t = &targets[i];
                link.points_to(t.address(), t.literal_name()) || by.ids(t.address()).contains(&literal.as_str())
            })
            .collect(),
        Link::Resource(addr) => find_reference(&from.address, addr, targets),
    }
}

/// A reference is resolved in the referring resource's module (unless the reader already qualified
/// it); an exact address wins, then the instance with the referrer's own index, then every instance.
fn find_reference<T: Target>(from: &str, referenced: &str, targets: &[T]) -> Vec<usize> {
    let qualified = if referenced.starts_with("module.") { referenced.to_string() } else { format!("{}{referenced}", module_prefix(from)) };
    let exact: Vec<usize> = (0..targets.len()).filter(|&i| targets[i].address() == qualified).collect();
    if !exact.is_empty() {
        return exact;
    }
    let base = strip_indices(&qualified);
    let same_base: Vec<usize> = (0..targets.len()).filter(|&i| strip_indices(targets[i].address()) == base).collect();
    let from_index = instance_index(from);
    let same_index: Vec<usize> =
        same_base.iter().copied().filter(|&i| from_index.is_some() && instance_index(targets[i].address()) == from_index).collect();
    if same_index.is_empty() { same_base } else { same_index }
}

/// `module.a.module.b.` for `module.a.module.b.aws_x.y`; empty at the root.
fn module_prefix(address: &str) -> &str {
    let parts: Vec<&str> = split_segments(address);
    let mut len = 0;
    let mut i = 0;
    while i + 1 < parts.len() && parts[i] == "module" {
        len += parts[i].len() + parts[i + 1].len() + 2;
        i += 2;
    }
    address.get(..len).unwrap_or("")
}

/// Dot-separated segments, ignoring dots inside `["..."]` index keys.
fn split_segments(address: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0usize);
    for (i, c) in address.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => {
                out.push(&address[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&address[start..]);
    out
}

/// The address without any `[index]` (`module.m[0].aws_s3_bucket.b["x"]` -> `module.m.aws_s3_bucket.b`).
fn strip_indices(address: &str) -> String {
    let mut depth = 0usize;
    address
        .chars()
        .filter(|&c| match c {
            '[' => {
                depth += 1;
                false
            }
            ']' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// The trailing instance key of an address (`[0]`, `["a"]`), if any.
fn instance_index(address: &str) -> Option<&str> {
    let last = split_segments(address).pop()?;
    last.find('[').map(|i| &last[i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_prefix_and_indices() {
        assert_eq!(module_prefix("module.a.module.b[0].aws_x.y"), "module.a.module.b[0].");
        assert_eq!(module_prefix("aws_x.y"), "");
        assert_eq!(strip_indices("module.m[0].aws_s3_bucket.b[\"x.y\"]"), "module.m.aws_s3_bucket.b");
        assert_eq!(instance_index("aws_s3_bucket.b[\"x.y\"]"), Some("[\"x.y\"]"));
        assert_eq!(instance_index("aws_s3_bucket.b"), None);
    }
}
