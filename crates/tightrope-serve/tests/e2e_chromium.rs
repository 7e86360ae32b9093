//! End-to-end: the dashboard in headless Chromium (Debian `chromium`) driven by playwright-core
//! (tests/e2e/dashboard.cjs): log in with a token, filter findings, open and acknowledge an alert,
//! visit every view. Screenshots go to $CARGO_TARGET_DIR/e2e-screenshots/ (else target/).
//!
//! Skips, saying why, without /usr/bin/chromium, node, or playwright-core (`.ci/playwright.sh`
//! installs it and prints the directory to put in TIGHTROPE_PLAYWRIGHT_CORE).

use crate::common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn playwright_core() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("TIGHTROPE_PLAYWRIGHT_CORE").map(PathBuf::from),
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/tightrope/node/node_modules/playwright-core")),
    ];
    candidates.into_iter().flatten().find(|p| p.join("package.json").is_file())
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join(".."));
    target.join("e2e-screenshots")
}

#[test]
fn dashboard_login_filter_and_alert_in_chromium() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!("skipping: /usr/bin/chromium is not installed (apt-get install chromium)");
        return;
    }
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipping: node is not installed");
        return;
    }
    let Some(pw) = playwright_core() else {
        eprintln!("skipping: playwright-core not found; run .ci/playwright.sh and set TIGHTROPE_PLAYWRIGHT_CORE");
        return;
    };
    let s = example_server(0, true);
    wait_first_scan(&s);
    let out = screenshot_dir();
    std::fs::create_dir_all(&out).expect("screenshot dir");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/dashboard.cjs");
    let run = Command::new("node")
        .arg(&script)
        .arg(&s.base)
        .arg(&s.admin)
        .arg(&out)
        .env("PLAYWRIGHT_CORE", &pw)
        .env("CHROMIUM", chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "dashboard.cjs failed:\n{stdout}\n{}", String::from_utf8_lossy(&run.stderr));
    let seen: Value = serde_json::from_str(stdout.trim()).expect("the script's JSON line");
    eprintln!("dashboard: {seen}");
    assert_eq!(seen["token_in_session_storage"], true);
    assert_eq!(seen["token_in_local_storage"], false);
    assert_eq!(seen["alert_status_after"], "acknowledged");
    assert!(seen["bad_token_message"].as_str().unwrap_or("").contains("not accepted"));
    // The click went through the API: the alert is acknowledged in the store, by this token.
    let log = get_json(&s, "/api/audit-log", &s.admin);
    assert_eq!(log["entries"][0]["action"], "alert.status");
    for name in ["01-login", "02-readiness", "03-findings-filtered", "04-alert", "05-alert-acknowledged", "06-attack-paths", "07-drift", "08-inventory"] {
        let f = out.join(format!("{name}.png"));
        let len = std::fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
        assert!(len > 5_000, "{} missing or empty", f.display());
    }
}
