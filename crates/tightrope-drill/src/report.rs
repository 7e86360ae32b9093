//! The drill report and its coverage matrix (scenarios × detections × playbooks, ATLAS tactics
//! covered), rendered as a terminal table, JSON or a self-contained HTML page.

use crate::playbook::Playbook;
use crate::run::{Outcome, RunInfo};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The MITRE ATLAS tactics (id, name), as in `tactics.yaml` of atlas-data.
pub const ATLAS_TACTICS: [(&str, &str); 16] = [
    ("AML.TA0002", "Reconnaissance"),
    ("AML.TA0003", "Resource Development"),
    ("AML.TA0004", "Initial Access"),
    ("AML.TA0000", "AI Model Access"),
    ("AML.TA0005", "Execution"),
    ("AML.TA0006", "Persistence"),
    ("AML.TA0012", "Privilege Escalation"),
    ("AML.TA0007", "Defense Evasion"),
    ("AML.TA0013", "Credential Access"),
    ("AML.TA0008", "Discovery"),
    ("AML.TA0015", "Lateral Movement"),
    ("AML.TA0009", "Collection"),
    ("AML.TA0001", "AI Attack Staging"),
    ("AML.TA0014", "Command and Control"),
    ("AML.TA0010", "Exfiltration"),
    ("AML.TA0011", "Impact"),
];

/// One row of the tactic coverage: which detected scenarios exercise it.
#[derive(Debug, Clone, Serialize)]
pub struct TacticCoverage {
    pub id: String,
    pub name: String,
    /// Scenarios whose playbook maps to the tactic and that were detected.
    pub detected_by: Vec<String>,
    /// Scenarios whose playbook maps to the tactic (detected or not).
    pub mapped_by: Vec<String>,
}

/// Cell of the scenario × detection matrix.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// Listed by the playbook and fired.
    Fired,
    /// Listed by the playbook, did not fire.
    Bound,
    /// Fired, not listed by the playbook.
    Extra,
    None,
}

impl Cell {
    fn symbol(self) -> &'static str {
        match self {
            Cell::Fired => "●",
            Cell::Bound => "○",
            Cell::Extra => "+",
            Cell::None => "·",
        }
    }
}

/// The coverage matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// Detection keys (columns).
    pub detections: Vec<String>,
    /// Scenario ids (rows), in run order.
    pub scenarios: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
    pub tactics: Vec<TacticCoverage>,
}

/// Everything a drill run reports.
#[derive(Debug, Clone, Serialize)]
pub struct DrillReport {
    pub tool: &'static str,
    pub run: RunInfo,
    pub scenarios: Vec<Outcome>,
    pub matrix: Matrix,
    pub detected: usize,
    pub undetected: Vec<String>,
    /// Playbooks without a scenario generator (custom ids): validated, not drilled.
    pub not_exercised: Vec<String>,
    pub elapsed_ms: u128,
}

/// Build the matrix from the outcomes and their playbooks (same order).
pub fn matrix(outcomes: &[Outcome], playbooks: &[&Playbook]) -> Matrix {
    let mut cols: BTreeSet<String> = BTreeSet::new();
    for p in playbooks {
        cols.extend(p.detections.iter().map(|d| d.key()));
    }
    for o in outcomes {
        cols.extend(o.fired.iter().map(|f| f.key.clone()));
    }
    let detections: Vec<String> = cols.into_iter().collect();
    let cells = outcomes
        .iter()
        .zip(playbooks)
        .map(|(o, p)| {
            detections
                .iter()
                .map(|d| {
                    let listed = p.detections.iter().any(|x| &x.key() == d);
                    let fired = o.fired.iter().any(|f| &f.key == d);
                    match (listed, fired) {
                        (true, true) => Cell::Fired,
                        (true, false) => Cell::Bound,
                        (false, true) => Cell::Extra,
                        (false, false) => Cell::None,
                    }
                })
                .collect()
        })
        .collect();
    let tactics = ATLAS_TACTICS
        .iter()
        .map(|(id, name)| {
            let mut t = TacticCoverage {
                id: id.to_string(),
                name: name.to_string(),
                detected_by: Vec::new(),
                mapped_by: Vec::new(),
            };
            for (o, p) in outcomes.iter().zip(playbooks) {
                if p.mapping.atlas_tactics.iter().any(|x| x == id) {
                    t.mapped_by.push(o.scenario.clone());
                    if o.detected {
                        t.detected_by.push(o.scenario.clone());
                    }
                }
            }
            t
        })
        .collect();
    Matrix {
        detections,
        scenarios: outcomes.iter().map(|o| o.scenario.clone()).collect(),
        cells,
        tactics,
    }
}

