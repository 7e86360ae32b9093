//! One self-contained HTML page: inline CSS, inline SVG, a little inline JavaScript; nothing is
//! fetched. Verdict, step scores, attack paths drawn as a graph, blockers, drift, and the findings
//! in a table filtered by step, severity and text.
//!
//! Every value from the scan is escaped; the findings reach the script as JSON inside a
//! `<script type="application/json">` block with `<` written as `\u003c`, and the script writes
//! them with `textContent`, never as markup.

use super::escape;
use crate::Preflight;
use crate::paths::HopKind;
use crate::verdict::{Readiness, counts, readiness, score};
use std::fmt::Write;

const CSS: &str = r#"
:root{--bg:#fff;--fg:#1b1f24;--mut:#5b6570;--line:#d8dde3;--crit:#8b0000;--high:#c62828;--med:#e08a00;--low:#1e6fb8;--ok:#2e7d32;--nr:#8a939c}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 28px;border-bottom:1px solid var(--line);display:flex;gap:24px;align-items:center;flex-wrap:wrap}
h1{font-size:20px;margin:0}h2{font-size:16px;margin:28px 0 10px}main{padding:0 28px 40px}
.verdict{font-weight:700;padding:6px 14px;border-radius:4px;color:#fff;text-transform:uppercase;letter-spacing:.04em}
.r-blocked{background:var(--high)}.r-at_risk{background:var(--med)}.r-ready{background:var(--ok)}.r-not_run{background:var(--nr)}
.steps{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:6px;padding:12px}.card h3{margin:0 0 6px;font-size:14px;text-transform:capitalize}
.bar{height:8px;background:#eef1f4;border-radius:4px;overflow:hidden;margin:6px 0}.bar span{display:block;height:100%}
.muted{color:var(--mut);font-size:12px}.badge{display:inline-block;padding:1px 7px;border-radius:3px;color:#fff;font-size:12px}
.s-critical{background:var(--crit)}.s-high{background:var(--high)}.s-medium{background:var(--med)}.s-low{background:var(--low)}.s-info{background:var(--nr)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--mut);text-transform:uppercase}td{overflow-wrap:anywhere}td.msg{max-width:480px}
.filters{display:flex;gap:10px;margin:8px 0;flex-wrap:wrap}.filters select,.filters input{padding:4px 6px;border:1px solid var(--line);border-radius:4px}
svg text{font:12px system-ui,sans-serif}ol.hops li{margin:4px 0}.cut{color:var(--high);font-weight:600}
"#;

const JS: &str = r#"
(function(){
  var data=JSON.parse(document.getElementById('findings-data').textContent);
  var body=document.getElementById('findings-body');
  var step=document.getElementById('f-step'),sev=document.getElementById('f-sev'),q=document.getElementById('f-text'),count=document.getElementById('f-count');
  var rank={info:0,low:1,medium:2,high:3,critical:4};
  function cell(tr,text,cls){var td=document.createElement('td');td.textContent=text;if(cls)td.className=cls;tr.appendChild(td);return td;}
  function draw(){
    while(body.firstChild)body.removeChild(body.firstChild);
    var s=step.value,m=rank[sev.value],t=q.value.toLowerCase(),n=0;
    data.forEach(function(f){
      if(s&&f.step!==s)return; if(rank[f.severity]<m)return;
      var hay=(f.rule_id+' '+f.resource+' '+f.message+' '+f.location).toLowerCase();
      if(t&&hay.indexOf(t)<0)return;
      var tr=document.createElement('tr');
      var b=cell(tr,'');var span=document.createElement('span');span.className='badge s-'+f.severity;span.textContent=f.severity;b.appendChild(span);
      cell(tr,f.step);cell(tr,f.rule_id);cell(tr,f.resource);cell(tr,f.message+(f.suppressed?' (suppressed)':''),'msg');cell(tr,f.location);
      body.appendChild(tr);n++;
    });
    count.textContent=n+' of '+data.length+' findings';
  }
  [step,sev].forEach(function(e){e.addEventListener('change',draw);});q.addEventListener('input',draw);draw();
})();
"#;

fn color(r: Readiness) -> &'static str {
    match r {
        Readiness::Blocked => "var(--high)",
        Readiness::AtRisk => "var(--med)",
        Readiness::Ready => "var(--ok)",
        Readiness::NotRun => "var(--nr)",
    }
}

fn class(r: Readiness) -> &'static str {
    match r {
        Readiness::Blocked => "r-blocked",
        Readiness::AtRisk => "r-at_risk",
        Readiness::Ready => "r-ready",
        Readiness::NotRun => "r-not_run",
    }
}

/// At most `n` characters (the findings table below has the full text).
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    s.chars().take(n - 1).chain(std::iter::once('…')).collect()
}

