use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker notebook instances whose minimum instance metadata service version is 1,
    /// the default, so that IMDSv1 requests are answered.
    ///
    /// ## Why is this bad
    /// IMDSv1 answers any request from the instance, including one a server-side request forgery
    /// in a notebook server extension or a model-serving demo is tricked into making, and hands out
    /// the execution role's temporary credentials.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_notebook_instance" "research" {
    ///   name          = "research"
    ///   role_arn      = aws_iam_role.sagemaker.arn
    ///   instance_type = "ml.t3.medium"
    ///   instance_metadata_service_configuration {
    ///     minimum_instance_metadata_service_version = "1"   # the default when left out
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `minimum_instance_metadata_service_version = "2"`.
    pub struct SageMakerNotebookImdsV1;
    meta {
        id: "TR-AWS-SAGEMAKER-005",
        title: "SageMaker notebook instance allows IMDSv1",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Add `instance_metadata_service_configuration { minimum_instance_metadata_service_version = \"2\" }` (CloudFormation: `InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion: \"2\"`).",
        references: [
            ("AWS: InstanceMetadataServiceConfiguration (SageMaker API)", "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InstanceMetadataServiceConfiguration.html"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
        ],
        compliance: [(MitreAtlas, "AML.T0055"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.aws.sagemaker.notebook_instances {
            let v1 = nb.minimum_imds_version.get().is_some_and(|v| v.trim().trim_start_matches(['v', 'V']) == "1");
            if v1 {
                let msg = format!("the minimum IMDS version {}, so IMDSv1 is allowed", stated(&nb.minimum_imds_version, "is 1"));
                out.at_attr(&nb.meta, &nb.minimum_imds_version, "instance_metadata_service_configuration.minimum_instance_metadata_service_version", msg);
            }
        }
    }
}
