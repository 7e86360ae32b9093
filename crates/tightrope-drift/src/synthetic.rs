//! Synthetic cloud states of any size, for benchmarks and fault-injection tests: a realistic mix of
//! S3 buckets (public access blocks, encryption, policies), security groups with rules, SageMaker
//! notebooks, IAM roles with inline policies and Lambda functions with environment variables, each
//! with file origins. Deterministic for a given size and seed.

use std::collections::BTreeMap;
use std::sync::Arc;
use tightrope_core::policy::{Effect, PolicyDocument, Statement};
use tightrope_core::state::aws::compute::LambdaFunction;
use tightrope_core::state::aws::iam::{InlinePolicy, Role};
use tightrope_core::state::aws::network::{SecurityGroup, SgRule};
use tightrope_core::state::aws::s3::{Bucket, Encryption, PublicAccessBlock};
use tightrope_core::state::aws::sagemaker::NotebookInstance;
use tightrope_core::state::{Link, Meta};
use tightrope_core::{Attr, CloudState, Origin};

/// A state with `n` resources (five kinds in turn), each a little different.
pub fn state(n: usize, seed: u64) -> CloudState {
    let mut s = CloudState::default();
    let file: Arc<str> = Arc::from("synthetic/main.tf");
    for i in 0..n {
        let line = (i * 12 + 1) as u32;
        let at = Origin::file(&file, line, line + 10);
        let x = |k: &str| Attr::explicit(k.to_string(), at.clone());
        let b = |v: bool| Attr::explicit(v, at.clone());
        let odd = (i as u64 ^ seed) % 3 == 0;
        let meta = |kind: &str| Meta {
            address: format!("{kind}.r{i}"),
            kind: kind.to_string(),
            origin: at.clone(),
            tags: BTreeMap::from([
                ("team".to_string(), format!("t{}", i % 17)),
                ("env".to_string(), "prod".to_string()),
            ]),
            suppressions: vec![],
        };
        match i % 5 {
            0 => s.aws.s3.buckets.push(Bucket {
                meta: meta("aws_s3_bucket"),
                name: x(&format!("bucket-{i}")),
                acl: x(if odd { "public-read" } else { "private" }),
                policy: Attr::explicit(
                    policy(i, "s3:GetObject", &format!("arn:aws:s3:::bucket-{i}/*")),
                    at.clone(),
                ),
                public_access_block: (!odd).then(|| PublicAccessBlock {
                    block_public_acls: b(true),
                    block_public_policy: b(true),
                    ignore_public_acls: b(true),
                    restrict_public_buckets: b(true),
                }),
                encryption: Some(Encryption {
                    algorithm: x("aws:kms"),
                    kms_key: Attr::explicit(
                        Link::Resource(format!("aws_kms_key.k{}", i % 7)),
                        at.clone(),
                    ),
                }),
                versioning: b(!odd),
                ..Default::default()
            }),
            1 => s.aws.network.security_groups.push(SecurityGroup {
                meta: meta("aws_security_group"),
                name: x(&format!("sg-{i}")),
                description: x("synthetic"),
                ingress: (0..3)
                    .map(|k| SgRule {
                        origin: at.clone(),
                        protocol: x("tcp"),
                        from_port: Attr::explicit(443 + k, at.clone()),
                        to_port: Attr::explicit(443 + k, at.clone()),
                        cidr_blocks: vec![x(if odd && k == 0 {
                            "0.0.0.0/0"
                        } else {
                            "10.0.0.0/8"
                        })],
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            }),
            2 => s.aws.sagemaker.notebook_instances.push(NotebookInstance {
                meta: meta("aws_sagemaker_notebook_instance"),
                name: x(&format!("nb-{i}")),
                instance_type: x("ml.t3.medium"),
                direct_internet_access: b(odd),
                root_access: b(odd),
                minimum_imds_version: x("v2"),
                ..Default::default()
            }),
            3 => s.aws.iam.roles.push(Role {
                meta: meta("aws_iam_role"),
                name: x(&format!("role-{i}")),
                trust_policy: Attr::explicit(policy(i, "sts:AssumeRole", "*"), at.clone()),
                inline_policies: vec![InlinePolicy {
                    meta: meta("aws_iam_role_policy"),
                    name: x("inline"),
                    document: Attr::explicit(
                        policy(i, if odd { "*" } else { "s3:GetObject" }, "*"),
                        at.clone(),
                    ),
                }],
                ..Default::default()
            }),
            _ => s.aws.compute.lambda_functions.push(LambdaFunction {
                meta: meta("aws_lambda_function"),
                name: x(&format!("fn-{i}")),
                runtime: x("python3.12"),
                environment: BTreeMap::from([
                    ("STAGE".to_string(), x("prod")),
                    (
                        "DB_PASSWORD".to_string(),
                        x(&format!("synthetic-pw-{i:08}")),
                    ),
                ]),
                tracing_mode: x("Active"),
                ..Default::default()
            }),
        }
    }
    s
}

fn policy(i: usize, action: &str, resource: &str) -> PolicyDocument {
    PolicyDocument {
        version: Some("2012-10-17".into()),
        statements: vec![Statement {
            sid: Some(format!("S{i}")),
            effect: Effect::Allow,
            actions: vec![action.to_string()],
            not_actions: vec![],
            resources: vec![resource.to_string()],
            not_resources: vec![],
            principals: vec![],
            not_principals: vec![],
            condition: None,
        }],
    }
}

/// Change one setting in every `every`-th bucket and notebook (public ACLs allowed, root access on),
/// and move every origin down a line (which must not count as drift).
pub fn mutate(state: &mut CloudState, every: usize) {
    for (i, b) in state.aws.s3.buckets.iter_mut().enumerate() {
        if i % every == 0
            && let Some(p) = &mut b.public_access_block
        {
            p.block_public_acls.value = Some(false);
        }
        shift(&mut b.meta.origin);
    }
    for (i, n) in state
        .aws
        .sagemaker
        .notebook_instances
        .iter_mut()
        .enumerate()
    {
        if i % every == 0 {
            n.root_access.value = Some(true);
        }
        shift(&mut n.meta.origin);
    }
}

fn shift(o: &mut Origin) {
    if let Origin::File {
        start_line,
        end_line,
        ..
    } = o
    {
        *start_line += 1;
        *end_line += 1;
    }
}
