//! `tightrope drill` end to end through the binary: exit codes of the gate, reports, validation
//! errors with file:line, tabletop with piped stdin.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tightrope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tightrope")).args(args).output().expect("run tightrope")
}

const SMALL: [&str; 4] = ["--history-days", "4", "--events", "15000"];

#[test]
fn drill_run_gates_on_undetected_scenarios() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = dir.path().join("drill.html");
    let mut args = vec!["drill", "run", "llm-jacking", "-f", "html", "-o", html.to_str().expect("utf-8")];
    args.extend(SMALL);
    let out = tightrope(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(&html).expect("html written");
    assert!(page.contains("llm-jacking") && page.contains("AML.TA0013"));
    // Without the detections its playbook binds, the scenario is undetected: exit 1.
    let mut off = vec!["drill", "run", "llm-jacking", "--disable", "llm_jacking,new_ai_model,ai_burst"];
    off.extend(SMALL);
    let out = tightrope(&off);
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("UNDETECTED: llm-jacking"), "{table}");
    // Usage errors: exit 2 with a message.
    let out = tightrope(&["drill", "run", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown scenario `nope`"));
}

#[test]
fn drill_validate_reports_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("pb.yaml");
    let out = tightrope(&["drill", "show", "model-theft"]);
    assert_eq!(out.status.code(), Some(0));
    let yaml = String::from_utf8(out.stdout).expect("utf-8");
    std::fs::write(&f, yaml.replace("first_network", "first_netwerk")).expect("write");
    let out = tightrope(&["drill", "validate", f.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = yaml.lines().position(|l| l.contains("first_network")).expect("line") + 1;
    assert!(err.contains(&format!("pb.yaml:{line}: detection `anomaly: first_netwerk`")), "{err}");
    std::fs::write(&f, &yaml).expect("write");
    assert_eq!(tightrope(&["drill", "validate", f.to_str().expect("utf-8")]).status.code(), Some(0));
}

#[test]
fn drill_tabletop_reads_piped_answers_and_saves_a_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = dir.path().join("exercise.md");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tightrope"))
        .args(["drill", "tabletop", "training-data-poisoning", "--record", record.to_str().expect("utf-8")])
        .args(SMALL)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"fine-tune job on an unknown bucket\ntraining-data-poisoning\nml-training\nyes\nno\n")
        .expect("write answers");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let md = std::fs::read_to_string(&record).expect("record");
    assert!(md.contains("# Tabletop exercise:") && md.contains("| training-data-poisoning |"), "{md}");
    assert!(md.contains("containment step not taken: Block use of any custom model"), "{md}");
    assert!(md.contains("(no answer)"), "{md}");
}
