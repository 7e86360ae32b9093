//! Compliance mapping: the frameworks a rule serves, the requirements of each framework (id and
//! title, in one table), and the per-requirement pass/fail evaluation behind
//! `tightrope audit --compliance FRAMEWORK`.
//!
//! A rule lists `(Framework, "requirement id")` pairs in its `compliance: [...]` metadata; every
//! pair must name a requirement of [`REQUIREMENTS`] (a test checks it), so summaries can always
//! print the requirement's title. Mappings are deliberately conservative: a rule maps to a
//! requirement only when a failure of the rule is evidence that the requirement is not met.

use crate::rule::Rule;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;
use tightrope_core::{CloudState, Finding};

/// A compliance framework that rules can map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Framework {
    /// CIS Amazon Web Services Foundations Benchmark v3.0.0.
    CisAws,
    /// CIS Microsoft Azure Foundations Benchmark v2.1.0.
    CisAzure,
    /// CIS Google Cloud Platform Foundation Benchmark v2.0.0.
    CisGcp,
    /// NIST AI Risk Management Framework 1.0 (AI 100-1): GOVERN, MAP, MEASURE, MANAGE subcategories.
    NistAiRmf,
    /// OWASP Top 10 for LLM Applications 2025.
    OwaspLlm,
    /// MITRE ATLAS techniques.
    MitreAtlas,
    /// ISO/IEC 42001:2023 Annex A controls.
    Iso42001,
}

impl Framework {
    pub const ALL: [Framework; 7] = [
        Framework::CisAws,
        Framework::CisAzure,
        Framework::CisGcp,
        Framework::NistAiRmf,
        Framework::OwaspLlm,
        Framework::MitreAtlas,
        Framework::Iso42001,
    ];

