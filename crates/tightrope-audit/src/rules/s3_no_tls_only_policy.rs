use crate::declare_rule;
use tightrope_core::policy::{Effect, PolicyDocument};

/// A `Deny` statement conditioned on `aws:SecureTransport` being false.
fn denies_plain_http(doc: &PolicyDocument) -> bool {
    doc.statements.iter().any(|s| {
        s.effect == Effect::Deny && s.condition.as_ref().is_some_and(|c| c.to_string().to_ascii_lowercase().contains("aws:securetransport"))
    })
}

declare_rule! {
    /// ## What it does
    /// Flags S3 buckets whose bucket policy does not deny requests made without TLS
    /// (`aws:SecureTransport = false`), including buckets with no policy at all.
    ///
    /// ## Why is this bad
    /// S3 accepts plain HTTP. Without a TLS-only policy, a misconfigured client, SDK or training
    /// script can read or write datasets and model artifacts in clear text, where they can be
    /// observed or altered in transit.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket" "datasets" { bucket = "datasets" }
    /// # no aws_s3_bucket_policy denying aws:SecureTransport = false
    /// ```
    ///
    /// ## Remediation
    /// Add a bucket policy statement `Effect: Deny, Principal: *, Action: s3:*` on the bucket and its
    /// objects with `Condition: {"Bool": {"aws:SecureTransport": "false"}}`.
    pub struct S3NoTlsOnlyPolicy;
    meta {
        id: "TR-AWS-S3-006",
        title: "S3 bucket policy does not require TLS",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "s3",
        ai: false,
        remediation: "Add a `Deny` statement for `s3:*` on the bucket and `bucket/*` with `\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}`.",
        references: [
            ("AWS Foundational Security Best Practices S3.5", "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5"),
            ("CIS AWS Foundations Benchmark 2.1.1", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Enforce encryption in transit for S3", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"),
        ],
        compliance: [(CisAws, "2.1.1")],
    }
    fn check(state, out) {
        for b in &state.aws.s3.buckets {
            if b.policy.is_unknown() || b.policy.get().is_some_and(denies_plain_http) {
                continue;
            }
            let why = if b.policy.get().is_some() { "bucket policy does not deny requests without TLS" } else { "bucket has no policy denying requests without TLS" };
            out.at_attr(&b.meta, &b.policy, "policy", why);
        }
    }
}
