use crate::declare_rule;

/// Canned ACLs that grant access beyond the bucket owner's account.
const PUBLIC_ACLS: [&str; 3] = ["public-read", "public-read-write", "authenticated-read"];

declare_rule! {
    /// ## What it does
    /// Flags S3 buckets with a public canned ACL: `public-read`, `public-read-write` or
    /// `authenticated-read` (which means any AWS account, not just yours).
    ///
    /// ## Why is this bad
    /// These ACLs let anyone list (and with `public-read-write`, overwrite) the bucket's objects:
    /// datasets, model weights, or anything later uploaded to it.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket_acl" "datasets" {
    ///   bucket = aws_s3_bucket.datasets.id
    ///   acl    = "public-read"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Use `acl = "private"`, or better, set object ownership to `BucketOwnerEnforced`, which
    /// disables ACLs, and share data through bucket policies naming specific principals.
    pub struct S3PublicAcl;
    meta {
        id: "TR-AWS-S3-002",
        title: "S3 bucket has a public canned ACL",
        severity: Critical,
        step: Audit,
        provider: "aws",
        service: "s3",
        ai: false,
        remediation: "Set `acl = \"private\"` (CloudFormation: `AccessControl: Private`) or disable ACLs with `BucketOwnerEnforced` object ownership.",
        references: [
            ("AWS: Canned ACL", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl"),
            ("CIS AWS Foundations Benchmark 2.1.4", "https://www.cisecurity.org/benchmark/amazon_web_services"),
        ],
        compliance: [(MitreAtlas, "AML.T0036")],
    }
    fn check(state, out) {
        for b in &state.aws.s3.buckets {
            if let Some(acl) = PUBLIC_ACLS.iter().find(|a| b.acl.eq_ignore_case(a)) {
                out.at_attr(&b.meta, &b.acl, "acl", format!("bucket ACL is `{acl}`"));
            }
        }
    }
}
