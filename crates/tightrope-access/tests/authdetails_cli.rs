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
                scp: Vec::new(),
            },
        },
    };
    let err = tightrope_access::cli::run(&args).unwrap_err().to_string();
    assert!(err.contains("tightrope update iam"), "{err}");
}

#[test]
fn least_privilege_from_activity_with_current_policies() {
    use tightrope_access::activity::{Usage, report};
    let Some(db_set) = Some(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/iam-action-database"),
    )
    .filter(|p| p.exists()) else {
        eprintln!("skipping: ../shared/data/iam-action-database not present");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    tightrope_access::update::update_from(&db_set.join("iam-data.tar.gz"), &tmp.path().join("iam"))
        .unwrap();
    let db = tightrope_access::actiondb::ActionDb::load(&tmp.path().join("iam")).unwrap();
    let (account, _, _) = load_account(&[fixture()], "000000000000");
    let (usage, stats) =
        Usage::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/trail.json"));
    assert_eq!(stats.events, 3);
    let results = report::analyze(&usage, &account, &db);
    let r = &results[0];
    assert_eq!(r.arn, "arn:aws:iam::111122223333:user/data-scientist");
    assert_eq!(r.failed_calls, 1);
    assert!(
        r.actions_used.contains("sagemaker:CreateTrainingJob")
            && r.actions_used.contains("s3:GetObject")
    );
    // granted: CreateTrainingJob, PassRole (inline) and GetObject (group); PassRole never succeeded
    assert!(
        r.unused_actions.contains("iam:PassRole"),
        "{:?}",
        r.unused_actions
    );
    assert_eq!(r.granted_actions, 3);
    let text = r.generated_policy.to_string();
    assert!(
        text.contains("arn:aws:s3:::training-data/sets/a.csv"),
        "{text}"
    );
    let findings = report::findings(&results, &usage, &account);
    assert!(findings.iter().any(|f| f.rule_id == "TR-ACCESS-007"));
    assert!(
        findings
            .iter()
            .any(|f| f.rule_id == "TR-ACCESS-008" && f.message.contains("auditor"))
    );
}

#[test]
fn an_scp_denying_training_jobs_removes_the_path() {
    let (mut account, _, _) = load_account(&[fixture()], "000000000000");
    let scp = tightrope_access::engine::Policy::parse(
        "deny-training",
        r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"sagemaker:CreateTrainingJob","Resource":"*"}]}"#,
    )
    .unwrap();
    account.apply_scps(&[scp]);
    let g = escalation::build(&account);
    let paths = escalation::paths(&account, &g);
    assert!(
        !paths
            .iter()
            .any(|p| p.from.ends_with("user/data-scientist") && p.to == "admin"),
        "{paths:?}"
    );
}

/// The action database from the shared test data, loaded once per test binary.
fn db() -> Option<&'static tightrope_access::actiondb::ActionDb> {
    static DB: std::sync::OnceLock<Option<tightrope_access::actiondb::ActionDb>> =
        std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let set =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/iam-action-database");
        if !set.exists() {
            eprintln!("skipping: ../shared/data/iam-action-database not present");
            return None;
        }
        let tmp = tempfile::tempdir().unwrap();
        tightrope_access::update::update_from(
            &set.join("iam-data.tar.gz"),
            &tmp.path().join("iam"),
        )
        .unwrap();
        Some(tightrope_access::actiondb::ActionDb::load(&tmp.path().join("iam")).unwrap())
    })
    .as_ref()
}

#[test]
fn conditions_lower_or_remove_over_permissive_findings() {
    use tightrope_access::engine::Policy;
    use tightrope_access::findings::over_permissive;
    let Some(db) = db() else { return };
    let (account, _, _) = load_account(&[fixture()], "000000000000");
    let mut p = account
        .find("arn:aws:iam::111122223333:user/auditor")
        .unwrap()
        .clone();
    let rule = |p: &tightrope_access::model::Principal, id: &str| {
        over_permissive(p, "111122223333", db)
            .into_iter()
            .find(|f| f.rule_id == id)
    };
    assert!(rule(&p, "TR-ACCESS-005").is_none());
    p.policies = vec![
        Policy::parse(
            "pass",
            r#"{"Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}}"#,
        )
        .unwrap(),
    ];
    assert_eq!(
        rule(&p, "TR-ACCESS-005").map(|f| f.severity),
        Some(Severity::High)
    );
    p.policies = vec![Policy::parse("pass", r#"{"Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"sagemaker.amazonaws.com"}}}}"#).unwrap()];
    assert_eq!(
        rule(&p, "TR-ACCESS-005").map(|f| f.severity),
        Some(Severity::Medium)
    );
    p.policies = vec![Policy::parse("pass", r#"{"Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}"#).unwrap()];
    assert!(
        rule(&p, "TR-ACCESS-005").is_none(),
        "a network condition the attacker does not meet removes it"
    );
    p.policies = vec![
        Policy::parse(
            "s3",
            r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#,
        )
        .unwrap(),
    ];
    let f = rule(&p, "TR-ACCESS-006").expect("data exfiltration on *");
    assert!(
        f.message.contains("data-exfiltration") && f.message.contains("s3:GetObject"),
        "{}",
        f.message
    );
    p.policies = vec![Policy::parse("s3", r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::one-bucket/*"}}"#).unwrap()];
    assert!(rule(&p, "TR-ACCESS-006").is_none());
    p.policies = vec![
        Policy::parse(
            "admin",
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
        )
        .unwrap(),
    ];
    assert_eq!(
        rule(&p, "TR-ACCESS-001").map(|f| f.severity),
        Some(Severity::Critical)
    );
    p.policies = vec![
        Policy::parse(
            "sm",
            r#"{"Statement":{"Effect":"Allow","Action":"sagemaker:*","Resource":"*"}}"#,
        )
        .unwrap(),
    ];
    assert!(rule(&p, "TR-ACCESS-004").is_some_and(|f| f.ai));
}
