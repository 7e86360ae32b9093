//! Conformance of the policy engine with the documented AWS evaluation cases.

use tightrope_access::engine::{
    Outcome, Policy, PolicyKind, PolicySet, Request, RequestPrincipal, evaluate,
};

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const ROLE: &str = "arn:aws:iam::111122223333:role/trainer";
const OTHER: &str = "arn:aws:iam::444455556666:user/mallory";

fn pol(name: &str, json: &str) -> Policy {
    Policy::parse(name, json).expect("test policy parses")
}

fn req(who: &str, action: &str, resource: &str) -> Request {
    Request::new(RequestPrincipal::from_arn(who), action, resource)
}

fn decide(set: &PolicySet, r: &Request) -> Outcome {
    evaluate(set, r).outcome
}

#[test]
fn implicit_deny_without_any_allow() {
    let set = PolicySet::default();
    assert_eq!(
        decide(&set, &req(ALICE, "s3:GetObject", "arn:aws:s3:::b/k")),
        Outcome::ImplicitDeny
    );
}

#[test]
fn explicit_deny_wins_over_allow_in_another_policy() {
    let allow = pol(
        "allow-all",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    );
    let deny = pol(
        "deny-s3",
        r#"{"Statement":[{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
    );
    let set = PolicySet {
        identity: vec![&allow, &deny],
        ..Default::default()
    };
    let d = evaluate(&set, &req(ALICE, "s3:GetObject", "arn:aws:s3:::b/k"));
    assert_eq!(d.outcome, Outcome::ExplicitDeny);
    assert!(
        d.reason.contains("NoS3") && d.reason.contains("deny-s3"),
        "{}",
        d.reason
    );
    assert!(evaluate(&set, &req(ALICE, "ec2:RunInstances", "*")).allowed());
}

#[test]
fn actions_are_case_insensitive_resources_are_not() {
    let p = pol(
        "p",
        r#"{"Statement":{"Effect":"Allow","Action":"S3:get*","Resource":"arn:aws:s3:::Data/*"}}"#,
    );
    let set = PolicySet {
        identity: vec![&p],
        ..Default::default()
    };
    assert!(evaluate(&set, &req(ALICE, "s3:GetObject", "arn:aws:s3:::Data/x")).allowed());
    assert!(!evaluate(&set, &req(ALICE, "s3:GetObject", "arn:aws:s3:::data/x")).allowed());
}

#[test]
fn not_action_allows_everything_else() {
    let p = pol(
        "p",
        r#"{"Statement":{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}}"#,
    );
    let set = PolicySet {
        identity: vec![&p],
        ..Default::default()
    };
    assert!(evaluate(&set, &req(ALICE, "sagemaker:CreateTrainingJob", "*")).allowed());
    assert!(!evaluate(&set, &req(ALICE, "iam:PassRole", ROLE)).allowed());
}

#[test]
fn not_action_with_deny_denies_everything_else() {
    let allow = pol(
        "a",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    );
    let deny = pol(
        "d",
        r#"{"Statement":{"Effect":"Deny","NotAction":"iam:ChangePassword","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}}"#,
    );
    let set = PolicySet {
        identity: vec![&allow, &deny],
        ..Default::default()
    };
    // no MFA key at all: BoolIfExists is true, so the deny applies to everything but ChangePassword
    assert_eq!(
        decide(&set, &req(ALICE, "s3:ListBucket", "arn:aws:s3:::b")),
        Outcome::ExplicitDeny
    );
    assert!(evaluate(&set, &req(ALICE, "iam:ChangePassword", ALICE)).allowed());
    let mut r = req(ALICE, "s3:ListBucket", "arn:aws:s3:::b");
    r.context.set("aws:MultiFactorAuthPresent", "true");
    assert!(evaluate(&set, &r).allowed());
}

