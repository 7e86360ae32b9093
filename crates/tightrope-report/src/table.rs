//! The terminal table.
//!
//! Findings are grouped by file, then by resource, and groups are ordered worst-first (highest
//! severity, then number of findings, then name). A security engineer going through 300 findings
//! fixes them per resource block: one bucket typically carries several findings (encryption,
//! versioning, logging, public access), and listing them together turns them into one edit and
//! avoids repeating the same path and address on every line. Ordering the groups by their worst
//! finding keeps the most urgent work at the top, and the closing summary gives the counts per
//! severity, so nothing is lost compared with a flat severity sort.
//!
//! Layout, one or two lines per finding:
//!
//! ```text
//! main.tf
//!   aws_s3_bucket.data (aws_s3_bucket)
//!     HIGH      TR-AWS-S3-001  main.tf:12  Bucket is not encrypted  [AI]
//!               attribute: server_side_encryption_configuration; evidence: …
//! ```
//!
//! Suppressed findings and findings below the minimum severity are counted in the summary, not
//! listed. Input errors have their own section (`path:line: message`). Every string that came
//! from scanned input is cleaned of control characters and bidirectional overrides, so a hostile
//! file name or value cannot inject terminal escapes; without `color` the output contains no
//! escape byte at all.

use crate::Report;
use crate::select::{Selection, location_label};
use anstyle::{AnsiColor, Style};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;
use tightrope_core::{Finding, Origin, Severity};

/// Group of findings for one resource.
struct ResourceGroup<'a> {
    address: &'a str,
    kind: &'a str,
    findings: Vec<&'a Finding>,
}

/// Group of resources for one file (or the cloud API, or an unknown place).
struct FileGroup<'a> {
    name: &'a str,
    resources: Vec<ResourceGroup<'a>>,
}

pub(crate) fn render(report: &Report, color: bool) -> String {
    let sel = Selection::of(report);
    let paint = Painter { color };
    let mut out = String::new();
    if sel.shown.is_empty() {
        let _ = writeln!(out, "No findings at or above severity {}.", report.min_severity);
    }
    for file in groups(&sel.shown) {
        let _ = writeln!(out, "{}", paint.apply(&clean(file.name), Style::new().bold().underline()));
        for res in &file.resources {
            write_resource(&mut out, res, &paint);
        }
        out.push('\n');
    }
    write_errors(&mut out, report, &paint);
    write_not_evaluated(&mut out, report, &paint);
    write_summary(&mut out, report, &sel, &paint);
    out
}

fn write_resource(out: &mut String, res: &ResourceGroup, paint: &Painter) {
    let header = format!("{} ({})", clean(res.address), clean(res.kind));
    let _ = writeln!(out, "  {}", paint.apply(&header, Style::new().bold().fg_color(Some(AnsiColor::Cyan.into()))));
    let id_width = res.findings.iter().map(|f| clean(&f.rule_id).chars().count()).max().unwrap_or(0);
    let loc_width = res.findings.iter().map(|f| clean(&location_label(&f.location)).chars().count()).max().unwrap_or(0);
    for f in &res.findings {
        let sev = paint.apply(&format!("{:<8}", f.severity.as_str().to_uppercase()), severity_style(f.severity));
        let ai = if f.ai {
            format!("  {}", paint.apply("[AI]", Style::new().fg_color(Some(AnsiColor::Magenta.into()))))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "    {sev}  {:<id_width$}  {:<loc_width$}  {}{ai}",
            clean(&f.rule_id),
            clean(&location_label(&f.location)),
            clean(&f.message),
        );
        let details: Vec<String> = [("attribute", f.attribute.as_deref()), ("evidence", f.evidence.as_deref())]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k}: {}", clean(v))))
            .collect();
        if !details.is_empty() {
            let _ = writeln!(out, "    {:8}  {}", "", paint.apply(&details.join("; "), Style::new().dimmed()));
        }
    }
}

fn write_errors(out: &mut String, report: &Report, paint: &Painter) {
    if report.errors.is_empty() {
        return;
    }
    let title = format!("Input errors ({})", report.errors.len());
    let _ = writeln!(out, "{}", paint.apply(&title, Style::new().bold().fg_color(Some(AnsiColor::Red.into()))));
    for e in report.errors {
        let _ = writeln!(out, "  {}", clean(&e.to_string()));
    }
    out.push('\n');
}