fn latency(o: &Outcome) -> String {
    match o.time_to_alert_secs {
        Some(s) if s >= 60 => format!("{}m{:02}s", s / 60, s % 60),
        Some(s) => format!("{s}s"),
        None => "-".to_string(),
    }
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "NO" }
}

/// The terminal table.
pub fn table(r: &DrillReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "tightrope drill: {} of {} scenarios detected (seed {}, baseline {} events over {} days, {} test-period events, {} Sigma rules{})\n",
        r.detected,
        r.scenarios.len(),
        r.run.seed,
        r.run.history_events,
        r.run.history_days,
        r.run.test_events,
        r.run.sigma_rules,
        if r.run.disabled.is_empty() {
            String::new()
        } else {
            format!(", disabled: {}", r.run.disabled.join(", "))
        }
    );
    let w = r.scenarios.iter().map(|o| o.scenario.len()).max().unwrap_or(8).max(8);
    let _ = writeln!(
        out,
        "{:<w$}  {:<8}  {:<9}  {:<10}  {:<5}  {:<6}  {:<11}  fired (playbook detections first)",
        "scenario", "detected", "to alert", "case study", "owner", "verify", "contain"
    );
    for o in &r.scenarios {
        let mut fired: Vec<String> = o
            .fired
            .iter()
            .filter(|f| f.bound)
            .map(|f| f.key.clone())
            .collect();
        let extra = o.fired.iter().filter(|f| !f.bound).count();
        if extra > 0 {
            fired.push(format!("(+{extra} other)"));
        }
        let _ = writeln!(
            out,
            "{:<w$}  {:<8}  {:<9}  {:<10}  {:<5}  {:<6}  {:<11}  {}",
            o.scenario,
            yes(o.detected),
            latency(o),
            o.case_study.as_deref().unwrap_or("-"),
            yes(o.has_owner),
            yes(o.has_verification),
            format!("{} ({} auto)", o.containment_steps, o.automatable_steps),
            if fired.is_empty() {
                if o.alerted { "alert, but no playbook detection".to_string() } else { "nothing".to_string() }
            } else {
                fired.join(", ")
            }
        );
    }
    let m = &r.matrix;
    let _ = writeln!(out, "\nCoverage matrix (● bound and fired, ○ bound, did not fire, + fired, not bound)");
    for (i, d) in m.detections.iter().enumerate() {
        let _ = writeln!(out, "  [{:>2}] {d}", i + 1);
    }
    let _ = write!(out, "{:<w$} ", "");
    for i in 0..m.detections.len() {
        let _ = write!(out, "{:>3}", i + 1);
    }
    out.push('\n');
    for (s, row) in m.scenarios.iter().zip(&m.cells) {
        let _ = write!(out, "{s:<w$} ");
        for c in row {
            let _ = write!(out, "{:>3}", c.symbol());
        }
        out.push('\n');
    }
    let covered = m.tactics.iter().filter(|t| !t.detected_by.is_empty()).count();
    let _ = writeln!(out, "\nATLAS tactics covered by detected scenarios: {covered} of {}", m.tactics.len());
    for t in &m.tactics {
        let _ = writeln!(
            out,
            "  {} {:<22} {}",
            t.id,
            t.name,
            if t.detected_by.is_empty() {
                if t.mapped_by.is_empty() { "not covered".to_string() } else { format!("mapped but undetected: {}", t.mapped_by.join(", ")) }
            } else {
                t.detected_by.join(", ")
            }
        );
    }
    if !r.not_exercised.is_empty() {
        let _ = writeln!(out, "\nPlaybooks without a scenario (not drilled): {}", r.not_exercised.join(", "));
    }
    if !r.undetected.is_empty() {
        let _ = writeln!(out, "\nUNDETECTED: {}", r.undetected.join(", "));
    }
    out
}

