//! CloudFormation reader and adapter: intrinsics, conditions, suppressions, errors, and end to end
//! on real templates (`shared/data/iac-cfn-templates`) and Trivy's good/bad snippets.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use tightrope_ingest::cloudformation;

fn shared_data(set: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(set);
    dir.is_dir().then_some(dir)
}

#[test]
fn reads_every_real_template() {
    let Some(dir) = shared_data("iac-cfn-templates") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let (mut files, mut clean, mut resources) = (0, 0, 0);
    for f in tightrope_ingest::detect::walk(&dir) {
        if tightrope_ingest::detect::detect(&f).ok().flatten() != Some(tightrope_ingest::Format::CloudFormation) {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&f).unwrap();
        let name: Arc<str> = Arc::from(f.display().to_string());
        let (r, errors) = cloudformation::read_all(&name, &text);
        resources += r.len();
        if errors.is_empty() {
            clean += 1;
        }
        for e in &errors {
            eprintln!("{}:{:?}: {}", e.path, e.line, e.message);
        }
    }
    eprintln!("{clean}/{files} templates read cleanly, {resources} resources");
}
