//! Sigma rules for `logsource: product: aws, service: cloudtrail`, as SigmaHQ publishes them,
//! evaluated on each event's raw JSON (dotted field paths such as `requestParameters.x`).
//!
//! Matching is done by `sigma-rust` (Sigma 2.0 detections: modifiers `contains`, `startswith`,
//! `endswith`, `all`, `re`, `cidr`, `exists`, `base64`, ..., conditions with `and`/`or`/`not`,
//! `1 of x*`, `all of them`). Every file is either loaded or reported as unsupported with the
//! reason (wrong log source, unparsable YAML, a construct the engine does not know such as
//! correlation/aggregation). To keep the hot path fast, a rule whose every selection pins
//! `eventName` to literal values (and whose condition has no `not`) is only evaluated on events with
//! one of those names; the raw JSON is parsed for Sigma only when some rule is a candidate.

use crate::signal::{Signal, SignalKind};
use crate::technique::{Technique, from_sigma_tags};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tightrope_cloudtrail::Event;

/// Largest rule file read (bytes).
const MAX_RULE_BYTES: u64 = 1024 * 1024;

/// One loaded rule.
pub struct SigmaRule {
    pub id: String,
    pub title: String,
    /// `informational`, `low`, `medium`, `high`, `critical`.
    pub level: String,
    pub tags: Vec<String>,
    pub path: PathBuf,
    rule: sigma_rust::Rule,
}

/// A rule file that was not loaded, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Unsupported {
    pub path: String,
    pub reason: String,
}

/// A set of rules indexed by the `eventName`s they need.
#[derive(Default)]
pub struct SigmaSet {
    pub rules: Vec<SigmaRule>,
    by_name: HashMap<String, Vec<usize>>,
    always: Vec<usize>,
}

impl SigmaRule {
    /// Evidence strength from the rule's level.
    pub fn strength(&self) -> f64 {
        match self.level.as_str() {
            "critical" => 0.97,
            "high" => 0.92,
            "medium" => 0.8,
            "low" => 0.6,
            _ => 0.4,
        }
    }

    pub fn techniques(&self) -> Vec<Technique> {
        from_sigma_tags(&self.tags)
    }

    /// The rule's match as a signal for the detector.
    pub fn signal(&self) -> Signal {
        Signal {
            kind: SignalKind::Sigma,
            value: format!("{} ({})", self.title, self.id),
            strength: self.strength(),
            reason: format!(
                "Sigma rule \"{}\" matched (level {}, {})",
                self.title, self.level, self.id
            ),
        }
    }
}

impl SigmaSet {
    /// Load every `.yml`/`.yaml` file under `path`.
    pub fn load(path: &Path) -> (SigmaSet, Vec<Unsupported>) {
        let mut set = SigmaSet::default();
        let mut unsupported = Vec::new();
        let files: Vec<PathBuf> = if path.is_dir() {
            walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
                .collect()
        } else {
            vec![path.to_path_buf()]
        };
        for f in files {
            match load_rule(&f) {
                Ok((rule, names)) => set.add(rule, names),
                Err(reason) => unsupported.push(Unsupported {
                    path: f.display().to_string(),
                    reason,
                }),
            }
        }
        (set, unsupported)
    }

    fn add(&mut self, rule: SigmaRule, names: Option<Vec<String>>) {
        let i = self.rules.len();
        self.rules.push(rule);
        match names {
            Some(names) => {
                for n in names {
                    self.by_name.entry(n).or_default().push(i);
                }
            }
            None => self.always.push(i),
        }
    }

    /// Rules that must be evaluated on every event (no `eventName` prefilter could be proven).
    pub fn unindexed(&self) -> impl Iterator<Item = &SigmaRule> {
        self.always.iter().filter_map(|&i| self.rules.get(i))
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules matching one event (`raw` is its JSON).
    pub fn matches(&self, e: &Event<'_>, raw: &[u8]) -> Vec<&SigmaRule> {
        let by_name = self.by_name.get(e.name.as_ref());
        if by_name.is_none() && self.always.is_empty() {
            return Vec::new();
        }
        let Ok(text) = std::str::from_utf8(raw) else {
            return Vec::new();
        };
        let Ok(event) = sigma_rust::event_from_json(text) else {
            return Vec::new();
        };
        by_name
            .into_iter()
            .flatten()
            .chain(&self.always)
            .filter_map(|&i| self.rules.get(i))
            .filter(|r| sigma_rust::check_rule(&r.rule, &event))
            .collect()
    }
}

fn load_rule(path: &Path) -> Result<(SigmaRule, Option<Vec<String>>), String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_RULE_BYTES {
        return Err(format!("larger than {MAX_RULE_BYTES} bytes"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let doc: serde_json::Value =
        serde_norway::from_str(&text).map_err(|e| format!("not valid YAML: {e}"))?;
    let logsource = &doc["logsource"];
    let (product, service) = (logsource["product"].as_str(), logsource["service"].as_str());
    if product != Some("aws") || service != Some("cloudtrail") {
        return Err(format!(
            "log source is product={} service={}, not aws/cloudtrail",
            product.unwrap_or("(none)"),
            service.unwrap_or("(none)")
        ));
    }
    if doc.get("correlation").is_some() {
        return Err("correlation rules are not supported".to_string());
    }
    let condition = &doc["detection"]["condition"];
    if condition.as_str().is_some_and(|c| c.contains('|')) {
        return Err("aggregation conditions (`| count() ...`) are not supported".to_string());
    }
    let rule = sigma_rust::rule_from_yaml(&text)
        .map_err(|e| format!("the Sigma engine rejected it: {e}"))?;
    let names = required_event_names(&doc["detection"]);
    let tags = doc["tags"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok((
        SigmaRule {
            id: doc["id"].as_str().unwrap_or("").to_string(),
            title: rule.title.clone(),
            level: doc["level"].as_str().unwrap_or("medium").to_string(),
            tags,
            path: path.to_path_buf(),
            rule,
        },
        names,
    ))
}

/// The `eventName`s one of which every match needs, when that can be proven from the rule: the
/// condition has no `not` and every selection pins `eventName` (no modifier) to literal strings.
fn required_event_names(detection: &serde_json::Value) -> Option<Vec<String>> {
    let condition = detection["condition"].as_str()?;
    if condition
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "not")
    {
        return None;
    }
    let mut names = Vec::new();
    for (key, sel) in detection.as_object()? {
        if key == "condition" || key == "timeframe" {
            continue;
        }
        let maps: Vec<&serde_json::Map<String, serde_json::Value>> = match sel {
            serde_json::Value::Object(m) => vec![m],
            serde_json::Value::Array(items) => {
                items.iter().map(|i| i.as_object()).collect::<Option<_>>()?
            }
            _ => return None,
        };
        for m in maps {
            match m.get("eventName")? {
                serde_json::Value::String(s) if !s.contains(['*', '?']) => names.push(s.clone()),
                serde_json::Value::Array(a) => {
                    for v in a {
                        let s = v.as_str().filter(|s| !s.contains(['*', '?']))?;
                        names.push(s.to_string());
                    }
                }
                _ => return None,
            }
        }
    }
    Some(names)
}
