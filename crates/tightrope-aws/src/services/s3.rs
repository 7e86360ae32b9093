//! S3: every bucket (global listing), with its ACL, policy, public access block, default
//! encryption, versioning and logging read from the bucket's own region (object lock is not read).

use crate::gaps::Gaps;
use crate::services::{each, Fragment};
use crate::session::Ctx;
use crate::values::{api, attr, link, meta, opt, policy, unknown};
use aws_sdk_s3::types::{BucketVersioningStatus, MfaDeleteStatus, Permission, Type};
use std::collections::HashMap;
use std::sync::Mutex;
use tightrope_core::state::aws::s3::{Bucket, Encryption, PublicAccessBlock};
use tightrope_core::Attr;

const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let home = s3_client(ctx);
    let mut names = Vec::new();
    // With a `max-buckets` parameter AWS lists each bucket's region (`BucketRegion`): then no
    // GetBucketLocation per bucket. Without one it leaves the region out.
    let mut pages = home.list_buckets().max_buckets(10_000).into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => names.extend(p.buckets().iter().filter_map(|b| Some((b.name()?.to_string(), b.bucket_region().map(str::to_string))))),
            Err(e) => return f.gaps.failed("ListBuckets", &e),
        }
    }
    let clients: Mutex<HashMap<String, aws_sdk_s3::Client>> = Mutex::new(HashMap::new());
    f.aws.s3.buckets = each(&mut f.gaps, names, |name, mut g| {
        let (home, clients) = (&home, &clients);
        async move {
            let (name, listed) = name;
            let region = match listed.filter(|r| !r.is_empty()) {
                Some(r) => r,
                None => bucket_region(home, &name, &ctx.region, &mut g).await,
            };
            let c = client_in(clients, ctx, &region);
            let bucket = read_bucket(&c, &name, &mut g).await;
            (Some(bucket), g)
        }
    })
    .await;
}

/// The bucket's region (settings must be read there); the home region when it cannot be told.
async fn bucket_region(home: &aws_sdk_s3::Client, name: &str, fallback: &str, g: &mut Gaps) -> String {
    match home.get_bucket_location().bucket(name).send().await {
        Ok(l) => match l.location_constraint().map(|c| c.as_str()) {
            None | Some("") => "us-east-1".to_string(),
            Some("EU") => "eu-west-1".to_string(),
            Some(r) => r.to_string(),
        },
        Err(e) => {
            g.failed("GetBucketLocation", &e);
            fallback.to_string()
        }
    }
}

/// One S3 client per region, shared by the buckets there.
fn client_in(clients: &Mutex<HashMap<String, aws_sdk_s3::Client>>, ctx: &Ctx, region: &str) -> aws_sdk_s3::Client {
    let Ok(mut map) = clients.lock() else { return s3_client(&ctx.in_region(region)) };
    map.entry(region.to_string()).or_insert_with(|| s3_client(&ctx.in_region(region))).clone()
}

fn s3_client(ctx: &Ctx) -> aws_sdk_s3::Client {
    let conf = aws_sdk_s3::config::Builder::from(&ctx.config).interceptor(ctx.log.clone()).force_path_style(ctx.path_style).build();
    aws_sdk_s3::Client::from_conf(conf)
}