/// Wrap `s` into lines of at most `n` characters (for SVG labels).
fn wrap(s: &str, n: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in s.split_inclusive(['.', '_', ' ', '/']) {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && last.chars().count() + w.chars().count() > n {
            lines.push(w.to_string());
        } else {
            last.push_str(w);
        }
    }
    lines.truncate(3);
    lines
}

/// The attack paths as one graph: columns internet → exposure → identity → target, shared nodes
/// drawn once, the cheapest cut of each path as a red dashed edge into the cut node.
fn graph(p: &Preflight) -> String {
    let mut cols: [Vec<String>; 3] = Default::default();
    for a in &p.attack_paths {
        for h in &a.hops {
            let c = match h.kind {
                HopKind::Exposure => 0,
                HopKind::Identity => 1,
                HopKind::Target => 2,
            };
            if !cols[c].contains(&h.resource.address) {
                cols[c].push(h.resource.address.clone());
            }
        }
    }
    let rows = cols.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let (w, node_w, node_h, gap) = (980.0, 210.0, 58.0, 24.0);
    let height = 40.0 + rows as f64 * (node_h + gap);
    let x = |c: usize| 170.0 + c as f64 * 270.0;
    let y = |r: usize| 40.0 + r as f64 * (node_h + gap);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"attack path graph\" viewBox=\"0 0 {w} {height}\" width=\"100%\" style=\"max-width:{w}px\">\n"
    );
    s.push_str("<defs><marker id=\"arr\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#5b6570\"/></marker></defs>\n");
    let headings = ["internet", "exposed workload", "identity", "data / model"];
    for (i, t) in headings.iter().enumerate() {
        let hx = if i == 0 { 20.0 } else { x(i - 1) };
        let _ = writeln!(s, "<text x=\"{hx}\" y=\"20\" fill=\"#5b6570\">{t}</text>");
    }
    let mid = 40.0 + (rows as f64 * (node_h + gap) - gap) / 2.0;
    let _ = writeln!(
        s,
        "<circle cx=\"60\" cy=\"{mid}\" r=\"30\" fill=\"#eef1f4\" stroke=\"#5b6570\"/><text x=\"60\" y=\"{}\" text-anchor=\"middle\">internet</text>",
        mid + 4.0
    );
    let pos = |c: usize, addr: &str| cols[c].iter().position(|a| a == addr).unwrap_or(0);
    let mut edges = std::collections::BTreeSet::new();
    for a in &p.attack_paths {
        let idx: Vec<(usize, usize)> = a
            .hops
            .iter()
            .enumerate()
            .map(|(c, h)| (c, pos(c, &h.resource.address)))
            .collect();
        let cut = a.cheapest_cut;
        edges.insert((usize::MAX, 0, idx[0].1, cut == 0));
        for win in idx.windows(2) {
            edges.insert((win[0].0, win[0].1, win[1].1, win[1].0 == cut));
        }
    }
    for (from_col, from_row, to_row, is_cut) in edges {
        let (x1, y1) = if from_col == usize::MAX {
            (90.0, mid)
        } else {
            (x(from_col) + node_w, y(from_row) + node_h / 2.0)
        };
        let to_col = if from_col == usize::MAX {
            0
        } else {
            from_col + 1
        };
        let (x2, y2) = (x(to_col), y(to_row) + node_h / 2.0);
        let style = if is_cut {
            "stroke=\"#c62828\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\""
        } else {
            "stroke=\"#5b6570\" stroke-width=\"1.5\""
        };
        let _ = writeln!(
            s,
            "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" {style} marker-end=\"url(#arr)\"/>"
        );
    }
    let fills = ["#fdecea", "#fff4e0", "#e8f1fb"];
    for (c, col) in cols.iter().enumerate() {
        for (r, addr) in col.iter().enumerate() {
            let _ = writeln!(
                s,
                "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{node_w}\" height=\"{node_h}\" rx=\"6\" fill=\"{}\" stroke=\"#5b6570\"/>",
                escape(addr),
                x(c),
                y(r),
                fills[c]
            );
            for (i, line) in wrap(addr, 30).iter().enumerate() {
                let _ = writeln!(
                    s,
                    "<text x=\"{}\" y=\"{}\">{}</text>",
                    x(c) + 8.0,
                    y(r) + 18.0 + i as f64 * 15.0,
                    escape(line)
                );
            }
            s.push_str("</g>\n");
        }
    }
    s.push_str("</svg>\n");
    s
}

