//! The S3 collector on real AWS's answer shape, which moto 5.1 does not give: `ListBuckets`
//! with a `max-buckets` parameter lists each bucket's region (`BucketRegion`), so no
//! `GetBucketLocation` is needed for those buckets, and each bucket's settings are read with a
//! request signed for its own region. A bucket listed without a region is still located.

use crate::common;
use crate::common::replay::{self, Reply, Request};

use tightrope_aws::{collect_blocking, permissions, CollectOptions};

const LIST: &str = "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
<Owner><ID>owner</ID></Owner><Buckets>\
<Bucket><Name>train-us</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>\
<Bucket><Name>train-eu</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket>\
<Bucket><Name>legacy</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket>\
</Buckets></ListAllMyBucketsResult>";

fn xml(body: &str) -> Reply {
    ("200 OK", "application/xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{body}"))
}

fn not_found(code: &str) -> Reply {
    ("404 Not Found", "application/xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>none</Message></Error>"))
}

fn answer(r: &Request) -> Reply {
    let query = r.target.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let has = |p: &str| query.split('&').any(|kv| kv.split('=').next() == Some(p));
    if r.path() == "/" {
        xml(LIST)
    } else if has("location") {
        xml("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">ap-south-1</LocationConstraint>")
    } else if has("acl") {
        xml("<AccessControlPolicy><Owner><ID>owner</ID></Owner><AccessControlList></AccessControlList></AccessControlPolicy>")
    } else if has("policy") {
        not_found("NoSuchBucketPolicy")
    } else if has("publicAccessBlock") {
        not_found("NoSuchPublicAccessBlockConfiguration")
    } else if has("encryption") {
        not_found("ServerSideEncryptionConfigurationNotFoundError")
    } else if has("versioning") {
        xml("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>")
    } else if has("logging") {
        xml("<BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>")
    } else {
        not_found("NotImplemented")
    }
}

/// The bucket a path-style request is for (`/legacy/?location` and `/legacy?acl` alike).
fn bucket(r: &Request) -> &str {
    r.path().trim_matches('/')
}

#[test]
fn listed_bucket_regions_replace_get_bucket_location() {
    common::test_credentials_env();
    let (url, seen) = replay::start(answer);
    let opts = CollectOptions { endpoint_url: Some(url), regions: vec!["us-east-1".into()], services: vec!["s3".into()], progress: false, ..Default::default() };
    let c = collect_blocking(&opts).expect("collect");
    let seen = seen.lock().expect("log").clone();
    let gaps: Vec<_> = c.state.not_collected.iter().filter(|g| !g.skipped).collect();
    assert!(gaps.is_empty(), "{gaps:#?}\nrequests: {seen:#?}");
    assert_eq!(c.state.aws.s3.buckets.len(), 3);

    let list = seen.iter().find(|r| r.method == "GET" && r.path() == "/").expect("ListBuckets");
    assert!(list.target.contains("max-buckets="), "ListBuckets without max-buckets lists no regions: {}", list.target);
    let located: Vec<&str> = seen.iter().filter(|r| r.target.contains("?location")).map(bucket).collect();
    assert_eq!(located, ["legacy"], "only the bucket listed without a region is located");

    // Every per-bucket request is signed for the bucket's own region.
    for (bucket, region) in [("train-us", "us-east-1"), ("train-eu", "eu-west-1"), ("legacy", "ap-south-1")] {
        let reads: Vec<&Request> = seen.iter().filter(|r| self::bucket(r) == bucket && !r.target.contains("?location")).collect();
        assert_eq!(reads.len(), 6, "acl, policy, public access block, encryption, versioning, logging of {bucket}: {reads:#?}");
        assert!(reads.iter().all(|r| r.region == region), "{bucket} must be read in {region}: {reads:#?}");
    }
    let versioned: Vec<_> = c.state.aws.s3.buckets.iter().filter(|b| b.versioning.is(&true)).collect();
    assert!(versioned.is_empty());

    for ((service, op), _) in c.calls.snapshot() {
        assert!(permissions::action_for(&service, &op).is_some(), "{service} {op} not in the published policy");
    }
}
