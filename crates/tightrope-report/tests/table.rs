//! The terminal table: grouping, ordering, summary, errors, and no escapes without colour.

use crate::common;

use common::{MAIN_TF, NOTEBOOK_TF, scan};
use tightrope_core::Severity;
use tightrope_report::{Format, render};

fn table(min: Severity, color: bool) -> String {
    render(Format::Table, &scan().report(min), color)
}

fn position(out: &str, needle: &str) -> usize {
    out.find(needle).unwrap_or_else(|| panic!("`{needle}` not in table:\n{out}"))
}

#[test]
fn table_without_colour_has_no_escape_bytes_and_with_colour_has_them() {
    let plain = table(Severity::Info, false);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let coloured = table(Severity::Info, true);
    assert!(coloured.contains("\u{1b}["), "colour was requested");
}

#[test]
fn table_groups_by_file_then_resource_worst_first() {
    let out = table(Severity::Medium, false);
    // The notebook file holds a critical finding, main.tf a high one at worst, the API a critical one.
    let notebook = position(&out, &format!("{NOTEBOOK_TF}\n"));
    let api = position(&out, "(cloud API)\n");
    let main = position(&out, &format!("{MAIN_TF}\n"));
    assert!(api < notebook && notebook < main, "critical groups first, then by name:\n{out}");
    // Within main.tf, the bucket (high) comes before the KMS key (medium).
    assert!(position(&out, "  aws_s3_bucket.data (aws_s3_bucket)") < position(&out, "  aws_kms_key.k (aws_kms_key)"));
}

#[test]
fn table_lines_carry_severity_rule_location_message_and_ai_mark() {
    let out = table(Severity::Medium, false);
    let line = out
        .lines()
        .find(|l| l.contains("TR-AWS-SAGEMAKER-001") && l.contains(NOTEBOOK_TF))
        .unwrap_or_else(|| panic!("no notebook line:\n{out}"));
    assert!(line.trim_start().starts_with("CRITICAL"), "{line}");
    assert!(line.contains("infra/ml notebook.tf:30"), "{line}");
    assert!(line.contains("Notebook can reach the internet directly"), "{line}");
    assert!(line.ends_with("[AI]"), "{line}");
    let s3 = out.lines().find(|l| l.contains("TR-AWS-S3-001")).unwrap_or_default();
    assert!(s3.trim_start().starts_with("HIGH") && !s3.contains("[AI]"), "{s3}");
    assert!(out.contains("attribute: server_side_encryption_configuration"), "{out}");
    assert!(
        out.contains("arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research (DirectInternetAccess)"),
        "{out}"
    );
}

#[test]
fn table_hides_suppressed_and_below_threshold_but_counts_them() {
    let out = table(Severity::Medium, false);
    assert!(!out.contains("aws_s3_bucket.logs"), "suppressed findings are not listed:\n{out}");
    assert!(!out.contains("TR-AWS-S3-002"), "low finding is below medium:\n{out}");
    let summary = out.lines().last().unwrap_or_default();
    assert_eq!(
        summary,
        "Summary: 4 findings (2 critical, 1 high, 1 medium); 2 suppressed; 1 below medium; 2 input errors; 3 files, 7 resources, 5 rules"
    );
    let all = table(Severity::Info, false);
    assert!(all.contains("TR-AWS-S3-002"), "{all}");
    assert!(
        all.lines().last().unwrap_or_default().contains("5 findings (2 critical, 1 high, 1 medium, 1 low, 0 info)"),
        "{all}"
    );
}

#[test]
fn table_lists_input_errors_in_their_own_section() {
    let out = table(Severity::Medium, false);
    let section = position(&out, "Input errors (2)\n");
    assert!(position(&out, "  infra/broken.tf:7: expected `}` to close block `resource`") > section);
    assert!(position(&out, "  k8s/bad.yaml: file is not valid UTF-8") > section);
}

#[test]
fn table_of_an_empty_scan_says_so() {
    let empty = common::Scan { findings: vec![], errors: vec![], rules: scan().rules };
    let out = render(Format::Table, &empty.report(Severity::Low), false);
    assert!(out.starts_with("No findings at or above severity low."), "{out}");
    assert!(!out.contains("Input errors"), "{out}");
}

#[test]
fn table_escapes_terminal_controls_from_scanned_input() {
    let mut s = scan();
    s.findings[0].resource.address = "aws_s3_bucket.\u{1b}]0;pwned\u{7}x".into();
    s.findings[0].message = "line one\nline two \u{1b}[2J".into();
    s.errors[0].path = "evil\u{1b}[31m.tf".into();
    let out = render(Format::Table, &s.report(Severity::Info), false);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("aws_s3_bucket.\\u{1b}]0;pwned\\u{7}x"), "{out}");
    assert!(out.contains("line one line two \\u{1b}[2J"), "{out}");
}
