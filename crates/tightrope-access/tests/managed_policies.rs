//! All AWS managed policies (MAMIP snapshot) parse, compile and are analysed; lint agreement with
//! the IAM Access Analyzer findings recorded there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tightrope_access::actiondb::ActionDb;
use tightrope_access::engine::Policy;

fn untar(tarball: &Path, to: &Path) {
    let f = std::fs::File::open(tarball).unwrap();
    let mut a = tar::Archive::new(flate2::read::MultiGzDecoder::new(f));
    a.unpack(to).unwrap();
}

#[test]
fn every_managed_policy_is_analysed_and_agrees_with_access_analyzer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let (set, dbset) = (
        root.join("iam-aws-managed-policies"),
        root.join("iam-action-database"),
    );
    if !set.exists() || !dbset.exists() {
        eprintln!("skipping: ../shared/data/iam-aws-managed-policies not present");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    untar(&set.join("policies.tar.gz"), tmp.path());
    untar(&set.join("findings.tar.gz"), tmp.path());
    tightrope_access::update::update_from(&dbset.join("iam-data.tar.gz"), &tmp.path().join("iam"))
        .unwrap();
    let db = ActionDb::load(&tmp.path().join("iam")).unwrap();
    let mut ours: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut failed = Vec::new();
    let mut empty = Vec::new();
    for e in std::fs::read_dir(tmp.path().join("policies")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        if text.trim().is_empty() {
            empty.push(name); // two upstream files are empty
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let doc = &v["PolicyVersion"]["Document"];
        match tightrope_core::PolicyDocument::from_value(doc)
            .and_then(|d| Policy::compile(&name, &d))
        {
            Ok(p) => {
                ours.insert(
                    name,
                    tightrope_access::lint::lint(&p, doc, &db),
                );
            }
            Err(e) => failed.push(format!("{name}: {e}")),
        }
    }
    assert!(
        ours.len() + empty.len() >= 1390 && empty.len() <= 2,
        "{} policies, empty: {empty:?}",
        ours.len()
    );
    assert!(failed.is_empty(), "{failed:?}");
    // agreement on the policies Access Analyzer was run on
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for e in std::fs::read_dir(tmp.path().join("findings")).unwrap() {
        let path = e.unwrap().path();
        let Some(name) = path
            .file_name()
            .unwrap()
            .to_str()
            .and_then(|n| n.strip_suffix(".json"))
        else {
            continue;
        };
        let Ok(list) = serde_json::from_str::<Vec<serde_json::Value>>(
            &std::fs::read_to_string(&path).unwrap(),
        ) else {
            continue;
        };
        let theirs: BTreeSet<&str> = list
            .iter()
            .filter_map(|f| f["issueCode"].as_str())
            .filter(|c| tightrope_access::lint::CODES.contains(c))
            .collect();
        let Some(mine) = ours.get(name) else { continue };
        tp += mine.intersection(&theirs).count();
        fp += mine.difference(&theirs).count();
        fneg += theirs.difference(mine).count();
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    eprintln!(
        "managed policies: {} analysed; Access Analyzer agreement (policy, code): tp={tp} fp={fp} fn={fneg} precision={precision:.2} recall={recall:.2}",
        ours.len()
    );
    assert!(
        recall >= 0.6 && precision >= 0.6,
        "recall {recall} precision {precision}"
    );
}
