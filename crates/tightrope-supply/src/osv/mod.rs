//! OSV advisories: the schema subset used for matching, the local cache (one JSON file per
//! ecosystem plus `meta.json`), its import from a directory, zip or tar.gz of OSV JSON/YAML, and
//! range evaluation (`introduced`/`fixed`/`last_affected`/`limit`, explicit `versions`).

pub mod version;

use flate2::read::GzDecoder;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use version::Version;

/// One advisory, reduced to what matching and reporting need.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Advisory {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default)]
    pub modified: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<String>,
    #[serde(default)]
    pub affected: Vec<Affected>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub severity: Vec<SeverityScore>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_specific: Option<serde_json::Value>,
}

/// A CVSS vector or similar score.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeverityScore {
    #[serde(rename = "type")]
    pub kind: String,
    pub score: String,
}

/// The affected versions of one package.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Affected {
    pub package: Package,
    #[serde(default)]
    pub ranges: Vec<Range>,
    #[serde(default)]
    pub versions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Package {
    #[serde(default)]
    pub ecosystem: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Range {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// One range event; exactly one field is set.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Event {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_affected: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
}

/// Package names compared the way each ecosystem does (PEP 503 normalisation for PyPI).
pub fn normalize_name(ecosystem: &str, name: &str) -> String {
    match ecosystem {
        "PyPI" => {
            let lower = name.trim().to_ascii_lowercase();
            let mut out = String::with_capacity(lower.len());
            for c in lower.chars() {
                let c = if matches!(c, '_' | '.') { '-' } else { c };
                if !(c == '-' && out.ends_with('-')) {
                    out.push(c);
                }
            }
            out
        }
        _ => name.trim().to_string(),
    }
}

/// Whether `v` is affected by `a`, and the lowest fixed version above `v` when it is.
pub fn affects(a: &Affected, ecosystem: &str, raw: &str, v: &Version) -> Option<Option<String>> {
    let listed = a.versions.iter().any(|x| x == raw || Version::parse(ecosystem, x).as_ref() == Some(v));
    let mut in_range = false;
    let mut fixed: Option<(Version, String)> = None;
    for r in a.ranges.iter().filter(|r| r.kind == "ECOSYSTEM" || r.kind == "SEMVER") {
        if range_affects(r, ecosystem, v) {
            in_range = true;
            for f in r.events.iter().filter_map(|e| e.fixed.as_deref()) {
                if let Some(fv) = Version::parse(ecosystem, f).filter(|fv| fv > v)
                    && fixed.as_ref().is_none_or(|(cur, _)| fv < *cur)
                {
                    fixed = Some((fv, f.to_string()));
                }
            }
        }
    }
    (listed || in_range).then(|| fixed.map(|(_, s)| s))
}

/// OSV's evaluation: events sorted by version; `introduced` opens, `fixed` and `limit` close at
/// their version, `last_affected` closes just after it.
fn range_affects(r: &Range, ecosystem: &str, v: &Version) -> bool {
    let zero = Version::zero(ecosystem);
    let parse = |s: &str| if s == "0" { zero.clone() } else { Version::parse(ecosystem, s) };
    let mut events: Vec<(Version, &Event)> = r
        .events
        .iter()
        .filter_map(|e| {
            let s = e.introduced.as_deref().or(e.fixed.as_deref()).or(e.last_affected.as_deref()).or(e.limit.as_deref())?;
            Some((parse(s)?, e))
        })
        .collect();
    events.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    if events.iter().any(|(lv, e)| e.limit.is_some() && v >= lv) {
        return false;
    }
    let mut affected = false;
    for (ev, e) in &events {
        if e.introduced.is_some() && v >= ev {
            affected = true;
        } else if e.fixed.is_some() && v >= ev {
            affected = false;
        } else if e.last_affected.is_some() && v > ev {
            affected = false;
        }
    }
    affected
}

/// What the cache knows about itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    /// Unix seconds of the import.
    pub imported_at: u64,
    /// Where it was imported from.
    pub source: String,
    /// The newest `modified` date among the advisories (`YYYY-MM-DD`): how recent the data is.
    pub newest_modified: String,
    /// Advisory count per ecosystem.
    pub ecosystems: BTreeMap<String, usize>,
}

/// The advisories of a cache, indexed by ecosystem and normalised package name.
#[derive(Debug, Default)]
pub struct Database {
    pub meta: Option<Meta>,
    index: BTreeMap<(String, String), Vec<std::sync::Arc<Advisory>>>,
}

/// Default cache directory: `$XDG_CACHE_HOME/tightrope/osv` or `~/.cache/tightrope/osv`.
pub fn default_cache_dir() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"))
        .join("tightrope")
        .join("osv")
}

/// Upper bound on one advisory file.
const MAX_ADVISORY_BYTES: u64 = 16 << 20;