async fn read_bucket(c: &aws_sdk_s3::Client, name: &str, g: &mut Gaps) -> Bucket {
    let arn = format!("arn:aws:s3:::{name}");
    let arn = arn.as_str();
    let mut b = Bucket { meta: meta(arn, "AWS::S3::Bucket", "ListBuckets.Buckets"), name: Attr::explicit(name.to_string(), api(arn, "Name")), ..Default::default() };

    b.acl = match g.sub("GetBucketAcl", c.get_bucket_acl().bucket(name).send().await, &[]) {
        Ok(Some(acl)) => Attr::explicit(canned_acl(acl.grants()).to_string(), api(arn, "Grants")),
        _ => unknown(arn, "Grants"),
    };
    b.policy = match g.sub("GetBucketPolicy", c.get_bucket_policy().bucket(name).send().await, &["NoSuchBucketPolicy"]) {
        Ok(Some(p)) => policy(p.policy(), arn, "Policy"),
        Ok(None) => opt(None, arn, "Policy"),
        Err(()) => unknown(arn, "Policy"),
    };
    b.public_access_block = match g.sub(
        "GetPublicAccessBlock",
        c.get_public_access_block().bucket(name).send().await,
        &["NoSuchPublicAccessBlockConfiguration"],
    ) {
        Ok(Some(out)) => out.public_access_block_configuration().map(|p| PublicAccessBlock {
            block_public_acls: attr(p.block_public_acls(), Some(false), arn, "BlockPublicAcls"),
            block_public_policy: attr(p.block_public_policy(), Some(false), arn, "BlockPublicPolicy"),
            ignore_public_acls: attr(p.ignore_public_acls(), Some(false), arn, "IgnorePublicAcls"),
            restrict_public_buckets: attr(p.restrict_public_buckets(), Some(false), arn, "RestrictPublicBuckets"),
        }),
        Ok(None) => None,
        // Unknown settings, so that no rule fires on a block that may well exist.
        Err(()) => Some(PublicAccessBlock {
            block_public_acls: unknown(arn, "BlockPublicAcls"),
            block_public_policy: unknown(arn, "BlockPublicPolicy"),
            ignore_public_acls: unknown(arn, "IgnorePublicAcls"),
            restrict_public_buckets: unknown(arn, "RestrictPublicBuckets"),
        }),
    };
    b.encryption = match g.sub(
        "GetBucketEncryption",
        c.get_bucket_encryption().bucket(name).send().await,
        &["ServerSideEncryptionConfigurationNotFoundError"],
    ) {
        Ok(Some(out)) => out
            .server_side_encryption_configuration()
            .and_then(|c| c.rules().first())
            .and_then(|r| r.apply_server_side_encryption_by_default())
            .map(|d| Encryption {
                algorithm: Attr::explicit(d.sse_algorithm().as_str().to_string(), api(arn, "SSEAlgorithm")),
                kms_key: link(d.kms_master_key_id(), arn, "KMSMasterKeyID"),
            }),
        Ok(None) => None,
        Err(()) => Some(Encryption { algorithm: unknown(arn, "SSEAlgorithm"), kms_key: unknown(arn, "KMSMasterKeyID") }),
    };
    match g.sub("GetBucketVersioning", c.get_bucket_versioning().bucket(name).send().await, &[]) {
        Ok(Some(v)) => {
            b.versioning = Attr::explicit(v.status() == Some(&BucketVersioningStatus::Enabled), api(arn, "Status"));
            b.mfa_delete = Attr::explicit(v.mfa_delete() == Some(&MfaDeleteStatus::Enabled), api(arn, "MFADelete"));
        }
        _ => {
            b.versioning = unknown(arn, "Status");
            b.mfa_delete = unknown(arn, "MFADelete");
        }
    }
    b.logging_target = match g.sub("GetBucketLogging", c.get_bucket_logging().bucket(name).send().await, &[]) {
        Ok(Some(l)) => link(l.logging_enabled().map(|e| e.target_bucket()), arn, "LoggingEnabled.TargetBucket"),
        _ => unknown(arn, "LoggingEnabled.TargetBucket"),
    };
    // Object lock is not read: no rule uses it, and it would cost one more call per bucket.
    b.object_lock = unknown(arn, "ObjectLockEnabled");
    b
}

/// The canned ACL that the grants amount to, as the rules name it.
fn canned_acl(grants: &[aws_sdk_s3::types::Grant]) -> &'static str {
    let to = |group: &str, perms: &[Permission]| {
        grants.iter().any(|g| {
            g.grantee().is_some_and(|e| e.r#type() == &Type::Group && e.uri() == Some(group))
                && g.permission().is_some_and(|p| perms.contains(p))
        })
    };
    if to(ALL_USERS, &[Permission::Write, Permission::FullControl]) {
        "public-read-write"
    } else if to(ALL_USERS, &[Permission::Read, Permission::ReadAcp]) {
        "public-read"
    } else if to(AUTHENTICATED_USERS, &[Permission::Read, Permission::Write, Permission::FullControl]) {
        "authenticated-read"
    } else {
        "private"
    }
}
