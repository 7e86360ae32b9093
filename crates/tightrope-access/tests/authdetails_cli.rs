//! End to end over an authorization-details export: the escalation path through a SageMaker
//! training job, who-can with group policies, and a missing action database.

use std::path::{Path, PathBuf};
use tightrope_access::cli::{AccessArgs, AccessCommand, Common, load_account};
use tightrope_access::escalation;
use tightrope_core::Severity;
use tightrope_report::Format;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/auth-details.json")
}

#[test]
fn training_job_passrole_path_to_admin() {
    let (account, errors, _) = load_account(&[fixture()], "000000000000");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(account.id, "111122223333");
    let g = escalation::build(&account);
    let paths = escalation::paths(&account, &g);
    let p = paths
        .iter()
        .find(|p| p.from.ends_with("user/data-scientist") && p.to == "admin")
        .expect("path");
    assert_eq!(p.hops.len(), 2);
    assert!(
        p.hops[0].technique.starts_with("PassRoleToSageMaker"),
        "{:?}",
        p.hops[0]
    );
    assert_eq!(
        p.via,
        vec!["arn:aws:iam::111122223333:role/sagemaker-exec".to_string()]
    );
    assert!(!paths.iter().any(|p| p.from.ends_with("user/auditor")));
}

#[test]
fn who_can_follows_group_policies() {
    let (account, _, _) = load_account(&[fixture()], "000000000000");
    let who: Vec<String> = tightrope_access::whocan::who_can(
        &account,
        "s3:GetObject",
        "arn:aws:s3:::training-data/x.csv",
    )
    .into_iter()
    .map(|g| g.arn)
    .collect();
    assert!(who.contains(&"arn:aws:iam::111122223333:user/data-scientist".to_string()));
    assert!(who.contains(&"arn:aws:iam::111122223333:role/sagemaker-exec".to_string()));
    assert!(!who.iter().any(|a| a.ends_with("auditor")));
}

#[test]
fn missing_database_fails_with_exit_error() {
    let tmp = tempfile::tempdir().unwrap();
    let args = AccessArgs {
        command: AccessCommand::Scan {
            paths: vec![fixture()],
            common: Common {
                cache_dir: Some(tmp.path().to_path_buf()),
                account_id: "123456789012".into(),
                format: Format::Json,
                output: Some(tmp.path().join("out.json")),
                min_severity: Severity::Low,
            },
        },
    };
    let err = tightrope_access::cli::run(&args).unwrap_err().to_string();
    assert!(err.contains("tightrope update iam"), "{err}");
}