fn findings_json(p: &Preflight) -> String {
    let rows: Vec<serde_json::Value> = p
        .all_findings()
        .iter()
        .map(|f| {
            serde_json::json!({
                "severity": f.severity, "step": f.step, "rule_id": f.rule_id, "resource": f.resource.address,
                "message": f.message, "location": super::location(&f.location), "suppressed": f.suppressed.is_some(),
            })
        })
        .collect();
    serde_json::to_string(&rows)
        .unwrap_or_else(|_| "[]".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

pub fn render(p: &Preflight) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <title>tightrope preflight: {}</title><style>{CSS}</style></head><body>\n",
        escape(&p.environment)
    );
    let _ = writeln!(
        s,
        "<header><h1>tightrope preflight: {}</h1><span id=\"verdict\" class=\"verdict {}\">{}</span><span class=\"muted\">{} · {} resources · {} attack path(s) · {} blocker(s) · {} ms · tightrope {}</span></header><main>",
        escape(&p.environment),
        class(p.verdict),
        p.verdict.as_str(),
        escape(&p.config),
        p.resources,
        p.attack_paths.len(),
        p.blockers.len(),
        p.elapsed_ms,
        escape(&p.tool_version)
    );
    s.push_str("<h2>Steps</h2><div class=\"steps\">\n");
    for r in &p.steps {
        let state = readiness(r);
        let sc = score(r);
        let c = counts(&r.findings);
        let detail = r.not_run.clone().unwrap_or_else(|| r.summary.clone());
        let _ = writeln!(
            s,
            "<div class=\"card\" data-step=\"{}\"><h3>{}</h3><span class=\"badge {}\">{}</span> <b>{}</b><div class=\"bar\"><span style=\"width:{}%;background:{}\"></span></div>\
             <div class=\"muted\">{} critical · {} high · {} medium · {} low{}</div><div class=\"muted\">{}</div></div>",
            r.step.as_str(),
            r.step.as_str(),
            class(state),
            state.as_str(),
            sc.map(|v| format!("{v}/100")).unwrap_or_else(|| "–".into()),
            sc.unwrap_or(0),
            color(state),
            c[0],
            c[1],
            c[2],
            c[3],
            if r.errors.is_empty() {
                String::new()
            } else {
                format!(" · {} unreadable input(s)", r.errors.len())
            },
            escape(&detail)
        );
    }
    s.push_str("</div>\n");
    let _ = writeln!(s, "<h2>Attack paths ({})</h2>", p.attack_paths.len());
    if p.attack_paths.is_empty() {
        s.push_str("<p class=\"muted\">No path from the internet to labelled data or a model artefact was found with the inputs given.</p>\n");
    } else {
        s.push_str(&graph(p));
        s.push_str("<p class=\"muted\">Red dashed edge: the cheapest cut of a path.</p>\n");
        for a in &p.attack_paths {
            let _ = writeln!(
                s,
                "<div class=\"path\" id=\"{}\"><h3><span class=\"badge s-{}\">{}</span> {} {}</h3><ol class=\"hops\">",
                escape(&a.id),
                a.severity.as_str(),
                a.severity.as_str(),
                escape(&a.id),
                escape(&a.title)
            );
            for (i, h) in a.hops.iter().enumerate() {
                let cut = if i == a.cheapest_cut {
                    format!(
                        " <span class=\"cut\">cheapest cut: {}</span>",
                        escape(&h.cut)
                    )
                } else {
                    String::new()
                };
                let _ = writeln!(
                    s,
                    "<li><b>{}</b> <span class=\"muted\">[{} via {}]</span> {}{cut}</li>",
                    escape(&h.resource.address),
                    h.kind_str(),
                    h.step.as_str(),
                    escape(&h.explanation)
                );
            }
            s.push_str("</ol></div>\n");
        }
    }
    let _ = writeln!(
        s,
        "<h2>Blockers to fix before scaling ({})</h2>",
        p.blockers.len()
    );
    if !p.blockers.is_empty() {
        s.push_str("<table><thead><tr><th>#</th><th>risk</th><th>severity</th><th>step</th><th>rule</th><th>resource</th><th>what</th><th>fix</th></tr></thead><tbody>\n");
        for (i, b) in p.blockers.iter().enumerate() {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td><span class=\"badge s-{}\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td class=\"msg\">{}</td><td class=\"msg\">{}</td></tr>",
                i + 1,
                b.risk,
                b.severity.as_str(),
                b.severity.as_str(),
                b.step.as_str(),
                escape(&b.rule_id),
                escape(&b.resource),
                escape(&short(&b.message, 320)),
                escape(&b.fix)
            );
        }
        s.push_str("</tbody></table>\n");
    }
    if let Some(d) = &p.drift {
        let new = d["findings"]["new"].as_array().map_or(0, Vec::len);
        let resolved = d["findings"]["resolved"].as_array().map_or(0, Vec::len);
        let _ = writeln!(
            s,
            "<h2>Drift since {}</h2><p>{new} new finding(s), {resolved} resolved; highest drift severity: {}.</p>",
            escape(d["old"]["label"].as_str().unwrap_or("baseline")),
            escape(d["highest"].as_str().unwrap_or("none"))
        );
    }
    if !p.compliance.is_empty() {
        s.push_str("<h2>Compliance</h2><table id=\"compliance\"><thead><tr><th>framework</th><th>failed</th><th>passed</th><th>not evaluated</th></tr></thead><tbody>\n");
        for c in &p.compliance {
            let _ = writeln!(
                s,
                "<tr><td>{} <span class=\"muted\">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(c.framework),
                escape(c.name),
                c.fail,
                c.pass,
                c.not_evaluated
            );
        }
        s.push_str("</tbody></table><p class=\"muted\">Requirements with audit rules mapped to them; details per requirement: <code>tightrope audit --compliance FRAMEWORK</code>.</p>\n");
    }
    s.push_str(
        "<h2>Findings</h2><div class=\"filters\"><select id=\"f-step\"><option value=\"\">every step</option>\
         <option>audit</option><option>access</option><option>classify</option><option>detect</option><option>supply</option><option>reach</option></select>\
         <select id=\"f-sev\"><option value=\"info\">info and above</option><option value=\"low\">low and above</option><option value=\"medium\">medium and above</option>\
         <option value=\"high\">high and above</option><option value=\"critical\">critical</option></select>\
         <input id=\"f-text\" type=\"search\" placeholder=\"filter text\"><span id=\"f-count\" class=\"muted\"></span></div>\n\
         <table><thead><tr><th>severity</th><th>step</th><th>rule</th><th>resource</th><th>message</th><th>location</th></tr></thead><tbody id=\"findings-body\"></tbody></table>\n",
    );
    let _ = write!(
        s,
        "<script type=\"application/json\" id=\"findings-data\">{}</script>\n<script>{JS}</script>\n</main></body></html>\n",
        findings_json(p)
    );
    s
}
