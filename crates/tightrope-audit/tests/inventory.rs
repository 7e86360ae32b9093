//! The AI inventory over a small mixed stack of our own and over the repository's example AI stack.

use std::path::{Path, PathBuf};
use tightrope_audit::{AssetKind, inventory};

fn scan(path: PathBuf) -> tightrope_core::CloudState {
    let scan = tightrope_ingest::scan(&[path]);
    scan.state
}

#[test]
fn lists_ai_assets_with_their_security_attributes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/inventory");
    let assets = inventory(&scan(dir));
    let find = |addr: &str| {
        assets
            .iter()
            .find(|a| a.address == addr)
            .unwrap_or_else(|| panic!("{addr} not listed: {assets:#?}"))
    };

    let bucket = find("aws_s3_bucket.training");
    assert_eq!(bucket.kind, AssetKind::TrainingData);
    assert_eq!(bucket.logging.as_deref(), Some("no access logging"));
    assert!(bucket.why.as_deref().is_some_and(|w| w.contains("train")), "{bucket:?}");

    let nb = find("aws_sagemaker_notebook_instance.research");
    assert_eq!(nb.kind, AssetKind::Notebook);
    assert_eq!(nb.encryption.as_deref(), Some("customer-managed key"));
    assert_eq!(nb.network.as_deref(), Some("no VPC, direct internet access"));

    let agent = find("aws_bedrockagent_agent.support");
    assert_eq!(agent.kind, AssetKind::Agent);
    assert_eq!(agent.identity.as_deref(), Some("aws_iam_role.agent"));

    let db = find("aws_db_instance.embeddings");
    assert_eq!(db.kind, AssetKind::VectorStore);
    assert_eq!(db.network.as_deref(), Some("publicly accessible"));

    assert_eq!(find("aws_instance.trainer").kind, AssetKind::GpuCompute);
    assert_eq!(find("Deployment/serving/llm-server").kind, AssetKind::InferenceWorkload);

    // Not AI: an ordinary bucket, a web server, a MySQL database without vector hints.
    for addr in ["aws_s3_bucket.website", "aws_instance.web", "aws_db_instance.orders"] {
        assert!(assets.iter().all(|a| a.address != addr), "{addr} should not be listed");
    }
}

#[test]
fn example_ai_stack_is_inventoried() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/ai-stack");
    let assets = inventory(&scan(dir));
    for kind in [AssetKind::Agent, AssetKind::Guardrail, AssetKind::Notebook, AssetKind::TrainingData] {
        assert!(assets.iter().any(|a| a.kind == kind), "no {kind:?} in {assets:#?}");
    }
    assert!(assets.iter().all(|a| !a.address.is_empty() && a.location.path().is_some()));
}
