//! Command-line arguments of `tightrope serve` and `tightrope serve token create`.

use clap::{Args, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

pub const LONG_ABOUT: &str = "The team server: a JSON API (OpenAPI document at /openapi.json) and a web \
dashboard over the tightrope store, with scheduled re-scans and drift, and Prometheus metrics.\n\n\
Every route but /healthz and the dashboard's static files needs `Authorization: Bearer TOKEN`. \
Create tokens first (the token is printed once; only its SHA-256 is stored):\n  \
tightrope serve token create --role admin --name alice\n  \
tightrope serve token create --role viewer --name grafana\n\n\
Then start the server:\n  \
tightrope serve --config tightrope.toml --listen 127.0.0.1:8080\n  \
tightrope serve --db postgres://tightrope@db.internal/tightrope --tls-cert cert.pem --tls-key key.pem\n\n\
With --config, every step of tightrope.toml runs at start and then every [serve] interval_seconds \
(default 3600), and drift is computed against [environment] baseline or else the previous scan.\n\
Docs: docs/serve.md.";

#[derive(Args, Debug, Clone)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ServeArgs {
    #[command(subcommand)]
    pub command: Option<ServeCommand>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// The store: an SQLite file, or a postgres://user@host/db URL. Default: the usual store
    /// location ($TIGHTROPE_DB, else ~/.local/share/tightrope/tightrope.db).
    #[arg(long, env = "TIGHTROPE_DB", value_name = "PATH|URL")]
    pub db: Option<String>,
    /// tightrope.toml to scan on a schedule (every step, then drift). Without it the server only
    /// shows what is in the store.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Seconds between scheduled scans; overrides [serve] interval_seconds (0 = only at start and
    /// when an admin asks).
    #[arg(long, value_name = "SECONDS")]
    pub interval: Option<u64>,
    /// TLS certificate chain (PEM). With --tls-key, the server speaks HTTPS only.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Largest request body accepted, in bytes (larger gets 413).
    #[arg(long, default_value_t = 64 * 1024, value_name = "BYTES")]
    pub max_body: usize,
    /// Database connections kept open (parallel queries).
    #[arg(long, default_value_t = 4, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub connections: u16,
}

#[derive(Subcommand, Debug, Clone)]
pub enum ServeCommand {
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub enum TokenCommand {
    /// Create a token, store its SHA-256 and print the token once on stdout.
    Create(TokenCreateArgs),
    /// List token names, roles and creation times (never the tokens).
    List(TokenListArgs),
}

#[derive(Args, Debug, Clone)]
pub struct TokenCreateArgs {
    /// viewer: read-only; admin: may also change alert status, run scans, delete baselines.
    #[arg(long, value_enum)]
    pub role: RoleArg,
    /// A unique name, shown in the audit log (default: ROLE-N).
    #[arg(long)]
    pub name: Option<String>,
    /// The store (as for `tightrope serve`).
    #[arg(long, env = "TIGHTROPE_DB", value_name = "PATH|URL")]
    pub db: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct TokenListArgs {
    /// The store (as for `tightrope serve`).
    #[arg(long, env = "TIGHTROPE_DB", value_name = "PATH|URL")]
    pub db: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleArg {
    Viewer,
    Admin,
}