fn parse_advisory(name: &str, bytes: &[u8]) -> Result<Advisory, String> {
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())?;
        yaml_serde::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}

fn is_advisory_name(name: &str) -> bool {
    [".json", ".yaml", ".yml"].iter().any(|x| name.ends_with(x)) && !name.ends_with("meta.json")
}

/// Read every advisory in a directory, a `.zip` or a `.tar.gz` of OSV JSON/YAML files.
/// Unreadable advisories are returned as `(file, reason)` beside the rest.
pub fn read_source(path: &Path) -> anyhow::Result<(Vec<Advisory>, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut take = |name: String, bytes: &[u8]| match parse_advisory(&name, bytes) {
        Ok(a) if !a.id.is_empty() => out.push(a),
        Ok(_) => bad.push((name, "no `id`".into())),
        Err(e) => bad.push((name, e)),
    };
    let name = path.to_string_lossy().to_string();
    if path.is_dir() {
        for e in walkdir::WalkDir::new(path).follow_links(false).into_iter().filter_map(Result::ok) {
            let n = e.path().to_string_lossy().to_string();
            if e.file_type().is_file() && is_advisory_name(&n) && e.metadata().is_ok_and(|m| m.len() <= MAX_ADVISORY_BYTES) {
                let bytes = std::fs::read(e.path())?;
                take(n, &bytes);
            }
        }
    } else if name.ends_with(".zip") {
        let data = std::fs::read(path)?;
        let mut zip = crate::model::archive::Zip::open(&data).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        for i in 0..zip.entries.len() {
            let n = zip.entries[i].name.clone();
            if is_advisory_name(&n) && !zip.is_bomb(i) {
                let bytes = zip.read(i, MAX_ADVISORY_BYTES).map_err(|e| anyhow::anyhow!("{name}!{n}: {e}"))?;
                take(n, &bytes);
            }
        }
    } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        let file = std::fs::File::open(path)?;
        let mut archive = tar::Archive::new(GzDecoder::new(file));
        for entry in archive.entries()? {
            let mut entry = entry?;
            let n = entry.path()?.to_string_lossy().to_string();
            if entry.header().entry_type().is_file() && is_advisory_name(&n) {
                let mut bytes = Vec::new();
                (&mut entry).take(MAX_ADVISORY_BYTES).read_to_end(&mut bytes)?;
                take(n, &bytes);
            }
        }
    } else {
        let bytes = std::fs::read(path)?;
        take(name.clone(), &bytes);
    }
    Ok((out, bad))
}

/// Write advisories into the cache at `dir`, replacing what was there. Returns the new meta.
pub fn write_cache(dir: &Path, advisories: &[Advisory], source: &str) -> anyhow::Result<Meta> {
    std::fs::create_dir_all(dir)?;
    let mut per: BTreeMap<String, Vec<&Advisory>> = BTreeMap::new();
    for a in advisories {
        let mut ecos: Vec<&str> = a.affected.iter().map(|x| x.package.ecosystem.as_str()).collect();
        ecos.sort();
        ecos.dedup();
        for e in ecos {
            per.entry(ecosystem_base(e).to_string()).or_default().push(a);
        }
    }
    for old in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        if old.path().extension().is_some_and(|x| x == "json") {
            std::fs::remove_file(old.path())?;
        }
    }
    for (eco, list) in &per {
        std::fs::write(dir.join(format!("{}.json", file_stem(eco))), serde_json::to_vec(list)?)?;
    }
    let newest = advisories.iter().map(|a| a.modified.get(..10).unwrap_or("")).max().unwrap_or("").to_string();
    let meta = Meta {
        imported_at: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        source: source.to_string(),
        newest_modified: newest,
        ecosystems: per.iter().map(|(k, v)| (k.clone(), v.len())).collect(),
    };
    std::fs::write(dir.join("meta.json"), serde_json::to_vec_pretty(&meta)?)?;
    Ok(meta)
}

fn ecosystem_base(e: &str) -> &str {
    e.split(':').next().unwrap_or(e)
}

fn file_stem(eco: &str) -> String {
    eco.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect()
}

impl Database {
    /// Load the cache at `dir`; `Ok(None)` when there is none.
    pub fn load(dir: &Path) -> anyhow::Result<Option<Database>> {
        let meta_path = dir.join("meta.json");
        if !meta_path.exists() {
            return Ok(None);
        }
        let meta: Meta = serde_json::from_slice(&std::fs::read(&meta_path)?)
            .map_err(|e| anyhow::anyhow!("{}: {e} (re-run `tightrope update osv`)", meta_path.display()))?;
        let mut db = Database::default();
        for eco in meta.ecosystems.keys() {
            let p = dir.join(format!("{}.json", file_stem(eco)));
            let list: Vec<Advisory> = serde_json::from_slice(&std::fs::read(&p)?).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            db.add(list);
        }
        db.meta = Some(meta);
        Ok(Some(db))
    }

