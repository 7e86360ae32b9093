//! `azurerm_*` resources: Azure AI services (Cognitive Services / Azure OpenAI), Azure Machine
//! Learning and Storage accounts. Omitted attributes take the documented default of the current
//! azurerm provider (4.x), which rules report as defaults.

pub mod cognitive;
pub mod machine_learning;
pub mod storage;

use super::ByKind;
use super::block::first_written;
use super::target::{Target, merge};
use crate::fields::Fields;
use std::collections::BTreeMap;

/// Merge every `kind` resource into the targets it names in the first of `attrs` it writes
/// (azurerm renamed several `*_name` attributes to `*_id`).
fn merge_split<T: Target, V>(
    by: &ByKind,
    kind: &str,
    attrs: &[&str],
    targets: &mut [T],
    unmodelled: &mut BTreeMap<String, usize>,
    read: impl Fn(&Fields) -> V,
    apply: impl Fn(&mut T, &V),
) {
    for r in by.of(kind) {
        let f = Fields::new(r);
        let value = read(&f);
        merge(by, r, first_written(&f, attrs), targets, unmodelled, |t| {
            apply(t, &value)
        });
    }
}
