//! The S3 collector on real AWS's answer shape, which moto 5.1 does not give: `ListBuckets`
//! with a `max-buckets` parameter lists each bucket's region (`BucketRegion`), so no
//! `GetBucketLocation` is needed for those buckets, and each bucket's settings are read with a
//! request signed for its own region. A bucket listed without a region is still located.

use crate::common::replay::{self, Reply, Request};

const LIST: &str = "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
<Owner><ID>owner</ID></Owner><Buckets>\
<Bucket><Name>train-us</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>\
<Bucket><Name>train-eu</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket>\
<Bucket><Name>legacy</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket>\
</Buckets></ListAllMyBucketsResult>";

/// What a bucket's sub-resource (the query parameter) answers: `Ok(xml)` with 200, `Err(code)`
/// with 404 and that error code, as AWS answers a bucket without that setting.
const BUCKET_ANSWERS: [(&str, Result<&str, &str>); 7] = [
    ("location", Ok("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">ap-south-1</LocationConstraint>")),
    ("acl", Ok("<AccessControlPolicy><Owner><ID>owner</ID></Owner><AccessControlList></AccessControlList></AccessControlPolicy>")),
    ("policy", Err("NoSuchBucketPolicy")),
    ("publicAccessBlock", Err("NoSuchPublicAccessBlockConfiguration")),
    ("encryption", Err("ServerSideEncryptionConfigurationNotFoundError")),
    ("versioning", Ok("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>")),
    ("logging", Ok("<BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>")),
];

fn reply(answer: Result<&str, &str>) -> Reply {
    const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    match answer {
        Ok(body) => ("200 OK", "application/xml", format!("{XML}{body}")),
        Err(code) => ("404 Not Found", "application/xml", format!("{XML}<Error><Code>{code}</Code><Message>none</Message></Error>")),
    }
}

fn answer(r: &Request) -> Reply {
    if r.path() == "/" {
        return reply(Ok(LIST));
    }
    let query = r.target.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let has = |p: &str| query.split('&').any(|kv| kv.split('=').next() == Some(p));
    let found = BUCKET_ANSWERS.iter().find(|(param, _)| has(param));
    reply(found.map_or(Err("NotImplemented"), |(_, a)| *a))
}

/// The bucket a path-style request is for (`/legacy/?location` and `/legacy?acl` alike).
fn bucket(r: &Request) -> &str {
    r.path().trim_matches('/')
}

#[test]
fn listed_bucket_regions_replace_get_bucket_location() {
    let (c, seen) = replay::collect(answer, "s3");
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
}
