use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags S3 buckets with no public access block, or with one whose four settings are not all
    /// `true` (each defaults to `false` when left out of `aws_s3_bucket_public_access_block`).
    ///
    /// ## Why is this bad
    /// The public access block is the guard that keeps a later ACL or bucket policy change from
    /// making training data, model artefacts or logs public. Any setting left off weakens that guard.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket" "datasets" {
    ///   bucket = "acme-training-datasets"
    /// }
    ///
    /// resource "aws_s3_bucket_public_access_block" "datasets" {
    ///   bucket             = aws_s3_bucket.datasets.id
    ///   block_public_acls  = true
    ///   block_public_policy = false
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Declare an `aws_s3_bucket_public_access_block` for the bucket with `block_public_acls`,
    /// `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` all `true`
    /// (or enforce them account-wide with `aws_s3_account_public_access_block`).
    pub struct S3PublicAccessBlock;
    meta {
        id: "TR-AWS-S3-001",
        title: "S3 bucket public access is not fully blocked",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "s3",
        ai: false,
        remediation: "Add an `aws_s3_bucket_public_access_block` (CloudFormation: `PublicAccessBlockConfiguration`) with all four settings `true`.",
        references: [
            ("CIS AWS Foundations Benchmark 2.1.4", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Blocking public access to your Amazon S3 storage", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"),
        ],
        compliance: [(CisAws, "2.1.4"), (MitreAtlas, "AML.T0036")],
    }
    fn check(state, out) {
        for b in &state.aws.s3.buckets {
            let Some(pab) = &b.public_access_block else {
                out.at_resource(&b.meta, "bucket has no public access block");
                continue;
            };
            let flags = [
                (&pab.block_public_acls, "block_public_acls"),
                (&pab.block_public_policy, "block_public_policy"),
                (&pab.ignore_public_acls, "ignore_public_acls"),
                (&pab.restrict_public_buckets, "restrict_public_buckets"),
            ];
            for (attr, name) in flags {
                if attr.is(&false) {
                    out.at_attr(&b.meta, attr, name, format!("public access block: `{name}` {}", stated(attr, "is false")));
                }
            }
        }
    }
}
