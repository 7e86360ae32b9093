//! API tokens: creation (32 random bytes, shown once), storage as SHA-256 only, and the bearer
//! check of every protected request (constant-time comparison against every known hash).
//!
//! Roles: `viewer` reads; `admin` also changes things. 401 when the token is missing or unknown,
//! 403 when a viewer asks for a change.

use crate::error::ApiError;
use crate::pool::Pool;
use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;
use tightrope_store::TokenRecord;

/// Prefix of every token, so leaked tokens are easy to recognise in secret scanners.
pub const TOKEN_PREFIX: &str = "trs_";
/// How often an unknown token may trigger a reload of the token table (tokens created while the
/// server runs become valid within this time, and unknown tokens cannot hammer the database).
const RELOAD_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Admin => "admin",
        }
    }

    fn parse(s: &str) -> Option<Role> {
        match s {
            "viewer" => Some(Role::Viewer),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Who is calling: set on the request by [`require_token`].
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub role: Role,
}

impl Caller {
    /// 403 unless the caller is an admin.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        match self.role {
            Role::Admin => Ok(()),
            Role::Viewer => Err(ApiError::Forbidden),
        }
    }
}

/// A new random token (hex of 32 bytes from the OS generator).
pub fn generate() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("no randomness from the operating system: {e}"))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("{TOKEN_PREFIX}{hex}"))
}

/// SHA-256 of a token, raw bytes.
fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Lowercase hex SHA-256 of a token, as stored.
pub fn hash_hex(token: &str) -> String {
    digest(token).iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if s.len() != 64 {
        return None;
    }
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

struct Known {
    name: String,
    role: Role,
    hash: [u8; 32],
}

struct Cache {
    known: Vec<Known>,
    loaded: Instant,
}

/// The token hashes, loaded from the store and reloaded (at most once a second) when an unknown
/// token is presented.
#[derive(Clone)]
pub struct Tokens {
    cache: Arc<RwLock<Cache>>,
}

fn known(records: Vec<TokenRecord>) -> Vec<Known> {
    records
        .into_iter()
        .filter_map(|r| {
            Some(Known {
                hash: unhex(&r.sha256)?,
                role: Role::parse(&r.role)?,
                name: r.name,
            })
        })
        .collect()
}

impl Tokens {
    /// Load the token table.
    pub fn load(pool: &Pool) -> anyhow::Result<Tokens> {
        let records = pool.with_blocking(|s| s.tokens())?;
        Ok(Tokens {
            cache: Arc::new(RwLock::new(Cache {
                known: known(records),
                loaded: Instant::now(),
            })),
        })
    }

    /// The caller this token belongs to. Every stored hash is compared, in constant time each.
    fn lookup(&self, hash: &[u8; 32]) -> Option<Caller> {
        let cache = self.cache.read().ok()?;
        let mut found = None;
        for k in &cache.known {
            if bool::from(k.hash.ct_eq(hash)) {
                found = Some(Caller {
                    name: k.name.clone(),
                    role: k.role,
                });
            }
        }
        found
    }

    fn stale(&self) -> bool {
        self.cache
            .read()
            .map(|c| c.loaded.elapsed() >= RELOAD_EVERY)
            .unwrap_or(true)
    }

    async fn reload(&self, pool: &Pool) -> Result<(), ApiError> {
        let records = pool.with(|s| s.tokens()).await?;
        if let Ok(mut c) = self.cache.write() {
            c.known = known(records);
            c.loaded = Instant::now();
        }
        Ok(())
    }

    /// Resolve a presented token, reloading the table once when it is unknown and the cache is old.
    pub async fn resolve(&self, token: &str, pool: &Pool) -> Result<Caller, ApiError> {
        let hash = digest(token);
        if let Some(c) = self.lookup(&hash) {
            return Ok(c);
        }
        if self.stale() {
            self.reload(pool).await?;
            if let Some(c) = self.lookup(&hash) {
                return Ok(c);
            }
        }
        Err(ApiError::Unauthorized("unknown token"))
    }
}

/// The bearer token of a request, if well-formed.
fn bearer(req: &Request) -> Option<&str> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// Middleware: 401 without a valid token; otherwise the [`Caller`] is added to the request.
pub async fn require_token(
    State(app): State<crate::state::App>,
    mut req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let token = bearer(&req).ok_or(ApiError::Unauthorized(
        "missing `Authorization: Bearer <token>` header",
    ))?;
    let caller = app.tokens.resolve(token, &app.pool).await?;
    req.extensions_mut().insert(caller);
    Ok(next.run(req).await)
}

/// A token record for a new token.
pub fn record(token: &str, name: &str, role: Role) -> TokenRecord {
    TokenRecord {
        name: name.to_string(),
        role: role.as_str().to_string(),
        sha256: hash_hex(token),
        created_at: crate::now(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hash_round_trips() {
        let a = generate().unwrap();
        let b = generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 64);
        assert_eq!(unhex(&hash_hex(&a)), Some(digest(&a)));
        assert_eq!(unhex("zz"), None);
    }
}
