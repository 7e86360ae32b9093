use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker Studio domains whose apps use `PublicInternetOnly` network access, the default.
    ///
    /// ## Why is this bad
    /// In `PublicInternetOnly` mode Studio apps reach the internet through a SageMaker-managed
    /// network: your VPC's security groups, endpoints and egress controls do not apply, so notebook
    /// code can send data and credentials anywhere.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_domain" "studio" {
    ///   domain_name             = "studio"
    ///   auth_mode               = "IAM"
    ///   vpc_id                  = aws_vpc.ml.id
    ///   subnet_ids              = [aws_subnet.private.id]
    ///   app_network_access_type = "PublicInternetOnly"   # the default when left out
    ///   default_user_settings {
    ///     execution_role = aws_iam_role.studio.arn
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `app_network_access_type = "VpcOnly"` and give the subnets VPC endpoints (or a NAT with
    /// egress filtering).
    pub struct SageMakerDomainPublicInternet;
    meta {
        id: "TR-AWS-SAGEMAKER-008",
        title: "SageMaker Studio domain uses public internet access",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `app_network_access_type = \"VpcOnly\"` (CloudFormation: `AppNetworkAccessType: VpcOnly`) and add VPC endpoints for the services Studio needs.",
        references: [
            ("AWS: Connect Studio notebooks in a VPC to external resources", "https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.sagemaker.domains {
            if d.app_network_access_type.eq_ignore_case("PublicInternetOnly") {
                let msg = format!("Studio apps {}", stated(&d.app_network_access_type, "use PublicInternetOnly network access"));
                out.at_attr(&d.meta, &d.app_network_access_type, "app_network_access_type", msg);
            }
        }
    }
}
