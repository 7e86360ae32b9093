use crate::declare_rule;
use crate::secrets;

declare_rule! {
    /// ## What it does
    /// Flags Lambda functions whose environment variables hold what looks like a secret: a
    /// recognisable token (AWS access key id, `hf_...`, `sk-...`, private key), or a literal value
    /// in a variable named like a secret (`*_SECRET*`, `*PASSWORD*`, `*TOKEN*`, `*API_KEY*`, ...).
    ///
    /// ## Why is this bad
    /// Environment variables are shown to anyone with `lambda:GetFunctionConfiguration`, stored in
    /// Terraform state and often logged by frameworks on error. LLM-calling functions are a common
    /// place for model-provider API keys to be pasted in.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_lambda_function" "chat" {
    ///   function_name = "chat"
    ///   role          = aws_iam_role.chat.arn
    ///   runtime       = "python3.12"
    ///   handler       = "app.handler"
    ///   filename      = "chat.zip"
    ///   environment {
    ///     variables = {
    ///       OPENAI_API_KEY = "sk-..."
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Revoke the credential, store it in Secrets Manager, and read it at run time (for example with
    /// the AWS Parameters and Secrets Lambda Extension); keep only the secret's name in the environment.
    pub struct LambdaEnvSecrets;
    meta {
        id: "TR-AWS-LAMBDA-001",
        title: "Lambda environment variable contains a secret",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "lambda",
        ai: false,
        remediation: "Move the value to Secrets Manager, pass only the secret's ARN or name in `environment.variables`, and revoke the exposed credential.",
        references: [
            ("AWS: Working with Lambda environment variables", "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for f in &state.aws.compute.lambda_functions {
            for (name, value) in &f.environment {
                let Some(m) = value.get().and_then(|v| secrets::in_variable(name, v)) else { continue };
                out.at_attr(&f.meta, value, "environment.variables", format!("environment variable `{name}` holds a {}", m.kind))
                    .evidence = Some(m.evidence());
            }
        }
    }
}
