use crate::declare_rule;
use crate::rules::support::{find_role, role_policies};

/// Data-plane actions of data stores and AI services that mark a function as one that touches data.
const DATA_ACTIONS: &[&str] = &[
    "s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "rds-data:ExecuteStatement",
    "rds-db:connect", "es:ESHttpGet", "es:ESHttpPost", "aoss:APIAccessAll", "bedrock:Retrieve", "bedrock:InvokeModel",
    "secretsmanager:GetSecretValue",
];

declare_rule! {
    /// ## What it does
    /// Flags Lambda functions outside a VPC whose execution role (declared in the scan) may read or
    /// write data stores or AI services: S3 objects, DynamoDB items, RDS, OpenSearch, Bedrock
    /// knowledge bases and models, Secrets Manager.
    ///
    /// ## Why is this bad
    /// A function outside your VPC reaches data over public endpoints with unrestricted egress: VPC
    /// endpoint policies, `aws:SourceVpce` bucket conditions and egress filtering cannot apply, so
    /// injected or compromised code (an agent's action group, a RAG ingestion function) can send the
    /// data anywhere.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_lambda_function" "ingest" {
    ///   function_name = "rag-ingest"
    ///   role          = aws_iam_role.ingest.arn   # allowed s3:GetObject and bedrock:InvokeModel
    ///   # no vpc_config
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `vpc_config` with private subnets and security groups, and VPC endpoints for the services
    /// it calls.
    pub struct LambdaDataAccessNoVpc;
    meta {
        id: "TR-AWS-LAMBDA-002",
        title: "Lambda function that accesses data is not in a VPC",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "lambda",
        ai: false,
        remediation: "Add `vpc_config { subnet_ids = [...], security_group_ids = [...] }` (CloudFormation: `VpcConfig`) with private subnets, and VPC endpoints for S3, DynamoDB and Bedrock.",
        references: [
            ("AWS: Giving Lambda functions access to resources in an Amazon VPC", "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html"),
            ("AWS Foundational Security Best Practices Lambda.3", "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
        ],
        compliance: [(OwaspLlm, "LLM06"), (MitreAtlas, "AML.T0025")],
    }
    fn check(state, out) {
        for f in &state.aws.compute.lambda_functions {
            if !f.in_vpc.is(&false) {
                continue;
            }
            let Some(role) = find_role(state, &f.role) else { continue };
            let granted = role_policies(state, role).into_iter().filter_map(|(_, d)| d.get()).find_map(|doc| {
                DATA_ACTIONS.iter().find(|a| doc.allows().any(|s| s.grants_action(a))).copied()
            });
            if let Some(action) = granted {
                out.at_attr(&f.meta, &f.in_vpc, "vpc_config", format!("function is not in a VPC but its role may `{action}`"));
            }
        }
    }
}
