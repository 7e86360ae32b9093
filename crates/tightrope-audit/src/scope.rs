//! Which resources of a scan a rule looks at, for the "resources evaluated" column of compliance
//! summaries.
//!
//! Rules do not declare the resource types they read; their `provider` and `service` do say which
//! part of the typed state they check. The inventory walks the serialised [`CloudState`] once,
//! records every resource (every object with a `meta` carrying an `address`; what was merged into
//! it, such as a bucket's IAM grants, counts as part of it) under its provider
//! and state section, and answers "the resources of this rule's service". The count is therefore
//! the resources *in scope* of the rule's service (an EC2 rule counts instances, volumes and
//! security groups alike), which is what a requirement was evaluated against.

use crate::rule::RuleMeta;
use serde_json::Value;
use std::collections::BTreeMap;
use tightrope_core::CloudState;

/// Resource addresses by (provider, state section).
#[derive(Debug, Default)]
pub struct Inventory {
    sections: BTreeMap<(String, String), Vec<String>>,
}

/// How deep the walk goes into the state (resources sit a few levels down; this bounds the walk
/// on any input).
const MAX_DEPTH: usize = 12;

impl Inventory {
    /// Every resource of `state`, by provider and section.
    pub fn of(state: &CloudState) -> Self {
        let mut inv = Inventory::default();
        let Ok(Value::Object(providers)) = serde_json::to_value(state) else {
            return inv;
        };
        for (provider, body) in &providers {
            match body {
                Value::Object(sections) if provider != "kubernetes" => {
                    for (section, v) in sections {
                        let list = inv
                            .sections
                            .entry((provider.clone(), section.clone()))
                            .or_default();
                        collect(v, list, 0);
                    }
                }
                v => {
                    let list = inv
                        .sections
                        .entry((provider.clone(), provider.clone()))
                        .or_default();
                    collect(v, list, 0);
                }
            }
        }
        inv
    }

    /// Addresses of the resources in scope of `rule`: the state sections of its service, or every
    /// resource of its provider when no section matches.
    pub fn in_scope(&self, rule: &RuleMeta) -> impl Iterator<Item = String> + '_ {
        let provider = state_provider(rule.provider);
        let sections = sections_of(rule.provider, rule.service);
        let any_match = self
            .sections
            .keys()
            .any(|(p, s)| p == provider && sections.contains(&s.as_str()));
        self.sections
            .iter()
            .filter(move |((p, s), _)| {
                p == provider && (!any_match || sections.contains(&s.as_str()))
            })
            .flat_map(|(_, v)| v.iter().cloned())
    }
}

/// The top-level key of `CloudState` that holds a rule provider's resources.
fn state_provider(provider: &str) -> &str {
    match provider {
        "k8s" => "kubernetes",
        p => p,
    }
}

/// The state sections a rule service reads, where the names differ.
fn sections_of<'a>(provider: &str, service: &'a str) -> Vec<&'a str> {
    match (provider, service) {
        ("aws", "ec2") => vec!["compute", "network", "ebs"],
        ("aws", "lambda") => vec!["compute"],
        ("aws", "ecr" | "eks") => vec!["containers"],
        ("kubernetes", _) => vec!["kubernetes"],
        (_, s) => vec![s],
    }
}

fn collect(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(map) => match map
            .get("meta")
            .and_then(|m| m.get("address"))
            .and_then(Value::as_str)
        {
            // A resource: what is merged into it (bucket grants, security group rules) is part of it.
            Some(address) => out.push(address.to_string()),
            None => map
                .values()
                .for_each(|child| collect(child, out, depth + 1)),
        },
        Value::Array(items) => items.iter().for_each(|i| collect(i, out, depth + 1)),
        _ => {}
    }
}
