use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags EC2 instances whose root volume, or an EBS volume declared inline, is not encrypted
    /// (the default unless the account enables EBS encryption by default).
    ///
    /// ## Why is this bad
    /// Unencrypted volumes and their snapshots expose whatever the instance stored (datasets,
    /// model checkpoints, credentials in configuration) to anyone who can copy or share a snapshot.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_instance" "trainer" {
    ///   ami           = "ami-0123456789abcdef0"
    ///   instance_type = "p4d.24xlarge"
    ///   root_block_device {
    ///     volume_size = 500
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `root_block_device { encrypted = true }` (and on every `ebs_block_device`), or enable
    /// EBS encryption by default for the account with `aws_ebs_encryption_by_default`.
    pub struct Ec2UnencryptedVolume;
    meta {
        id: "TR-AWS-EC2-003",
        title: "EC2 instance volume is not encrypted",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "ec2",
        ai: false,
        remediation: "Set `encrypted = true` in `root_block_device` and each `ebs_block_device`, or enable `aws_ebs_encryption_by_default`.",
        references: [
            ("CIS AWS Foundations Benchmark 2.2.1", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Amazon EBS encryption", "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"),
        ],
        compliance: [(CisAws, "2.2.1")],
    }
    fn check(state, out) {
        for i in &state.aws.compute.instances {
            if i.root_volume_encrypted.is(&false) {
                out.at_attr(&i.meta, &i.root_volume_encrypted, "root_block_device.encrypted", format!("root volume {}", stated(&i.root_volume_encrypted, "is not encrypted")));
            }
            for v in i.ebs_volumes_encrypted.iter().filter(|v| v.is(&false)) {
                out.at_attr(&i.meta, v, "ebs_block_device.encrypted", format!("EBS volume {}", stated(v, "is not encrypted")));
            }
        }
    }
}
