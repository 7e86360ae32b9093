//! OSV matching on real data: the PyPA advisory database against TerraGoat's pinned manifests,
//! spot-checked against each advisory's own explicit `versions:` list.

use std::path::Path;
use tightrope_supply::{deps, osv, vulns};

use crate::common;
use common::data;

/// The advisories, parsed once for all tests of this file.
fn advisories(adv: &Path) -> &'static Vec<osv::Advisory> {
    static ONCE: std::sync::OnceLock<Vec<osv::Advisory>> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let (list, bad) = osv::read_source(&adv.join("vulns.tar.gz")).unwrap();
        assert!(bad.is_empty(), "{bad:?}");
        list
    })
}

#[test]
fn terragoat_pins_match_pypa_advisories() {
    let (Some(adv), Some(manifests)) = (data("osv-pypa-advisories"), data("deps-terragoat-manifests")) else { return };
    let dir = tempfile::tempdir().unwrap();
    let advisories = advisories(&adv);
    assert!(advisories.len() > 2500, "{}", advisories.len());
    osv::write_cache(dir.path(), advisories, "test").unwrap();
    let db = osv::Database::load(dir.path()).unwrap().expect("cache written");

    let (found, errors, files) = deps::discover(&[manifests]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(files >= 4, "{files}");
    let report = vulns::check(&found, Some(&db), None, vulns::today());

    // Expected from the advisories' own `versions:` lists (independent of range evaluation).
    let expected: Vec<String> = advisories
        .iter()
        .filter(|a| a.withdrawn.is_none())
        .filter(|a| a.affected.iter().any(|x| x.package.name.eq_ignore_ascii_case("django") && x.versions.iter().any(|v| v == "1.2")))
        .map(|a| a.id.clone())
        .collect();
    assert!(expected.len() >= 10, "{expected:?}");
    let django: Vec<_> = report.matches.iter().filter(|m| m.dependency.name == "django").collect();
    assert_eq!(django.len(), 2, "both requirements files pin django==1.2");
    for m in &django {
        let got: Vec<&str> = m.advisories.iter().map(|(id, _, _)| id.as_str()).collect();
        for id in &expected {
            assert!(got.contains(&id.as_str()), "{id} missing for {}: {got:?}", m.dependency.file);
        }
        // Nothing reported that neither a range nor the list supports: every hit's advisory
        // lists 1.2 or has a range over it; ranges and lists agree on this data set.
        assert_eq!(got.len(), expected.len(), "{got:?} vs {expected:?}");
        assert!(m.upgrade_to.is_some());
    }
    // npm lock files exist but the database has no npm advisories: said loudly, not "clean".
    assert!(report.errors.iter().any(|e| e.message.contains("npm") && e.message.contains("NOT checked")), "{:?}", report.errors);
}

#[test]
fn ranges_agree_with_version_lists_across_the_database() {
    let Some(adv) = data("osv-pypa-advisories") else { return };
    let advisories = advisories(&adv);
    let (mut agree, mut total) = (0usize, 0usize);
    for a in advisories.iter().filter(|a| a.withdrawn.is_none()) {
        for x in &a.affected {
            if x.ranges.iter().all(|r| r.kind == "GIT") {
                continue;
            }
            let only_ranges = osv::Affected { versions: Vec::new(), ..x.clone() };
            for v in x.versions.iter().take(20) {
                let Some(parsed) = osv::version::Version::parse("PyPI", v) else { continue };
                total += 1;
                agree += usize::from(osv::affects(&only_ranges, "PyPI", v, &parsed).is_some());
            }
        }
    }
    assert!(total > 10_000, "{total}");
    // Upstream lists are generated from the ranges plus git history; a few entries differ.
    assert!(agree as f64 / total as f64 > 0.98, "{agree}/{total}");
}

#[test]
fn missing_database_is_an_error_not_clean() {
    let dep = deps::Dependency { ecosystem: "PyPI".into(), name: "torch".into(), version: Some("1.0.0".into()), constraint: None, hashes: vec![], file: "r.txt".into(), line: 1, requires: None };
    let r = vulns::check(&[dep], None, Some(7), vulns::today());
    assert!(r.findings.is_empty());
    assert!(r.errors[0].message.contains("NOT checked"));
}
