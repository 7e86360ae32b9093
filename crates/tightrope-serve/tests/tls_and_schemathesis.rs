//! TLS with --tls-cert/--tls-key (checked with curl against a fresh self-signed certificate), and
//! schemathesis against /openapi.json finding no server error. Each skips, saying so, when its
//! tool (openssl and curl; schemathesis) is not on PATH.

use crate::common;

use common::*;
use std::process::Command;
use std::time::Duration;

fn on_path(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
        || Command::new(tool).arg("version").output().is_ok_and(|o| o.status.success())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

#[test]
fn tls_serves_https_only() {
    if !on_path("openssl") || !on_path("curl") {
        eprintln!("skipping: openssl and curl are needed to make a certificate and call the server");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout").arg(&key).arg("-out").arg(&cert)
        .output()
        .expect("openssl");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let db = dir.path().join("t.db").display().to_string();
    let store = tightrope_store::Store::open_location(Some(&db)).expect("store");
    let token = tightrope_serve::auth::generate().expect("token");
    store.insert_token(&tightrope_serve::auth::record(&token, "tls", tightrope_serve::auth::Role::Viewer)).expect("token");
    let port = free_port();
    let mut a = args(&db, None);
    a.listen = format!("127.0.0.1:{port}").parse().expect("addr");
    a.tls_cert = Some(cert.clone());
    a.tls_key = Some(key);
    let app = tightrope_serve::build(&a).expect("build");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.spawn(tightrope_serve::listen(app, a));
    let curl = |extra: &[&str], url: &str| {
        Command::new("curl")
            .args(["-sS", "--max-time", "5", "-o", "-", "-w", "\n%{http_code}", "--cacert"])
            .arg(&cert)
            .args(extra)
            .arg(url)
            .output()
            .expect("curl")
    };
    let https = format!("https://127.0.0.1:{port}");
    wait_for("the TLS listener", Duration::from_secs(20), || curl(&[], &format!("{https}/healthz")).status.success());
    let auth = format!("Authorization: Bearer {token}");
    let out = curl(&["-H", &auth], &format!("{https}/api/me"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.ends_with("\n200") && text.contains("\"viewer\""), "{text}");
    let out = curl(&[], &format!("{https}/api/me"));
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("\n401"));
    // Plain HTTP on the TLS port gets no answer.
    let out = curl(&[], &format!("http://127.0.0.1:{port}/healthz"));
    assert!(!String::from_utf8_lossy(&out.stdout).ends_with("\n200"));
}

#[test]
fn schemathesis_finds_no_server_error() {
    if !on_path("schemathesis") {
        eprintln!("skipping: schemathesis is not on PATH (pip install schemathesis)");
        return;
    }
    let s = example_server(0, false);
    wait_first_scan(&s);
    // Admin reaches every operation; the viewer run checks the 403 paths (fewer examples).
    for (token, examples) in [(&s.admin, "25"), (&s.viewer, "8")] {
        let out = Command::new("schemathesis")
            .args(["run", &format!("{}/openapi.json", s.base)])
            .args(["--header", &format!("Authorization: Bearer {token}")])
            .args(["--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance", "--max-examples", examples, "--no-color"])
            .env("SCHEMATHESIS_HOOKS", "")
            .output()
            .expect("schemathesis");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "schemathesis failed:\n{text}\n{}", String::from_utf8_lossy(&out.stderr));
    }
    let metrics = get(&s, "/metrics", Some(&s.viewer)).1;
    assert!(!metrics.lines().any(|l| l.starts_with("tightrope_http_requests_total") && l.contains("status=\"5")), "{metrics}");
}