use tightrope_report::markup::escape as esc;

/// A self-contained HTML page (no script, no external resource).
pub fn html(r: &DrillReport) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>tightrope drill</title><style>\
body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}\
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}\
.ok{background:#e6f4ea}.bad{background:#fce8e6}.c{text-align:center}th.v{writing-mode:vertical-rl;white-space:nowrap}\
</style></head><body>");
    let _ = write!(
        o,
        "<h1>tightrope drill</h1><p>{} of {} scenarios detected. Seed {}, baseline of {} events over {} days, {} test-period events, window {} s, {} Sigma rules.{}</p>",
        r.detected,
        r.scenarios.len(),
        r.run.seed,
        r.run.history_events,
        r.run.history_days,
        r.run.test_events,
        r.run.window_secs,
        r.run.sigma_rules,
        if r.run.disabled.is_empty() { String::new() } else { format!(" Disabled: {}.", esc(&r.run.disabled.join(", "))) }
    );
    o.push_str("<h2>Scenarios</h2><table><tr><th>scenario</th><th>detected</th><th>time to alert</th><th>case study</th><th>playbook</th><th>owner</th><th>verification</th><th>fired</th><th>missed</th></tr>");
    for s in &r.scenarios {
        let _ = write!(
            o,
            "<tr class=\"{}\"><td><b>{}</b><br>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if s.detected { "ok" } else { "bad" },
            esc(&s.scenario),
            esc(&s.title),
            yes(s.detected),
            latency(s),
            s.case_study.as_deref().map(esc).unwrap_or_else(|| "-".into()),
            esc(&s.playbook),
            s.owner.as_deref().map(esc).unwrap_or_else(|| "NO".into()),
            yes(s.has_verification),
            esc(&s.fired.iter().map(|f| if f.bound { f.key.clone() } else { format!("{} (not bound)", f.key) }).collect::<Vec<_>>().join(", ")),
            esc(&s.missed.join(", ")),
        );
    }
    o.push_str("</table><h2>Coverage matrix</h2><p>● bound by the playbook and fired, ○ bound but did not fire, + fired but not bound.</p><table><tr><th>scenario</th>");
    for d in &r.matrix.detections {
        let _ = write!(o, "<th class=\"v\">{}</th>", esc(d));
    }
    o.push_str("</tr>");
    for (s, row) in r.matrix.scenarios.iter().zip(&r.matrix.cells) {
        let _ = write!(o, "<tr><td>{}</td>", esc(s));
        for c in row {
            let _ = write!(o, "<td class=\"c\">{}</td>", c.symbol());
        }
        o.push_str("</tr>");
    }
    o.push_str("</table><h2>ATLAS tactics</h2><table><tr><th>tactic</th><th>name</th><th>detected scenarios</th><th>mapped scenarios</th></tr>");
    for t in &r.matrix.tactics {
        let _ = write!(
            o,
            "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if t.detected_by.is_empty() { "" } else { "ok" },
            esc(&t.id),
            esc(&t.name),
            esc(&t.detected_by.join(", ")),
            esc(&t.mapped_by.join(", "))
        );
    }
    o.push_str("</table></body></html>\n");
    o
}
