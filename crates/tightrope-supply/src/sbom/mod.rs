//! CycloneDX 1.6 SBOM with ML-BOM: dependencies from lock files and manifests (`library`
//! components with purls, hashes, the graph where the lock file records it, OSV vulnerabilities),
//! model files (`machine-learning-model` components with SHA-256, format, scan verdict and a
//! `modelCard` where the files say enough) and datasets (`data` components).

pub mod card;
pub mod cyclonedx;
mod data;

use crate::deps::{self, Dependency};
use crate::model::{self, ModelFile};
use crate::osv::{self, Database};
use crate::vulns;
use cyclonedx::*;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use tightrope_core::InputError;

/// Where vulnerabilities come from.
#[derive(Clone, Copy)]
pub enum Advisories<'a> {
    /// Match against this OSV cache; `max_age_days` bounds how old its newest advisory may be.
    Database { db: &'a Database, max_age_days: Option<i64> },
    /// No cache exists: said in the metadata, and an input error.
    Missing,
    /// The user asked for no vulnerability check (`--no-vulns`): said in the metadata.
    Skipped,
}

/// What to put in the BOM.
pub struct Request<'a> {
    /// Directories and files searched for manifests, lock files and model files.
    pub paths: Vec<PathBuf>,
    /// Files or directories declared as datasets.
    pub data: Vec<PathBuf>,
    pub advisories: Advisories<'a>,
}

/// The BOM, and everything that could not be read or checked (each also noted in the BOM).
pub struct Output {
    pub bom: Bom,
    pub errors: Vec<InputError>,
}

const TOOL: &str = "tightrope";

/// Build the BOM.
pub fn build(req: &Request) -> Output {
    let mut errors = Vec::new();
    let mut meta_props: Vec<Property> = req.paths.iter().map(|p| Property::new("tightrope:scanned-path", p.display().to_string())).collect();

    let (found, dep_errors, manifests) = deps::discover(&req.paths);
    errors.extend(dep_errors);
    meta_props.push(Property::new("tightrope:manifests", manifests.to_string()));
    let (mut components, refs) = dependency_components(&found);
    let dependencies = dependency_graph(&found, &refs);
    let vulnerabilities = vulnerabilities(&found, req.advisories, &mut meta_props, &mut errors);

    let scan = model::scan_paths(&req.paths);
    errors.extend(scan.errors.iter().cloned());
    let declared_data: BTreeSet<PathBuf> = req.data.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let models: Vec<&ModelFile> = scan.files.iter().filter(|f| !f.path.canonicalize().is_ok_and(|c| declared_data.iter().any(|d| c.starts_with(d)))).collect();
    let built: Vec<(Component, Vec<String>, Option<InputError>)> = models.par_iter().map(|f| model_component(f)).collect();
    let mut dataset_ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (c, datasets, err) in built {
        errors.extend(err);
        for d in datasets {
            dataset_ids.entry(d).or_default().push(c.bom_ref.clone().unwrap_or_default());
        }
        components.push(c);
    }
    for (id, users) in dataset_ids {
        components.push(data::declared_dataset(&id, &users));
    }
    for p in &req.data {
        match data::dataset_component(p) {
            Ok(c) => components.push(c),
            Err(e) => errors.push(e),
        }
    }
    meta_props.push(Property::new("tightrope:model-files", scan.files.len().to_string()));
    if !errors.is_empty() {
        meta_props.push(Property::new("tightrope:incomplete", format!("{} input(s) could not be read or checked; see the tool's error output", errors.len())));
    }

    let root_name = req
        .paths
        .first()
        .and_then(|p| p.canonicalize().ok())
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "project".into());
    let mut tool = Component::new(ComponentType::Application, None, TOOL);
    tool.version = Some(env!("CARGO_PKG_VERSION").to_string());
    tool.description = Some("Security preflight for AI workloads: dependencies, model files and datasets".into());
    let bom = Bom {
        schema: SCHEMA_URI,
        bom_format: "CycloneDX",
        spec_version: SPEC_VERSION,
        serial_number: serial_number(),
        version: 1,
        metadata: Metadata {
            timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            tools: Tools { components: vec![tool] },
            component: Some(Component::new(ComponentType::Application, Some("root".into()), root_name)),
            properties: meta_props,
        },
        components,
        dependencies,
        vulnerabilities,
    };
    Output { bom, errors }
}

