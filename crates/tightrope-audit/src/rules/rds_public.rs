use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags RDS DB instances and clusters that are publicly accessible.
    ///
    /// ## Why is this bad
    /// A public database gets a DNS name that resolves to a public address: its login is then
    /// exposed to password spraying and to every vulnerability of the engine from the internet,
    /// with the embeddings, conversations and records an AI application keeps there.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_db_instance" "vectors" {
    ///   engine              = "postgres"
    ///   publicly_accessible = true
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `publicly_accessible = false` and reach the database through the VPC (VPN, bastion, or
    /// RDS Proxy).
    pub struct RdsPublic;
    meta {
        id: "TR-AWS-RDS-002",
        title: "RDS database is publicly accessible",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "rds",
        ai: false,
        remediation: "Set `publicly_accessible = false` (CloudFormation: `PubliclyAccessible: false`) and place the database in private subnets.",
        references: [
            ("CIS AWS Foundations Benchmark 2.3.3", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS Foundational Security Best Practices RDS.2", "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
        ],
        compliance: [(CisAws, "2.3.3"), (OwaspLlm, "LLM08")],
    }
    fn check(state, out) {
        let rds = &state.aws.rds;
        for db in rds.instances.iter().chain(&rds.clusters) {
            if db.publicly_accessible.is(&true) {
                out.at_attr(&db.meta, &db.publicly_accessible, "publicly_accessible", "database is publicly accessible");
            }
        }
    }
}
