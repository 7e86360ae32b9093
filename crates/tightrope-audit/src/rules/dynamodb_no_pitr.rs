use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags DynamoDB tables without point-in-time recovery.
    ///
    /// ## Why is this bad
    /// Without PITR a bad write, a compromised application or ransomware that overwrites items
    /// (agent memory, feature data, conversation state) can only be undone from manual backups, if
    /// any exist.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_dynamodb_table" "agent_memory" {
    ///   name     = "agent-memory"
    ///   hash_key = "session"
    ///   # no point_in_time_recovery { enabled = true }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `point_in_time_recovery { enabled = true }`.
    pub struct DynamoDbNoPitr;
    meta {
        id: "TR-AWS-DYNAMODB-001",
        title: "DynamoDB table has no point-in-time recovery",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "dynamodb",
        ai: false,
        remediation: "Add `point_in_time_recovery { enabled = true }` (CloudFormation: `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true`).",
        references: [
            ("AWS: Point-in-time recovery for DynamoDB", "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html"),
            ("AWS Foundational Security Best Practices DynamoDB.2", "https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html"),
            ("NIST AI RMF (MANAGE 2.3)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
    }
    fn check(state, out) {
        for t in &state.aws.dynamodb.tables {
            if t.point_in_time_recovery.is(&false) {
                out.at_attr(&t.meta, &t.point_in_time_recovery, "point_in_time_recovery.enabled", stated(&t.point_in_time_recovery, "point-in-time recovery is off"));
            }
        }
    }
}
