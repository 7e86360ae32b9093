//! Graphviz DOT of zones and the flows between them; flows that break the policy are red.

use crate::check::ZoneFlow;
use crate::policy::PolicyRule;
use crate::space::{Space, service_cube};
use std::fmt::Write as _;

/// Whether a flow breaks a policy rule.
fn violates(flow: &ZoneFlow, rules: &[PolicyRule]) -> bool {
    rules.iter().any(|r| match r {
        PolicyRule::Deny { from, to } => *from == flow.from && *to == flow.to,
        PolicyRule::Only { from, to } => *from == flow.from && !to.contains(&flow.to),
        PolicyRule::Restrict {
            from, to, services, ..
        } => {
            *from == flow.from && *to == flow.to && {
                let ok = Space {
                    cubes: services
                        .iter()
                        .map(|(p, ports)| service_cube(*p, *ports))
                        .collect(),
                };
                !flow.allowed.minus(&ok).is_empty()
            }
        }
    })
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The zone graph as DOT.
pub fn render(zones: &[String], flows: &[ZoneFlow], rules: &[PolicyRule]) -> String {
    let mut out =
        String::from("digraph reach {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
    let _ = writeln!(out, "  {} [shape=ellipse];", quote("internet"));
    for z in zones {
        let _ = writeln!(out, "  {};", quote(z));
    }
    for f in flows {
        let label = f.allowed.describe_services();
        let label = if label.len() > 60 {
            format!(
                "{}...",
                &label[..label.char_indices().nth(57).map_or(label.len(), |(i, _)| i)]
            )
        } else {
            label
        };
        let style = if violates(f, rules) {
            ", color=red, fontcolor=red, penwidth=2"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}{style}];",
            quote(&f.from),
            quote(&f.to),
            quote(&label)
        );
    }
    out.push_str("}\n");
    out
}
