use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags standalone EBS volumes (`aws_ebs_volume`, `AWS::EC2::Volume`) that are not encrypted.
    ///
    /// ## Why is this bad
    /// Data volumes attached to training and inference hosts hold datasets, checkpoints and model
    /// weights. Their snapshots can be copied and shared across accounts; unencrypted, anyone who
    /// gets a snapshot reads everything.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_ebs_volume" "checkpoints" {
    ///   availability_zone = "us-east-1a"
    ///   size              = 500
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `encrypted = true` with a customer-managed `kms_key_id`, and enable EBS encryption by
    /// default in every region.
    pub struct EbsVolumeUnencrypted;
    meta {
        id: "TR-AWS-EC2-006",
        title: "EBS volume is not encrypted",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "ec2",
        ai: false,
        remediation: "Set `encrypted = true` and `kms_key_id` (CloudFormation: `Encrypted: true`, `KmsKeyId`), and turn on `aws_ebs_encryption_by_default`.",
        references: [
            ("CIS AWS Foundations Benchmark 2.2.1", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Amazon EBS encryption", "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(CisAws, "2.2.1"), (MitreAtlas, "AML.T0035")],
    }
    fn check(state, out) {
        for v in &state.aws.ebs.volumes {
            if v.encrypted.is(&false) {
                out.at_attr(&v.meta, &v.encrypted, "encrypted", stated(&v.encrypted, "volume is not encrypted"));
            }
        }
    }
}
