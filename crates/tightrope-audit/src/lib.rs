//! Step 1 (audit): posture rules over the typed cloud state.
//!
//! Every rule lives in its own file under `rules/`, declared with [`declare_rule!`]: its doc
//! comment (*What it does / Why is this bad / Example / Remediation / References*) is the rule's
//! documentation, and `docs/rules.md` is generated from it. Every rule has two fixtures under
//! `fixtures/<RULE-ID>/`: `fire.*` must raise it, `pass.*` must not; a test checks both for every
//! rule.

pub mod compliance;
pub mod docs;
pub mod engine;
pub mod inventory;
pub mod rule;
pub mod rules;
pub mod scope;
pub mod secrets;

pub use engine::{audit, AuditOptions, Outcome};
pub use inventory::{inventory, AiAsset, AssetKind};
pub use compliance::Framework;
pub use rule::{Findings, Rule, RuleMeta, descriptor};