    /// Build an in-memory database (tests, benchmarks).
    pub fn from_advisories(list: Vec<Advisory>) -> Database {
        let mut db = Database::default();
        db.add(list);
        db
    }

    fn add(&mut self, list: Vec<Advisory>) {
        for a in list.into_iter().filter(|a| a.withdrawn.is_none()) {
            let a = std::sync::Arc::new(a);
            let mut keys: Vec<(String, String)> = a
                .affected
                .iter()
                .map(|x| {
                    let eco = ecosystem_base(&x.package.ecosystem).to_string();
                    let name = normalize_name(&eco, &x.package.name);
                    (eco, name)
                })
                .collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                self.index.entry(k).or_default().push(a.clone());
            }
        }
    }

    /// True when the database has advisories for `ecosystem`.
    pub fn has_ecosystem(&self, ecosystem: &str) -> bool {
        match &self.meta {
            Some(m) => m.ecosystems.contains_key(ecosystem),
            None => self.index.keys().any(|(e, _)| e == ecosystem),
        }
    }

    /// Advisories affecting `name@version`, each with the lowest fixed version above it.
    pub fn matches(&self, ecosystem: &str, name: &str, version: &str) -> Vec<(std::sync::Arc<Advisory>, Option<String>)> {
        let Some(v) = Version::parse(ecosystem, version) else { return Vec::new() };
        let key = (ecosystem.to_string(), normalize_name(ecosystem, name));
        let Some(list) = self.index.get(&key) else { return Vec::new() };
        let mut out = Vec::new();
        for a in list {
            let hit = a
                .affected
                .iter()
                .filter(|x| ecosystem_base(&x.package.ecosystem) == ecosystem && normalize_name(ecosystem, &x.package.name) == key.1)
                .filter_map(|x| affects(x, ecosystem, version, &v))
                .next();
            if let Some(fixed) = hit {
                out.push((a.clone(), fixed));
            }
        }
        out.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        out
    }
}

/// Days since the Unix epoch of a `YYYY-MM-DD` date (proleptic Gregorian).
pub fn days_from_date(date: &str) -> Option<i64> {
    let mut it = date.get(..10)?.split('-');
    let (y, m, d): (i64, i64, i64) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adv(events: Vec<Event>, versions: &[&str]) -> Affected {
        Affected {
            package: Package { ecosystem: "PyPI".into(), name: "pkg".into() },
            ranges: vec![Range { kind: "ECOSYSTEM".into(), events }],
            versions: versions.iter().map(|s| s.to_string()).collect(),
        }
    }
    fn ev(kind: &str, v: &str) -> Event {
        let mut e = Event::default();
        let s = Some(v.to_string());
        match kind {
            "introduced" => e.introduced = s,
            "fixed" => e.fixed = s,
            "last_affected" => e.last_affected = s,
            _ => e.limit = s,
        }
        e
    }
    fn hit(a: &Affected, v: &str) -> Option<Option<String>> {
        affects(a, "PyPI", v, &Version::parse("PyPI", v).unwrap())
    }

    #[test]
    fn range_events() {
        let a = adv(vec![ev("introduced", "0"), ev("fixed", "1.5"), ev("introduced", "2.0"), ev("fixed", "2.1.3")], &[]);
        assert_eq!(hit(&a, "1.0"), Some(Some("1.5".into())));
        assert_eq!(hit(&a, "1.5"), None);
        assert_eq!(hit(&a, "2.1"), Some(Some("2.1.3".into())));
        assert_eq!(hit(&a, "2.1.3"), None);
        let b = adv(vec![ev("introduced", "1.0"), ev("last_affected", "1.4")], &[]);
        assert_eq!(hit(&b, "1.4"), Some(None));
        assert_eq!(hit(&b, "1.4.1"), None);
        assert_eq!(hit(&b, "0.9"), None);
        let c = adv(vec![ev("introduced", "0"), ev("limit", "3.0")], &[]);
        assert_eq!(hit(&c, "3.1"), None);
        let d = adv(vec![], &["0.5"]);
        assert_eq!(hit(&d, "0.5"), Some(None));
        assert_eq!(hit(&d, "0.6"), None);
    }

    #[test]
    fn names_and_dates() {
        assert_eq!(normalize_name("PyPI", "Django_Rest.Framework"), "django-rest-framework");
        assert_eq!(days_from_date("1970-01-02"), Some(1));
        assert_eq!(days_from_date("2024-10-10"), Some(20_006));
    }

    #[test]
    fn yaml_versions_stay_strings() {
        let a: Advisory = yaml_serde::from_str("id: X\nmodified: \"2020-01-01T00:00:00Z\"\naffected:\n- package: {name: p, ecosystem: PyPI}\n  versions:\n  - 1.10\n  - 2.0\n").unwrap();
        assert_eq!(a.affected[0].versions, ["1.10", "2.0"]);
    }
}