    /// The command-line name (`--compliance cis-aws`).
    pub fn slug(self) -> &'static str {
        match self {
            Framework::CisAws => "cis-aws",
            Framework::CisAzure => "cis-azure",
            Framework::CisGcp => "cis-gcp",
            Framework::NistAiRmf => "nist-ai-rmf",
            Framework::OwaspLlm => "owasp-llm",
            Framework::MitreAtlas => "mitre-atlas",
            Framework::Iso42001 => "iso-42001",
        }
    }

    /// The framework's full name and version.
    pub fn name(self) -> &'static str {
        match self {
            Framework::CisAws => "CIS Amazon Web Services Foundations Benchmark v3.0.0",
            Framework::CisAzure => "CIS Microsoft Azure Foundations Benchmark v2.1.0",
            Framework::CisGcp => "CIS Google Cloud Platform Foundation Benchmark v2.0.0",
            Framework::NistAiRmf => "NIST AI Risk Management Framework 1.0 (AI 100-1)",
            Framework::OwaspLlm => "OWASP Top 10 for LLM Applications 2025",
            Framework::MitreAtlas => "MITRE ATLAS",
            Framework::Iso42001 => "ISO/IEC 42001:2023 Annex A",
        }
    }

    /// A short prefix for requirement labels (`CIS-AWS 3.1`, `OWASP LLM03`).
    pub fn short(self) -> &'static str {
        match self {
            Framework::CisAws => "CIS AWS",
            Framework::CisAzure => "CIS Azure",
            Framework::CisGcp => "CIS GCP",
            Framework::NistAiRmf => "NIST AI RMF",
            Framework::OwaspLlm => "OWASP",
            Framework::MitreAtlas => "MITRE ATLAS",
            Framework::Iso42001 => "ISO/IEC 42001",
        }
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl FromStr for Framework {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Framework::ALL
            .into_iter()
            .find(|f| f.slug().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<_> = Framework::ALL.iter().map(|f| f.slug()).collect();
                format!(
                    "unknown compliance framework `{s}` (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// One requirement of a framework: a control, subcategory, risk or technique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    pub framework: Framework,
    /// The framework's own identifier (`3.1`, `MEASURE 2.7`, `LLM02`, `AML.T0055`, `A.6.2.8`).
    pub id: &'static str,
    pub title: &'static str,
}

macro_rules! requirements {
    ($($fw:ident $id:literal => $title:literal),* $(,)?) => {
        /// Every requirement any rule maps to, with its title, grouped by framework.
        pub static REQUIREMENTS: &[Requirement] = &[$(Requirement { framework: Framework::$fw, id: $id, title: $title }),*];
    };
}

requirements! {
    CisAws "1.15" => "Ensure IAM users receive permissions only through groups",
    CisAws "1.16" => "Ensure IAM policies that allow full \"*:*\" administrative privileges are not attached",
    CisAws "2.1.1" => "Ensure S3 bucket policy is set to deny HTTP requests",
    CisAws "2.1.4" => "Ensure that S3 buckets are configured with 'Block public access (bucket settings)'",
    CisAws "2.2.1" => "Ensure EBS volume encryption is enabled in all regions",
    CisAws "2.3.1" => "Ensure that encryption-at-rest is enabled for RDS instances",
    CisAws "2.3.3" => "Ensure that public access is not given to RDS instance",
    CisAws "3.1" => "Ensure CloudTrail is enabled in all regions",
    CisAws "3.2" => "Ensure CloudTrail log file validation is enabled",
    CisAws "3.5" => "Ensure CloudTrail logs are encrypted at rest using KMS CMKs",
    CisAws "3.6" => "Ensure rotation for customer-created symmetric CMKs is enabled",
    CisAws "3.8" => "Ensure that object-level logging for write events is enabled for S3 bucket",
    CisAws "3.9" => "Ensure that object-level logging for read events is enabled for S3 bucket",
    CisAws "4.16" => "Ensure AWS Security Hub is enabled",
    CisAws "5.2" => "Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports",
    CisAws "5.3" => "Ensure no security groups allow ingress from ::/0 to remote server administration ports",
    CisAws "5.6" => "Ensure that EC2 Metadata Service only allows IMDSv2",

    CisAzure "3.1" => "Ensure that 'Secure transfer required' is set to 'Enabled'",
    CisAzure "3.7" => "Ensure that 'Public access level' is disabled for storage accounts with blob containers",
    CisAzure "3.8" => "Ensure default network access rule for storage accounts is set to deny",
    CisAzure "3.12" => "Ensure storage for critical data are encrypted with customer managed keys",
    CisAzure "3.15" => "Ensure the 'Minimum TLS version' for storage accounts is set to 'Version 1.2'",

    CisGcp "4.8" => "Ensure compute instances are launched with Shielded VM enabled",
    CisGcp "4.9" => "Ensure that compute instances do not have public IP addresses",
    CisGcp "5.1" => "Ensure that Cloud Storage bucket is not anonymously or publicly accessible",
    CisGcp "5.2" => "Ensure that Cloud Storage buckets have uniform bucket-level access enabled",

    NistAiRmf "GOVERN 6.1" => "Policies and procedures are in place that address AI risks associated with third-party entities",
    NistAiRmf "MAP 4.1" => "Approaches for mapping AI technology and legal risks of its components, including third-party data or software, are in place",
    NistAiRmf "MEASURE 2.4" => "The functionality and behavior of the AI system and its components are monitored when in production",
    NistAiRmf "MEASURE 2.7" => "AI system security and resilience are evaluated and documented",
    NistAiRmf "MEASURE 2.10" => "Privacy risk of the AI system is examined and documented",
    NistAiRmf "MANAGE 2.4" => "Mechanisms are in place to supersede, disengage, or deactivate AI systems that demonstrate outcomes inconsistent with intended use",
    NistAiRmf "MANAGE 3.1" => "AI risks and benefits from third-party resources are regularly monitored, and risk controls are applied and documented",
    NistAiRmf "MANAGE 4.1" => "Post-deployment AI system monitoring plans are implemented",

    OwaspLlm "LLM01" => "Prompt Injection",
    OwaspLlm "LLM02" => "Sensitive Information Disclosure",
    OwaspLlm "LLM03" => "Supply Chain",
    OwaspLlm "LLM04" => "Data and Model Poisoning",
    OwaspLlm "LLM05" => "Improper Output Handling",
    OwaspLlm "LLM06" => "Excessive Agency",
    OwaspLlm "LLM07" => "System Prompt Leakage",
    OwaspLlm "LLM08" => "Vector and Embedding Weaknesses",
    OwaspLlm "LLM09" => "Misinformation",
    OwaspLlm "LLM10" => "Unbounded Consumption",

    MitreAtlas "AML.T0010" => "AI Supply Chain Compromise",
    MitreAtlas "AML.T0011" => "User Execution",
    MitreAtlas "AML.T0012" => "Valid Accounts",
    MitreAtlas "AML.T0020" => "Poison Training Data",
    MitreAtlas "AML.T0024" => "Exfiltration via AI Inference API",
    MitreAtlas "AML.T0025" => "Exfiltration via Cyber Means",
    MitreAtlas "AML.T0035" => "AI Artifact Collection",
    MitreAtlas "AML.T0036" => "Data from Information Repositories",
    MitreAtlas "AML.T0040" => "AI Model Inference API Access",
    MitreAtlas "AML.T0049" => "Exploit Public-Facing Application",
    MitreAtlas "AML.T0051" => "LLM Prompt Injection",
    MitreAtlas "AML.T0054" => "LLM Jailbreak",
    MitreAtlas "AML.T0055" => "Unsecured Credentials",
    MitreAtlas "AML.T0057" => "LLM Data Leakage",
    MitreAtlas "AML.T0070" => "RAG Poisoning",

    Iso42001 "A.6.2.6" => "AI system operation and monitoring",
    Iso42001 "A.6.2.8" => "AI system recording of event logs",
    Iso42001 "A.7.2" => "Data for development and enhancement of AI system",
    Iso42001 "A.7.5" => "Data provenance",
    Iso42001 "A.10.3" => "Suppliers",
}

/// The requirement `id` of `framework`, if the table has it.
pub fn requirement(framework: Framework, id: &str) -> Option<&'static Requirement> {
    REQUIREMENTS
        .iter()
        .find(|r| r.framework == framework && r.id == id)
}

/// The requirements of `framework`, in table order.
pub fn requirements(framework: Framework) -> impl Iterator<Item = &'static Requirement> {
    REQUIREMENTS
        .iter()
        .filter(move |r| r.framework == framework)
}

