//! A plan from `terraform show -json`: the resources of `planned_values`, joined with their
//! `resource_changes` entry (for `after_unknown` and `after_sensitive`), minus resources that are
//! only deleted.

use super::modules::{array, walk};
use super::spans::push_segment;
use super::{Candidate, Located, Sensitivity};
use serde_json::Value as J;
use std::collections::{HashMap, HashSet};

pub fn candidates(doc: &J) -> Result<Vec<Candidate<'_>>, Located> {
    let mut out = Vec::new();
    if let Some(root) = doc.pointer("/planned_values/root_module") {
        walk(root, "/planned_values/root_module", 0, &mut out)?;
    }
    let changes = array(doc, "resource_changes", "")?;
    // Deposed objects share their address with the current one and are always being destroyed.
    let current = |rc: &&J| rc.get("deposed").is_none();
    let by_address: HashMap<&str, &J> =
        changes.iter().filter(current).filter_map(|rc| Some((rc.get("address")?.as_str()?, rc.get("change")?))).collect();
    let planned: HashSet<String> = out.iter().map(|c| c.address.clone()).collect();
    out.retain(|c| !by_address.get(c.address.as_str()).is_some_and(|ch| deletes_only(ch)));
    for c in &mut out {
        if let Some(change) = by_address.get(c.address.as_str()) {
            c.after_unknown = change.get("after_unknown");
            if matches!(c.sensitive, Sensitivity::None) {
                c.sensitive = change.get("after_sensitive").map_or(Sensitivity::None, Sensitivity::Mask);
            }
        }
    }
    // Changes whose resource is missing from `planned_values` (hand-trimmed plans): their `after`.
    for (i, rc) in changes.iter().enumerate().filter(|(_, rc)| current(rc)) {
        let (Some(address), Some(kind), Some(change)) =
            (rc.get("address").and_then(J::as_str), rc.get("type").and_then(J::as_str), rc.get("change"))
        else {
            continue;
        };
        let after = change.get("after").filter(|a| a.is_object());
        if rc.get("mode").and_then(J::as_str) == Some("data") || planned.contains(address) || deletes_only(change) || after.is_none() {
            continue;
        }
        let mut pointer = "/resource_changes".to_string();
        push_segment(&mut pointer, &i.to_string());
        out.push(Candidate {
            pointer,
            address: address.to_string(),
            kind: kind.to_string(),
            name: rc.get("name").and_then(J::as_str).unwrap_or_default().to_string(),
            module: rc.get("module_address").and_then(J::as_str).unwrap_or_default().to_string(),
            values: after,
            sensitive: change.get("after_sensitive").map_or(Sensitivity::None, Sensitivity::Mask),
            after_unknown: change.get("after_unknown"),
        });
    }
    Ok(out)
}

/// `change.actions` is exactly `["delete"]`.
fn deletes_only(change: &J) -> bool {
    change.get("actions").and_then(J::as_array).is_some_and(|a| a.len() == 1 && a[0] == "delete")
}