/// `urn:uuid:` and a random version-4 UUID.
fn serial_number() -> String {
    let mut b = [0u8; 16];
    if getrandom::fill(&mut b).is_err() {
        // No OS randomness: derive the bytes from the clock and process id instead.
        let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
        b.copy_from_slice(&<sha2::Sha256 as sha2::Digest>::digest(seed.as_bytes())[..16]);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("urn:uuid:{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// Lock-file hash notations to CycloneDX hashes: `sha256:HEX`, SRI `sha512-BASE64` (npm, yarn,
/// pnpm; several separated by spaces), go.sum `h1:BASE64` (SHA-256 of the module tree).
pub fn lock_hashes(s: &str) -> Vec<Hash> {
    use base64::Engine;
    s.split_whitespace()
        .filter_map(|token| {
            let (alg, value) = token.split_once(':').or_else(|| token.split_once('-'))?;
            let (alg, len) = match alg.to_ascii_lowercase().as_str() {
                "md5" => (HashAlg::Md5, 16),
                "sha1" => (HashAlg::Sha1, 20),
                "sha256" | "h1" => (HashAlg::Sha256, 32),
                "sha384" => (HashAlg::Sha384, 48),
                "sha512" => (HashAlg::Sha512, 64),
                _ => return None,
            };
            let bytes = if value.len() == len * 2 && value.bytes().all(|c| c.is_ascii_hexdigit()) {
                return Some(Hash { alg, content: value.to_ascii_lowercase() });
            } else {
                base64::engine::general_purpose::STANDARD.decode(value).ok()?
            };
            (bytes.len() == len).then(|| Hash { alg, content: bytes.iter().map(|b| format!("{b:02x}")).collect() })
        })
        .collect()
}

/// The identity a dependency gets in the BOM: its purl (unique per package and version).
fn dep_key(d: &Dependency) -> String {
    d.purl()
}

/// Per (manifest, normalised package name): the (version, purl) of each package it declares.
type PurlsByName = BTreeMap<(String, String), Vec<(Option<String>, String)>>;

/// One `library` component per purl, merged over every manifest that names it. Returns the
/// components and, per (file, normalised name), the purls declared there (to resolve graph edges).
fn dependency_components(found: &[Dependency]) -> (Vec<Component>, PurlsByName) {
    let mut by_purl: BTreeMap<String, Component> = BTreeMap::new();
    let mut refs = PurlsByName::new();
    for d in found {
        let purl = dep_key(d);
        refs.entry((d.file.clone(), osv::normalize_name(&d.ecosystem, &d.name))).or_default().push((d.version.clone(), purl.clone()));
        let c = by_purl.entry(purl.clone()).or_insert_with(|| {
            let (group, name) = match (d.ecosystem.as_str(), d.name.rsplit_once('/')) {
                ("npm", Some((scope, n))) if d.name.starts_with('@') => (Some(scope.to_string()), n.to_string()),
                _ => (None, d.name.clone()),
            };
            let mut c = Component::new(ComponentType::Library, Some(purl.clone()), name);
            c.group = group;
            c.version = d.version.clone();
            c.purl = Some(purl.clone());
            c.properties.push(Property::new("tightrope:ecosystem", d.ecosystem.clone()));
            c
        });
        for h in d.hashes.iter().flat_map(|h| lock_hashes(h)) {
            if !c.hashes.contains(&h) {
                c.hashes.push(h);
            }
        }
        let mut add = |name: &str, value: String| {
            let p = Property::new(name, value);
            if !c.properties.contains(&p) {
                c.properties.push(p);
            }
        };
        add("tightrope:source", format!("{}:{}", d.file, d.line));
        if let Some(con) = d.constraint.as_deref().filter(|c| !c.is_empty()) {
            add("tightrope:constraint", con.to_string());
        }
        if d.version.is_none() {
            add("tightrope:unpinned", "true".into());
        }
    }
    let mut components: Vec<Component> = by_purl.into_values().collect();
    for c in &mut components {
        c.hashes.sort();
    }
    (components, refs)
}

/// `dependencies`: one node per component whose lock file records edges.
fn dependency_graph(found: &[Dependency], refs: &PurlsByName) -> Vec<cyclonedx::Dependency> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in found {
        let Some(requires) = &d.requires else { continue };
        let node = graph.entry(dep_key(d)).or_default();
        for r in requires {
            let Some(candidates) = refs.get(&(d.file.clone(), osv::normalize_name(&d.ecosystem, &r.name))) else { continue };
            let target = match &r.version {
                Some(v) => candidates.iter().find(|(cv, _)| cv.as_deref() == Some(v.as_str())),
                // Without a version the edge is kept only when the lock file holds one candidate.
                None if candidates.iter().map(|(_, p)| p).collect::<BTreeSet<_>>().len() == 1 => candidates.first(),
                None => None,
            };
            if let Some((_, purl)) = target {
                node.insert(purl.clone());
            }
        }
    }
    graph.into_iter().map(|(reference, on)| cyclonedx::Dependency { reference, depends_on: on.into_iter().collect() }).collect()
}

/// The source of an advisory id, by its prefix.
fn id_source(id: &str) -> Source {
    let (name, url) = match id.split('-').next().unwrap_or("") {
        "CVE" => ("NVD", format!("https://nvd.nist.gov/vuln/detail/{id}")),
        "GHSA" => ("GitHub Advisories", format!("https://github.com/advisories/{id}")),
        _ => ("OSV", format!("https://osv.dev/vulnerability/{id}")),
    };
    Source { name: name.into(), url: Some(url) }
}

fn rating_method(vector: &str) -> &'static str {
    match vector.split('/').next().unwrap_or("") {
        "CVSS:3.0" => "CVSSv3",
        "CVSS:3.1" => "CVSSv31",
        "CVSS:4.0" => "CVSSv4",
        _ if vector.starts_with("AV:") => "CVSSv2",
        _ => "other",
    }
}

/// `vulnerabilities` from the OSV cache; what could not be checked goes into the metadata and
/// `errors`, never silently.
fn vulnerabilities(
    found: &[Dependency],
    advisories: Advisories,
    meta: &mut Vec<Property>,
    errors: &mut Vec<InputError>,
) -> Vec<Vulnerability> {
    const STATUS: &str = "tightrope:vulnerabilities";
    let (db, max_age_days) = match advisories {
        Advisories::Skipped => {
            meta.push(Property::new(STATUS, "NOT CHECKED: vulnerability matching was turned off (--no-vulns); the absence of vulnerabilities means nothing"));
            return Vec::new();
        }
        Advisories::Missing => {
            let r = vulns::check(found, None, None, vulns::today());
            meta.push(Property::new(STATUS, "NOT CHECKED: no OSV advisory database (run `tightrope update osv`); the absence of vulnerabilities means nothing"));
            errors.extend(r.errors);
            return Vec::new();
        }
        Advisories::Database { db, max_age_days } => (db, max_age_days),
    };
    let report = vulns::check(found, Some(db), max_age_days, vulns::today());
    let pinned = found.iter().filter(|d| d.version.is_some()).count();
    let source = db.meta.as_ref().map_or_else(|| "in-memory advisories".to_string(), |m| format!("{} (newest advisory {})", m.source, m.newest_modified));
    meta.push(Property::new(STATUS, format!("checked {} of {} pinned dependencies against the OSV cache {source}", report.checked, pinned)));
    for e in &report.errors {
        meta.push(Property::new("tightrope:vulnerabilities:not-checked", e.to_string()));
    }
    let unpinned: BTreeSet<&str> = found.iter().filter(|d| d.version.is_none()).map(|d| d.name.as_str()).collect();
    if !unpinned.is_empty() {
        let names: Vec<&str> = unpinned.into_iter().collect();
        meta.push(Property::new(
            "tightrope:vulnerabilities:not-checked",
            format!("{} dependenc{} without an exact version (no single version to match): {}", names.len(), if names.len() == 1 { "y" } else { "ies" }, names.join(", ")),
        ));
    }
    errors.extend(report.errors.iter().cloned());

    let mut out: BTreeMap<String, Vulnerability> = BTreeMap::new();
    for m in &report.matches {
        let d = &m.dependency;
        let purl = dep_key(d);
        let version = d.version.clone().unwrap_or_default();
        for (adv, fixed) in &m.records {
            let v = out.entry(adv.id.clone()).or_insert_with(|| Vulnerability {
                bom_ref: format!("vuln:{}", adv.id),
                id: adv.id.clone(),
                source: id_source(&adv.id),
                references: adv.aliases.iter().map(|a| VulnReference { id: a.clone(), source: id_source(a) }).collect(),
                ratings: adv
                    .severity
                    .iter()
                    .map(|s| Rating { source: id_source(&adv.id), method: rating_method(&s.score), vector: s.score.clone() })
                    .collect(),
                description: adv.summary.clone(),
                detail: adv.details.as_deref().map(|d| truncate(d, MAX_DETAIL)),
                recommendation: None,
                published: adv.published.as_deref().and_then(rfc3339),
                updated: rfc3339(&adv.modified),
                affects: Vec::new(),
                properties: Vec::new(),
            });
            if !v.affects.iter().any(|a| a.reference == purl) {
                v.affects.push(Affects { reference: purl.clone(), versions: vec![AffectedVersion { version: version.clone(), status: "affected" }] });
                let advice = match fixed {
                    Some(f) => format!("upgrade {} {version} to {f} or later", d.name),
                    None => format!("no fixed version of {} is published; replace or mitigate {version}", d.name),
                };
                v.recommendation = Some(match v.recommendation.take() {
                    Some(r) if !r.contains(&advice) => format!("{r}; {advice}"),
                    Some(r) => r,
                    None => advice,
                });
                if let Some(f) = fixed {
                    v.properties.push(Property::new("tightrope:fixed-version", format!("{purl} -> {f}")));
                }
            }
        }
    }
    out.into_values().collect()
}

/// Advisory details are cut to this many characters.
const MAX_DETAIL: usize = 2000;

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}

