//! `tightrope serve`: the team server.
//!
//! * a JSON API over the store ([`routes`]): scans, findings (filtered, sorted and paged in the
//!   database), baselines and drift, the alert queue with triage, readiness per step, attack paths,
//!   the AI inventory; the OpenAPI document at `/openapi.json`;
//! * bearer tokens with roles ([`auth`]): stored as SHA-256 only, `viewer` reads, `admin` changes;
//!   every change lands in the audit log;
//! * scheduled jobs ([`scan`]): every step of `tightrope.toml`, then drift, on an interval;
//! * the dashboard ([`dashboard`]): plain HTML/CSS/JS embedded in the binary;
//! * `/metrics` in the Prometheus text format ([`metrics`]);
//! * TLS with `--tls-cert/--tls-key` (rustls with ring); request bodies limited (`--max-body`).
//!
//! Storage is SQLite by default or PostgreSQL (`--db postgres://...`), both through
//! [`tightrope_store::Store`].

pub mod auth;
pub mod cli;
pub mod dashboard;
pub mod error;
pub mod metrics;
pub mod pool;
pub mod routes;
pub mod scan;
pub mod state;

use anyhow::Context;
use cli::{RoleArg, ServeArgs, ServeCommand, TokenCommand};
use std::sync::Arc;

/// RFC 3339 UTC now, as the store writes times.
pub fn now() -> String {
    tightrope_store::snapshot::now_rfc3339()
}

/// `tightrope serve [token ...]`.
pub fn run(args: &ServeArgs) -> anyhow::Result<u8> {
    match &args.command {
        Some(ServeCommand::Token {
            command: TokenCommand::Create(a),
        }) => create_token(a),
        Some(ServeCommand::Token {
            command: TokenCommand::List(a),
        }) => list_tokens(a),
        None => serve(args),
    }
}

fn create_token(a: &cli::TokenCreateArgs) -> anyhow::Result<u8> {
    let role = match a.role {
        RoleArg::Viewer => auth::Role::Viewer,
        RoleArg::Admin => auth::Role::Admin,
    };
    let store = tightrope_store::Store::open_location(a.db.as_deref())?;
    let name = match &a.name {
        Some(n) => n.clone(),
        None => format!("{}-{}", role.as_str(), store.tokens()?.len() + 1),
    };
    anyhow::ensure!(
        !name.trim().is_empty() && name.len() <= 64,
        "--name must be 1 to 64 characters"
    );
    anyhow::ensure!(
        store.tokens()?.iter().all(|t| t.name != name),
        "a token named `{name}` already exists in {}; choose another --name",
        store.path().display()
    );
    let token = auth::generate()?;
    store.insert_token(&auth::record(&token, &name, role))?;
    eprintln!(
        "created {} token `{name}` in {}; it is shown once, store it now:",
        role.as_str(),
        store.path().display()
    );
    println!("{token}");
    Ok(0)
}

fn list_tokens(a: &cli::TokenListArgs) -> anyhow::Result<u8> {
    let store = tightrope_store::Store::open_location(a.db.as_deref())?;
    for t in store.tokens()? {
        println!("{}\t{}\t{}", t.name, t.role, t.created_at);
    }
    Ok(0)
}

/// Everything the server needs, built before the async runtime starts (the PostgreSQL client
/// must not be created inside it).
pub fn build(args: &ServeArgs) -> anyhow::Result<state::App> {
    let pool = pool::Pool::open(args.db.as_deref(), args.connections)?;
    let tokens = auth::Tokens::load(&pool)?;
    let scanner = args
        .config
        .as_deref()
        .map(|c| scan::Scanner::new(c, args.interval).map(Arc::new))
        .transpose()?;
    let interval = scanner.as_ref().and_then(|s| s.interval);
    Ok(state::App {
        pool,
        tokens,
        metrics: Arc::new(metrics::Metrics::new(interval)),
        scanner,
    })
}

fn serve(args: &ServeArgs) -> anyhow::Result<u8> {
    let app = build(args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(listen(app, args.clone()))?;
    Ok(0)
}

/// Serve until Ctrl-C / SIGTERM.
pub async fn listen(app: state::App, args: ServeArgs) -> anyhow::Result<()> {
    if app.tokens_empty() {
        tracing::warn!(
            "no API tokens in {}: create one with `tightrope serve token create --role admin`",
            app.pool.location
        );
    }
    if let Some(scanner) = app.scanner.clone() {
        scan::spawn_schedule(app.clone(), scanner);
    }
    let router = routes::router(app, args.max_body);
    match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .with_context(|| {
                    format!(
                        "{} / {}: expected a PEM certificate chain and its PEM private key",
                        cert.display(),
                        key.display()
                    )
                })?;
            let handle = axum_server::Handle::new();
            let h = handle.clone();
            tokio::spawn(async move {
                shutdown_signal().await;
                h.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
            });
            eprintln!("tightrope serve: https://{}", args.listen);
            axum_server::bind_rustls(args.listen, tls)
                .handle(handle)
                .serve(router.into_make_service())
                .await
                .with_context(|| format!("cannot serve on {}", args.listen))?;
        }
        _ => {
            let listener = tokio::net::TcpListener::bind(args.listen)
                .await
                .with_context(|| format!("cannot listen on {}", args.listen))?;
            eprintln!("tightrope serve: http://{}", listener.local_addr()?);
            axum::serve(listener, router)
                .with_graceful_shutdown(shutdown_signal())
                .await
                .context("server failed")?;
        }
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

impl state::App {
    fn tokens_empty(&self) -> bool {
        self.pool
            .with_blocking(|s| s.tokens())
            .map(|t| t.is_empty())
            .unwrap_or(false)
    }
}