/// Pass/fail of one requirement over one scan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Mapped rules ran, resources were in scope, no unsuppressed finding.
    Pass,
    /// At least one unsuppressed finding of a mapped rule.
    Fail,
    /// No mapped rule ran, or none of their resources were in the scan.
    NotEvaluated,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotEvaluated => "not evaluated",
        }
    }
}

/// The outcome of one requirement.
#[derive(Debug, Clone)]
pub struct RequirementResult {
    pub requirement: &'static Requirement,
    /// Ids of the selected rules mapped to the requirement.
    pub rules: Vec<&'static str>,
    /// Distinct resources in scope of those rules (resources of the services they check).
    pub resources_evaluated: usize,
    /// Unsuppressed findings of those rules, at or above the severity threshold.
    pub failing: Vec<Finding>,
    pub status: Status,
}

/// Evaluate every requirement of `framework` over a scan: `rules` are the rules that ran,
/// `findings` the ones to count (already filtered by severity and suppression).
pub fn evaluate(
    framework: Framework,
    state: &CloudState,
    rules: &[&'static dyn Rule],
    findings: &[&Finding],
) -> Vec<RequirementResult> {
    let inventory = crate::scope::Inventory::of(state);
    requirements(framework)
        .map(|req| {
            let mapped: Vec<&'static dyn Rule> = rules
                .iter()
                .copied()
                .filter(|r| {
                    r.meta()
                        .compliance
                        .iter()
                        .any(|(f, id)| *f == framework && *id == req.id)
                })
                .collect();
            let ids: Vec<&'static str> = mapped.iter().map(|r| r.meta().id).collect();
            let mut resources = BTreeSet::new();
            for r in &mapped {
                resources.extend(inventory.in_scope(r.meta()));
            }
            let failing: Vec<Finding> = findings
                .iter()
                .filter(|f| ids.contains(&f.rule_id.as_str()))
                .map(|f| (*f).clone())
                .collect();
            let status = if !failing.is_empty() {
                Status::Fail
            } else if mapped.is_empty() || resources.is_empty() {
                Status::NotEvaluated
            } else {
                Status::Pass
            };
            RequirementResult {
                requirement: req,
                rules: ids,
                resources_evaluated: resources.len(),
                failing,
                status,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mapping_names_a_known_requirement() {
        for rule in crate::rules::all() {
            for (f, id) in rule.meta().compliance {
                assert!(
                    requirement(*f, id).is_some(),
                    "{}: {} {id} is not in compliance::REQUIREMENTS",
                    rule.meta().id,
                    f
                );
            }
        }
    }

    #[test]
    fn requirement_ids_are_unique_per_framework() {
        let mut seen = BTreeSet::new();
        for r in REQUIREMENTS {
            assert!(
                seen.insert((r.framework, r.id)),
                "duplicate {} {}",
                r.framework,
                r.id
            );
        }
    }

    #[test]
    fn framework_names_round_trip() {
        for f in Framework::ALL {
            assert_eq!(f.slug().parse::<Framework>(), Ok(f));
        }
        assert!(
            "pci"
                .parse::<Framework>()
                .unwrap_err()
                .contains("owasp-llm")
        );
    }
}
