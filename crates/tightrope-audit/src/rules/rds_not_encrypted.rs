use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags RDS DB instances and RDS / Aurora clusters whose storage is not encrypted. Instances
    /// that belong to a cluster take the cluster's setting and are not reported separately.
    ///
    /// ## Why is this bad
    /// Relational stores behind AI applications hold embeddings (pgvector), chat history and the
    /// source records of RAG. Unencrypted, their snapshots and volumes are readable by whoever can
    /// copy or share them, and encryption cannot be added later without a migration.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_db_instance" "vectors" {
    ///   engine            = "postgres"
    ///   instance_class    = "db.r6g.large"
    ///   storage_encrypted = false
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `storage_encrypted = true` with a customer-managed `kms_key_id`.
    pub struct RdsNotEncrypted;
    meta {
        id: "TR-AWS-RDS-001",
        title: "RDS / Aurora storage is not encrypted",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "rds",
        ai: false,
        remediation: "Set `storage_encrypted = true` (CloudFormation: `StorageEncrypted: true`) and `kms_key_id`; existing databases must be restored from an encrypted snapshot copy.",
        references: [
            ("CIS AWS Foundations Benchmark 2.3.1", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Encrypting Amazon RDS resources", "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
        ],
        compliance: [(CisAws, "2.3.1"), (OwaspLlm, "LLM08")],
    }
    fn check(state, out) {
        let rds = &state.aws.rds;
        for db in rds.instances.iter().filter(|i| i.cluster.is_absent()).chain(&rds.clusters) {
            if db.storage_encrypted.is(&false) {
                out.at_attr(&db.meta, &db.storage_encrypted, "storage_encrypted", stated(&db.storage_encrypted, "storage is not encrypted"));
            }
        }
    }
}
