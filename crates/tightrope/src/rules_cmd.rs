//! `tightrope rules`: the built-in rules as a table, JSON, or the Markdown reference.

use crate::cli::RulesArgs;
use crate::exit;
use std::io::Write;

pub fn run(args: &RulesArgs) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    if args.markdown {
        write!(out, "{}", tightrope_audit::docs::markdown())?;
        return Ok(exit::CLEAN);
    }
    let rules = tightrope_audit::rules::all();
    if args.json {
        let list: Vec<_> = rules
            .iter()
            .map(|r| {
                let m = r.meta();
                serde_json::json!({"id": m.id, "title": m.title, "severity": m.severity, "step": m.step,
                    "provider": m.provider, "service": m.service, "ai": m.ai, "remediation": m.remediation,
                    "references": m.references(), "compliance": m.compliance_tags()})
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        return Ok(exit::CLEAN);
    }
    for r in rules {
        let m = r.meta();
        writeln!(out, "{:<26} {:<8} {:<3} {}", m.id, m.severity, if m.ai { "AI" } else { "" }, m.title)?;
    }
    let ai = rules.iter().filter(|r| r.meta().ai).count();
    writeln!(out, "\n{} rules, {ai} about AI workloads", rules.len())?;
    Ok(exit::CLEAN)
}