#[test]
fn not_resource() {
    let p = pol(
        "p",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","NotResource":["arn:aws:s3:::secret","arn:aws:s3:::secret/*"]}}"#,
    );
    let set = PolicySet {
        identity: vec![&p],
        ..Default::default()
    };
    assert!(evaluate(&set, &req(ALICE, "s3:GetObject", "arn:aws:s3:::public/x")).allowed());
    assert!(!evaluate(&set, &req(ALICE, "s3:GetObject", "arn:aws:s3:::secret/x")).allowed());
}

#[test]
fn conditions_restrict_the_allow() {
    let p = pol(
        "p",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:SecureTransport":"true"}}}}"#,
    );
    let set = PolicySet {
        identity: vec![&p],
        ..Default::default()
    };
    let mut r = req(ALICE, "s3:GetObject", "arn:aws:s3:::b/k");
    assert!(
        !evaluate(&set, &r).allowed(),
        "absent keys: positive operators are false"
    );
    r.context
        .set("aws:SourceIp", "10.1.2.3")
        .set("aws:SecureTransport", "true");
    assert!(evaluate(&set, &r).allowed());
    r.context.set("aws:SourceIp", "192.0.2.1");
    assert!(!evaluate(&set, &r).allowed());
}

#[test]
fn for_all_values_on_missing_key_is_true_for_any_value_false() {
    let all = pol(
        "all",
        r#"{"Statement":{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}}}"#,
    );
    let any = pol(
        "any",
        r#"{"Statement":{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}}}"#,
    );
    let r = req(ALICE, "ec2:CreateTags", "*");
    assert!(
        evaluate(
            &PolicySet {
                identity: vec![&all],
                ..Default::default()
            },
            &r
        )
        .allowed()
    );
    assert!(
        !evaluate(
            &PolicySet {
                identity: vec![&any],
                ..Default::default()
            },
            &r
        )
        .allowed()
    );
}

#[test]
fn policy_variables_scope_to_the_caller() {
    let p = pol(
        "home",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}}"#,
    );
    let set = PolicySet {
        identity: vec![&p],
        ..Default::default()
    };
    assert!(
        evaluate(
            &set,
            &req(ALICE, "s3:PutObject", "arn:aws:s3:::home/alice/x")
        )
        .allowed()
    );
    assert!(!evaluate(&set, &req(ALICE, "s3:PutObject", "arn:aws:s3:::home/bob/x")).allowed());
}

#[test]
fn permissions_boundary_intersects() {
    let id = pol(
        "admin",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    );
    let b = pol(
        "boundary",
        r#"{"Statement":{"Effect":"Allow","Action":["s3:*","sagemaker:*"],"Resource":"*"}}"#,
    );
    let set = PolicySet {
        identity: vec![&id],
        boundary: Some(&b),
        ..Default::default()
    };
    assert!(evaluate(&set, &req(ROLE, "s3:GetObject", "arn:aws:s3:::b/k")).allowed());
    let d = evaluate(
        &set,
        &req(ROLE, "iam:CreateUser", "arn:aws:iam::111122223333:user/x"),
    );
    assert_eq!(d.outcome, Outcome::ImplicitDeny);
    assert!(d.reason.contains("boundary"), "{}", d.reason);
    // the boundary alone grants nothing
    let only = PolicySet {
        boundary: Some(&b),
        ..Default::default()
    };
    assert!(!evaluate(&only, &req(ROLE, "s3:GetObject", "arn:aws:s3:::b/k")).allowed());
}

#[test]
fn session_policy_intersects() {
    let id = pol(
        "admin",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    );
    let s = pol(
        "session",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#,
    );
    let set = PolicySet {
        identity: vec![&id],
        session: vec![&s],
        ..Default::default()
    };
    assert!(evaluate(&set, &req(ROLE, "s3:GetObject", "arn:aws:s3:::b/k")).allowed());
    assert!(!evaluate(&set, &req(ROLE, "s3:PutObject", "arn:aws:s3:::b/k")).allowed());
}

#[test]
fn scps_must_allow_at_every_level_and_deny_wins() {
    let id = pol(
        "admin",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    );
    let full = pol(
        "FullAWSAccess",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    );
    let ai_only = pol(
        "ai-only",
        r#"{"Statement":{"Effect":"Allow","Action":["sagemaker:*","bedrock:*"],"Resource":"*"}}"#,
    );
    let no_regions = pol(
        "deny-region",
        r#"{"Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}}"#,
    );
    let set = PolicySet {
        identity: vec![&id],
        scps: vec![vec![&full], vec![&ai_only]],
        ..Default::default()
    };
    let mut r = req(ROLE, "bedrock:InvokeModel", "*");
    assert!(evaluate(&set, &r).allowed());
    let d = evaluate(&set, &req(ROLE, "s3:GetObject", "arn:aws:s3:::b/k"));
    assert!(!d.allowed() && d.reason.contains("SCP"), "{}", d.reason);
    let set = PolicySet {
        identity: vec![&id],
        scps: vec![vec![&full, &no_regions]],
        ..Default::default()
    };
    assert_eq!(
        decide(&set, &r),
        Outcome::ExplicitDeny,
        "RequestedRegion absent → StringNotEquals true → deny"
    );
    r.context.set("aws:RequestedRegion", "eu-west-1");
    assert!(evaluate(&set, &r).allowed());
    // an SCP never grants by itself
    let set = PolicySet {
        scps: vec![vec![&full]],
        ..Default::default()
    };
    assert!(!evaluate(&set, &r).allowed());
}

#[test]
fn rcp_restricts_like_an_scp() {
    let id = pol(
        "admin",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    );
    let rcp = pol(
        "rcp",
        r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"111122223333"}}}]}"#,
    );
    let set = PolicySet {
        identity: vec![&id],
        rcps: vec![vec![&rcp]],
        ..Default::default()
    };
    assert!(evaluate(&set, &req(ROLE, "s3:GetObject", "arn:aws:s3:::b/k")).allowed());
}

#[test]
fn same_account_resource_policy_allows_a_user_alone() {
    let bucket = pol(
        "bucket-policy",
        r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#,
    );
    let set = PolicySet {
        resource: vec![&bucket],
        resource_account: Some("111122223333".into()),
        ..Default::default()
    };
    let d = evaluate(&set, &req(ALICE, "s3:GetObject", "arn:aws:s3:::b/k"));
    assert!(d.allowed(), "{}", d.reason);
    assert_eq!(d.statement.map(|s| s.kind), Some(PolicyKind::Resource));
}

#[test]
fn resource_policy_to_a_role_arn_is_still_limited_by_its_boundary() {
    let bucket = pol(
        "bucket-policy",
        r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/trainer"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}}"#,
    );
    let b = pol(
        "boundary",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#,
    );
    let set = PolicySet {
        resource: vec![&bucket],
        boundary: Some(&b),
        resource_account: Some("111122223333".into()),
        ..Default::default()
    };
    assert!(evaluate(&set, &req(ROLE, "s3:GetObject", "arn:aws:s3:::b/k")).allowed());
    assert!(!evaluate(&set, &req(ROLE, "s3:DeleteObject", "arn:aws:s3:::b/k")).allowed());
}

#[test]
fn cross_account_needs_both_sides() {
    let bucket = pol(
        "bucket-policy",
        r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#,
    );
    let theirs = pol(
        "mallory-policy",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#,
    );
    let r = req(OTHER, "s3:GetObject", "arn:aws:s3:::b/k");
    let only_resource = PolicySet {
        resource: vec![&bucket],
        resource_account: Some("111122223333".into()),
        ..Default::default()
    };
    assert!(!evaluate(&only_resource, &r).allowed());
    let only_identity = PolicySet {
        identity: vec![&theirs],
        resource_account: Some("111122223333".into()),
        ..Default::default()
    };
    assert!(!evaluate(&only_identity, &r).allowed());
    let both = PolicySet {
        identity: vec![&theirs],
        resource: vec![&bucket],
        resource_account: Some("111122223333".into()),
        ..Default::default()
    };
    assert!(evaluate(&both, &r).allowed());
}

#[test]
fn trust_policy_for_a_service_and_not_principal() {
    let trust = pol(
        "trust",
        r#"{"Statement":{"Effect":"Allow","Principal":{"Service":["sagemaker.amazonaws.com"]},"Action":"sts:AssumeRole"}}"#,
    );
    let set = PolicySet {
        resource: vec![&trust],
        ..Default::default()
    };
    let svc = Request::new(
        RequestPrincipal::service("sagemaker.amazonaws.com"),
        "sts:AssumeRole",
        ROLE,
    );
    assert!(evaluate(&set, &svc).allowed());
    let lambda = Request::new(
        RequestPrincipal::service("lambda.amazonaws.com"),
        "sts:AssumeRole",
        ROLE,
    );
    assert!(!evaluate(&set, &lambda).allowed());
    let deny_others = pol(
        "np",
        r#"{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:*","Resource":"*"}}"#,
    );
    let allow = pol(
        "a",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#,
    );
    let set = PolicySet {
        identity: vec![&allow],
        resource: vec![&deny_others],
        ..Default::default()
    };
    assert!(evaluate(&set, &req(ALICE, "s3:GetObject", "arn:aws:s3:::b/k")).allowed());
    assert_eq!(
        decide(
            &set,
            &req(
                "arn:aws:iam::111122223333:user/bob",
                "s3:GetObject",
                "arn:aws:s3:::b/k"
            )
        ),
        Outcome::ExplicitDeny
    );
}
