//! An escalation path into AI assets named by the IaC (a SageMaker model's artifacts in S3).

use std::path::Path;
use tightrope_access::escalation;
use tightrope_access::model::{self, PLACEHOLDER_ACCOUNT};

#[test]
fn processing_job_passrole_reaches_model_artifacts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ai-escalation");
    let scan = tightrope_ingest::scan(&[dir]);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    let account = model::from_state(&scan.state, PLACEHOLDER_ACCOUNT);
    assert!(
        account
            .ai_assets
            .iter()
            .any(|(a, r)| a == "s3:GetObject"
                && r == "arn:aws:s3:::model-artifacts/churn/model.tar.gz"),
        "{:?}",
        account.ai_assets
    );
    let g = escalation::build(&account);
    let paths = escalation::paths(&account, &g);
    let p = paths
        .iter()
        .find(|p| p.from.ends_with("user/analyst") && p.to == "ai-assets")
        .expect("path into AI assets");
    assert_eq!(p.hops.len(), 2, "{}", p.render());
    assert_eq!(p.hops[0].technique, "PassRoleToSageMakerProcessingJob");
    assert!(p.via[0].ends_with("role/ml-exec"));
    // the role itself reads the artifacts directly: no escalation finding for it
    assert!(!paths.iter().any(|p| p.from.ends_with("role/ml-exec")));
}
