//! A server started in-process for the tests: its own tokio runtime on a background thread, a fresh
//! SQLite file (or PostgreSQL schema) and one admin and one viewer token.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use tightrope_core::{Finding, Origin, ResourceRef, Severity, Step};
use tightrope_store::{Snapshot, Store};
use std::time::{Duration, Instant};
use tightrope_serve::auth::{self, Role};
use tightrope_serve::cli::ServeArgs;

pub struct Server {
    pub db: String,
    pub base: String,
    pub admin: String,
    pub viewer: String,
    pub app: tightrope_serve::state::App,
    _rt: tokio::runtime::Runtime,
    pub dir: tempfile::TempDir,
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A copy of the repository's example environment (examples/) in `dir`, with a tightrope.toml
/// whose caches and keys are in `dir` too and `[serve] interval_seconds` set. The IAM action
/// database comes from ../shared/data when present; without it the access step reports the missing
/// cache and everything else runs.
/// Without `drill` the `[drill]` section is left out: drilling every playbook takes most of a scan
/// (about 40 s in a debug build), and only the dashboard test needs it.
pub fn example_config(dir: &Path, interval_seconds: u64, drill: bool) -> PathBuf {
    let env = dir.join("env");
    copy_dir(&repo().join("examples"), &env);
    let iam_src = repo().join("../shared/data/iam-action-database/iam-data.tar.gz");
    let cache = dir.join("iam");
    if iam_src.is_file() {
        if let Err(e) = tightrope_access::update::update_from(&iam_src, &cache) {
            eprintln!("IAM action database not installed ({e:#}); the access step will say so");
        }
    } else {
        eprintln!(
            "../shared/data/iam-action-database is absent: the access step will report the missing cache"
        );
    }
    let mut template = std::fs::read_to_string(env.join("tightrope.toml")).expect("examples/tightrope.toml");
    if !drill {
        let at = template.find("\n[drill]").expect("the example has a [drill] section");
        template.truncate(at + 1);
    }
    let text = template
        .replace(
            "[environment]\n",
            &format!("[environment]\nhash_key = {:?}\n", dir.join("classify.key").display().to_string()),
        )
        .replace(
            "[access]\n",
            &format!("[access]\ncache_dir = {:?}\n", cache.display().to_string()),
        );
    let path = env.join("tightrope.toml");
    std::fs::write(&path, format!("{text}\n[serve]\ninterval_seconds = {interval_seconds}\n"))
        .expect("write test config");
    path
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read examples") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub fn args(db: &str, config: Option<PathBuf>) -> ServeArgs {
    ServeArgs {
        command: None,
        listen: "127.0.0.1:0".parse().expect("addr"),
        db: Some(db.to_string()),
        config,
        interval: None,
        tls_cert: None,
        tls_key: None,
        max_body: 64 * 1024,
        connections: 4,
    }
}

/// Start a server over `args` (tokens are added first).
pub fn start(args: ServeArgs, dir: tempfile::TempDir) -> Server {
    let store = tightrope_store::Store::open_location(args.db.as_deref()).expect("store");
    let admin = auth::generate().expect("token");
    let viewer = auth::generate().expect("token");
    store.insert_token(&auth::record(&admin, "test-admin", Role::Admin)).expect("admin token");
    store.insert_token(&auth::record(&viewer, "test-viewer", Role::Viewer)).expect("viewer token");
    drop(store);
    let app = tightrope_serve::build(&args).expect("server state");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let router = tightrope_serve::routes::router(app.clone(), args.max_body);
    if let Some(scanner) = app.scanner.clone() {
        let a = app.clone();
        rt.spawn(async move { tightrope_serve::scan::spawn_schedule(a, scanner) });
    }
    rt.spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Server {
        db: args.db.clone().unwrap_or_default(),
        base: format!("http://{addr}"),
        admin,
        viewer,
        app,
        _rt: rt,
        dir,
    }
}

impl Server {
    /// The store location the server uses.
    pub fn app_db(&self) -> Option<String> {
        Some(self.db.clone())
    }
}

/// An SQLite-backed server scanning the example environment (see [`example_config`]).
pub fn example_server(interval_seconds: u64, drill: bool) -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = example_config(dir.path(), interval_seconds, drill);
    let db = dir.path().join("serve.db").display().to_string();
    start(args(&db, Some(config)), dir)
}

/// Wait until the server has recorded its first scan.
pub fn wait_first_scan(s: &Server) {
    wait_for("the first scan", Duration::from_secs(240), || {
        !get_json(s, "/api/summary", &s.viewer)["latest"].is_null()
    });
}

/// An SQLite-backed server without a configuration.
pub fn sqlite_server() -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db").display().to_string();
    start(args(&db, None), dir)
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// GET with an optional bearer token: (status, body text).
pub fn get(s: &Server, path: &str, token: Option<&str>) -> (u16, String) {
    let mut req = agent().get(&format!("{}{path}", s.base));
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let mut res = req.call().expect("request");
    let status = res.status().as_u16();
    (status, res.body_mut().read_to_string().unwrap_or_default())
}

pub fn get_json(s: &Server, path: &str, token: &str) -> serde_json::Value {
    let (status, body) = get(s, path, Some(token));
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).expect("json")
}

/// A request with a method and JSON body: (status, body text).
pub fn send(s: &Server, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let uri = format!("{}{path}", s.base);
    let mut req = ureq::http::Request::builder().method(method).uri(&uri).header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let req = req.body(body.to_string()).expect("request");
    let mut res = agent().run(req).expect("request");
    let status = res.status().as_u16();
    (status, res.body_mut().read_to_string().unwrap_or_default())
}

/// Wait until `f` holds (polling), or fail after `timeout`.
pub fn wait_for(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

pub fn finding(i: usize, severity: Severity, step: Step, ai: bool) -> Finding {
    Finding {
        rule_id: format!("TR-AWS-S3-{:03}", i % 7),
        title: format!("Bucket {i} is not encrypted"),
        severity,
        step,
        ai,
        resource: ResourceRef {
            address: format!("aws_s3_bucket.b{i}"),
            kind: "aws_s3_bucket".into(),
        },
        location: Origin::Unknown,
        attribute: None,
        message: format!("message {i}"),
        evidence: Some(tightrope_core::redact::redact("AKIAIOSFODNN7EXAMPLE")),
        remediation: "r".into(),
        references: vec![],
        suppressed: None,
    }
}

/// A scan of `n` findings: severities cycle critical..info, every third is AI, every tenth detect.
pub fn record_scan(store: &Store, n: usize) -> i64 {
    let findings = (0..n)
        .map(|i| {
            let step = if i % 10 == 0 { Step::Detect } else { Step::Audit };
            finding(i, Severity::ALL[i % 5], step, i % 3 == 0)
        })
        .collect();
    let snap = Snapshot::new(vec!["t".into()], n, Default::default(), findings, vec![]);
    store.record_scan(&snap, Some("test")).expect("record").id
}