/// An OSV timestamp as RFC 3339 UTC seconds (the schema's `date-time`); `None` when unparsable.
fn rfc3339(s: &str) -> Option<String> {
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.to_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// The component of one model file, the dataset ids its card declares, and a hashing error.
fn model_component(f: &ModelFile) -> (Component, Vec<String>, Option<InputError>) {
    let path = f.path.display().to_string();
    let name = f.path.file_name().map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    let bom_ref = format!("model:{path}");
    let mut c = Component::new(ComponentType::MachineLearningModel, Some(bom_ref.clone()), name);
    let mut error = None;
    match crate::pin::sha256_file(&f.path) {
        Ok(h) => c.hashes.push(Hash { alg: HashAlg::Sha256, content: h }),
        Err(e) => error = Some(InputError { path: path.clone(), line: None, message: format!("cannot hash: {e}") }),
    }
    c.properties.extend([
        Property::new("tightrope:model:path", path.clone()),
        Property::new("tightrope:model:format", f.format.as_str()),
        Property::new("tightrope:model:size", f.size.to_string()),
        Property::new("tightrope:model:verdict", f.verdict()),
        Property::new("tightrope:model:findings", f.findings.len().to_string()),
    ]);
    for x in f.findings.iter().take(32) {
        c.properties.push(Property::new("tightrope:model:finding", format!("{} {}: {}", x.rule_id, x.severity.as_str(), x.message)));
    }
    let mapped = std::fs::File::open(&f.path).ok().and_then(|file| {
        // SAFETY: read-only map of a file that was just scanned the same way (see model::scan_file).
        unsafe { memmap2::Mmap::map(&file) }.ok()
    });
    let facts = card::facts(&f.path, f.format, mapped.as_deref());
    let mut datasets = Vec::new();
    if !facts.is_empty() {
        c.description = facts.name.clone();
        c.licenses.extend(facts.license.clone().map(|name| License { license: LicenseName { name } }));
        let mut props = facts.properties.clone();
        props.push(Property::new("tightrope:model:card-sources", facts.sources.join(",")));
        let params = ModelParameters {
            task: facts.task.clone(),
            architecture_family: facts.architecture_family.clone(),
            model_architecture: facts.model_architecture.clone(),
            datasets: facts.datasets.iter().map(|d| Ref { reference: data::declared_ref(d) }).collect(),
        };
        let has_params = params.task.is_some() || params.architecture_family.is_some() || params.model_architecture.is_some() || !params.datasets.is_empty();
        c.model_card = Some(ModelCard { model_parameters: has_params.then_some(params), properties: props });
        datasets = facts.datasets;
    }
    (c, datasets, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_notations() {
        use base64::Engine;
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        let sri = lock_hashes(&format!("sha512-{} sha1-{}", b64(&[7u8; 64]), b64(&[0u8; 20])));
        assert_eq!(sri, [Hash { alg: HashAlg::Sha512, content: "07".repeat(64) }, Hash { alg: HashAlg::Sha1, content: "0".repeat(40) }]);
        let hex = "a".repeat(64);
        assert_eq!(lock_hashes(&format!("sha256:{hex}")), [Hash { alg: HashAlg::Sha256, content: hex.clone() }]);
        assert_eq!(lock_hashes(&format!("h1:{}", b64(&[0xaa; 32])))[0].content, hex);
        assert!(lock_hashes("sha256:tooshort").is_empty());
        assert!(lock_hashes(&format!("sha512-{}", b64(&[1u8; 20]))).is_empty(), "wrong length for the algorithm");
        assert!(lock_hashes("10c0/abcdef").is_empty());
    }

    #[test]
    fn serial_numbers_are_v4_uuids() {
        let (a, b) = (serial_number(), serial_number());
        assert_ne!(a, b);
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        assert_eq!(&a[9 + 14..9 + 15], "4");
    }
}
