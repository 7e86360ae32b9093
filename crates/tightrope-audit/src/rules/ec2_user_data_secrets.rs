use crate::declare_rule;
use crate::secrets;

declare_rule! {
    /// ## What it does
    /// Flags EC2 instances whose user data contains something that looks like a secret: an AWS
    /// access key id, an `aws_secret_access_key` assignment, a Hugging Face (`hf_...`) or API
    /// (`sk-...`) token, or a private key.
    ///
    /// ## Why is this bad
    /// User data is not secret: anyone who can describe the instance attribute, and every process
    /// on the instance through the metadata service, can read it. It is also kept in Terraform
    /// state and launch templates. A credential there is as good as published.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_instance" "inference" {
    ///   ami           = "ami-0123456789abcdef0"
    ///   instance_type = "g5.xlarge"
    ///   user_data     = <<-EOF
    ///     #!/bin/bash
    ///     export HF_TOKEN=hf_...
    ///   EOF
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Revoke the credential, then have the instance fetch secrets at boot from Secrets Manager or
    /// SSM Parameter Store with its instance role.
    pub struct Ec2UserDataSecrets;
    meta {
        id: "TR-AWS-EC2-004",
        title: "EC2 user data contains a secret",
        severity: Critical,
        step: Audit,
        provider: "aws",
        service: "ec2",
        ai: false,
        remediation: "Revoke the exposed credential, remove it from `user_data`, and read secrets at boot from Secrets Manager or SSM Parameter Store using the instance role.",
        references: [
            ("AWS: Run commands when you launch an EC2 instance with user data input", "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for i in &state.aws.compute.instances {
            let Some(text) = i.user_data.get() else { continue };
            let found = secrets::scan_text(text);
            if found.is_empty() {
                continue;
            }
            let kinds: Vec<&str> = found.iter().map(|m| m.kind).collect();
            let evidence: Vec<String> = found.iter().map(secrets::SecretMatch::evidence).collect();
            out.at_attr(&i.meta, &i.user_data, "user_data", format!("user data contains {} secret-looking value(s): {}", found.len(), kinds.join(", ")))
                .evidence = Some(evidence.join("; "));
        }
    }
}
