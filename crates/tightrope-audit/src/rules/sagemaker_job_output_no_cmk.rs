use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags SageMaker training, processing and monitoring jobs whose output (written to S3) is not
    /// encrypted with a customer-managed KMS key.
    ///
    /// ## Why is this bad
    /// Job outputs are model artifacts, statistics and samples of the data the model sees. Written
    /// with the bucket's default encryption, anyone with read access to the bucket can read them;
    /// a customer-managed key adds a second, auditable permission.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_data_quality_job_definition" "drift" {
    ///   data_quality_job_output_config {
    ///     monitoring_outputs { s3_output { s3_uri = "s3://monitoring/out" } }
    ///     # no kms_key_id
    ///   }
    ///   ...
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set the output configuration's `kms_key_id` to a customer-managed key.
    pub struct SageMakerJobOutputNoCmk;
    meta {
        id: "TR-AWS-SAGEMAKER-016",
        title: "SageMaker job output is not encrypted with a customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `data_quality_job_output_config.kms_key_id` (CloudFormation: `<Kind>JobOutputConfig.KmsKeyId`) to a customer-managed KMS key.",
        references: [
            ("AWS: Protect data at rest using encryption (SageMaker)", "https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html"),
            ("Checkov CKV_AWS_367", "https://www.checkov.io/5.Policy%20Index/terraform.html"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (NistAiRmf, "MEASURE 2.7"), (Iso42001, "A.7.2")],
    }
    fn check(state, out) {
        for j in &state.aws.sagemaker.training_jobs {
            if no_customer_key(&j.output_kms_key) {
                out.at_attr(&j.meta, &j.output_kms_key, "data_quality_job_output_config.kms_key_id", format!("job output {}", key_problem(&j.output_kms_key)));
            }
        }
    }
}