/// Rules whose inputs were not all collected: no finding from them is no pass.
fn write_not_evaluated(out: &mut String, report: &Report, paint: &Painter) {
    if report.not_evaluated.is_empty() {
        return;
    }
    let title = format!("Not evaluated ({} {}: inputs not collected)", report.not_evaluated.len(), plural(report.not_evaluated.len(), "rule"));
    let _ = writeln!(out, "{}", paint.apply(&title, Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()))));
    for n in report.not_evaluated {
        let _ = writeln!(out, "  {}  {}: {}", clean(&n.rule_id), clean(&n.title), clean(&n.reasons.join("; ")));
    }
    out.push('\n');
}

fn write_summary(out: &mut String, report: &Report, sel: &Selection, paint: &Painter) {
    let per_severity: Vec<String> = Severity::ALL
        .into_iter()
        .filter(|s| *s >= report.min_severity)
        .map(|s| paint.apply(&format!("{} {s}", sel.count(s)), severity_style(s)))
        .collect();
    let mut parts =
        vec![format!("{} {} ({})", sel.shown.len(), plural(sel.shown.len(), "finding"), per_severity.join(", "))];
    parts.push(format!("{} suppressed", sel.suppressed.len()));
    if sel.below_threshold > 0 {
        parts.push(format!("{} below {}", sel.below_threshold, report.min_severity));
    }
    if !report.errors.is_empty() {
        parts.push(format!("{} input {}", report.errors.len(), plural(report.errors.len(), "error")));
    }
    if !report.not_evaluated.is_empty() {
        parts.push(format!("{} {} not evaluated", report.not_evaluated.len(), plural(report.not_evaluated.len(), "rule")));
    }
    parts.push(format!(
        "{} {}, {} {}, {} {}",
        report.files_scanned,
        plural(report.files_scanned, "file"),
        report.resources,
        plural(report.resources, "resource"),
        report.rules.len(),
        plural(report.rules.len(), "rule"),
    ));
    let _ = writeln!(out, "{} {}", paint.apply("Summary:", Style::new().bold()), parts.join("; "));
}

/// Group findings by file, then resource; worst groups first.
fn groups<'a>(findings: &[&'a Finding]) -> Vec<FileGroup<'a>> {
    let mut by_file: BTreeMap<&str, BTreeMap<&str, ResourceGroup<'a>>> = BTreeMap::new();
    for f in findings {
        by_file
            .entry(file_key(&f.location))
            .or_default()
            .entry(&f.resource.address)
            .or_insert_with(|| ResourceGroup {
                address: &f.resource.address,
                kind: &f.resource.kind,
                findings: Vec::new(),
            })
            .findings
            .push(f);
    }
    let mut files: Vec<FileGroup> = by_file
        .into_iter()
        .map(|(name, resources)| {
            let mut resources: Vec<ResourceGroup> = resources.into_values().collect();
            resources.sort_by_key(|r| (std::cmp::Reverse(rank(&r.findings)), r.address));
            FileGroup { name, resources }
        })
        .collect();
    files.sort_by_key(|g| {
        let all: Vec<&Finding> = g.resources.iter().flat_map(|r| r.findings.iter().copied()).collect();
        (std::cmp::Reverse(rank(&all)), g.name)
    });
    files
}

/// Worst severity, then number of findings.
fn rank(findings: &[&Finding]) -> (Severity, usize) {
    (findings.iter().map(|f| f.severity).max().unwrap_or(Severity::Info), findings.len())
}

fn file_key(o: &Origin) -> &str {
    match o {
        Origin::File { path, .. } => path,
        Origin::Api { .. } => "(cloud API)",
        Origin::Unknown => "(unknown location)",
    }
}

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Critical => {
            Style::new().bold().fg_color(Some(AnsiColor::BrightWhite.into())).bg_color(Some(AnsiColor::Red.into()))
        }
        Severity::High => Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
        Severity::Medium => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
        Severity::Low => Style::new().fg_color(Some(AnsiColor::Blue.into())),
        Severity::Info => Style::new().dimmed(),
    }
}

/// Applies styles only when colour is on.
struct Painter {
    color: bool,
}

impl Painter {
    fn apply(&self, text: &str, style: Style) -> String {
        if self.color { format!("{}{text}{}", style.render(), style.render_reset()) } else { text.to_string() }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}

/// Input-derived text made safe for a terminal: newlines and tabs become spaces; other control
/// characters and bidirectional overrides are shown escaped (`\u{1b}`).
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => " ".to_string(),
                c if unsafe_char(c) => c.escape_unicode().to_string(),
                c => c.to_string(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn clean_escapes_terminal_controls() {
        assert_eq!(clean("plain"), "plain");
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("x\ny"), "x y");
        assert_eq!(clean("ab\u{202e}cd"), "ab\\u{202e}cd");
    }
}
