use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags S3 bucket policies with an `Allow` statement for any principal (`"*"` or
    /// `{"AWS": "*"}`) and no condition.
    ///
    /// ## Why is this bad
    /// Such a statement grants its actions to everyone, in every AWS account and anonymously. Unless
    /// a public access block stops it, the bucket's data is public.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket_policy" "datasets" {
    ///   bucket = aws_s3_bucket.datasets.id
    ///   policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.datasets.arn}/*" }]
    ///   })
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Name the principals that need access, or add a condition such as `aws:PrincipalOrgID` or
    /// `aws:SourceVpce`.
    pub struct S3PolicyAnyPrincipal;
    meta {
        id: "TR-AWS-S3-003",
        title: "S3 bucket policy allows any principal without a condition",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "s3",
        ai: false,
        remediation: "Replace `Principal: \"*\"` with specific principals, or restrict the statement with a condition (`aws:PrincipalOrgID`, `aws:SourceVpce`).",
        references: [
            ("AWS: Policy elements: Principal", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"),
            ("AWS: Examples of Amazon S3 bucket policies", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html"),
        ],
        compliance: [(MitreAtlas, "AML.T0036")],
    }
    fn check(state, out) {
        for b in &state.aws.s3.buckets {
            let Some(policy) = b.policy.get() else { continue };
            for s in policy.allows().filter(|s| s.any_principal() && s.condition.is_none()) {
                let what = s.sid.as_deref().map_or_else(|| "a statement".to_string(), |sid| format!("statement `{sid}`"));
                out.at_attr(&b.meta, &b.policy, "policy", format!("bucket policy {what} allows {} to any principal without a condition", s.actions.join(", ")));
            }
        }
    }
}
