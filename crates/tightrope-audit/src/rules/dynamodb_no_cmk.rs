use crate::declare_rule;
use crate::rules::support::no_customer_key;

declare_rule! {
    /// ## What it does
    /// Flags DynamoDB tables that are not encrypted with a customer-managed KMS key: encryption
    /// with the AWS-owned key (the default), or KMS with the AWS-managed `aws/dynamodb` key.
    ///
    /// ## Why is this bad
    /// With an AWS-owned or AWS-managed key, access to the data is governed by table permissions
    /// alone; you cannot limit, audit or revoke decryption separately.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_dynamodb_table" "features" {
    ///   name     = "features"
    ///   hash_key = "id"
    ///   # no server_side_encryption { enabled = true, kms_key_arn = ... }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.k.arn }`.
    pub struct DynamoDbNoCmk;
    meta {
        id: "TR-AWS-DYNAMODB-002",
        title: "DynamoDB table is not encrypted with a customer-managed KMS key",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "dynamodb",
        ai: false,
        remediation: "Set `server_side_encryption { enabled = true, kms_key_arn = <customer-managed key> }` (CloudFormation: `SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: ...}`).",
        references: [
            ("AWS: DynamoDB encryption at rest", "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html"),
            ("Checkov CKV_AWS_119", "https://www.checkov.io/5.Policy%20Index/terraform.html"),
            ("NIST AI RMF (MANAGE 2.4)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
    }
    fn check(state, out) {
        for t in &state.aws.dynamodb.tables {
            if t.sse_kms.is(&false) {
                out.at_attr(&t.meta, &t.sse_kms, "server_side_encryption.enabled", "table is encrypted with the AWS-owned key, not a customer-managed KMS key");
            } else if t.sse_kms.is(&true) && no_customer_key(&t.kms_key) {
                out.at_attr(&t.meta, &t.kms_key, "server_side_encryption.kms_key_arn", "table uses the AWS-managed `aws/dynamodb` key, not a customer-managed key");
            }
        }
    }
}
