//! Mapping of signals and actions to MITRE ATT&CK (cloud matrix) and MITRE ATLAS techniques.

use crate::signal::{Signal, SignalKind};
use serde::Serialize;

/// A technique of a MITRE framework.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Technique {
    /// `T1078.004`, `AML.T0034`, ...
    pub id: String,
    pub name: String,
    /// `ATT&CK` or `ATLAS`.
    pub framework: &'static str,
}

fn t(id: &str, name: &str) -> Technique {
    let framework = if id.starts_with("AML.") {
        "ATLAS"
    } else {
        "ATT&CK"
    };
    Technique {
        id: id.to_string(),
        name: name.to_string(),
        framework,
    }
}

/// Techniques an IAM action (`service:Name`) suggests when it is unusual for its caller.
pub fn for_action(action: &str) -> Vec<Technique> {
    let name = action.split_once(':').map_or(action, |(_, n)| n);
    match name {
        "StopLogging"
        | "DeleteTrail"
        | "UpdateTrail"
        | "PutEventSelectors"
        | "DeleteFlowLogs"
        | "DeleteModelInvocationLoggingConfiguration"
        | "StopConfigurationRecorder"
        | "DeleteConfigurationRecorder" => vec![t(
            "T1562.008",
            "Impair Defenses: Disable or Modify Cloud Logs",
        )],
        "DeleteDetector"
        | "UpdateDetector"
        | "DeleteGuardrail"
        | "UpdateGuardrail"
        | "DisableSecurityHub"
        | "BatchUpdateFindings" => vec![t("T1562.001", "Impair Defenses: Disable or Modify Tools")],
        "CreateAccessKey" | "CreateLoginProfile" | "UpdateLoginProfile" | "GetSessionToken"
        | "GetFederationToken" => vec![t(
            "T1098.001",
            "Account Manipulation: Additional Cloud Credentials",
        )],
        "CreateUser" => vec![t("T1136.003", "Create Account: Cloud Account")],
        "AttachUserPolicy"
        | "AttachRolePolicy"
        | "PutUserPolicy"
        | "PutRolePolicy"
        | "AttachGroupPolicy"
        | "AddUserToGroup"
        | "UpdateAssumeRolePolicy" => {
            vec![t(
                "T1098.003",
                "Account Manipulation: Additional Cloud Roles",
            )]
        }
        "GetCallerIdentity" | "ListUsers" | "ListRoles" | "GetAccountAuthorizationDetails" => {
            vec![t("T1087.004", "Account Discovery: Cloud Account")]
        }
        "ConsoleLogin" => vec![t("T1078.004", "Valid Accounts: Cloud Accounts")],
        "CreateModelCustomizationJob"
        | "UpdateDataSource"
        | "CreateDataSource"
        | "CreateTrainingJob" => {
            vec![t("AML.T0020", "Poison Training Data")]
        }
        "PutBucketPolicy"
        | "PutBucketAcl"
        | "DeleteBucketPolicy"
        | "PutBucketPublicAccessBlock"
        | "DeletePublicAccessBlock" => vec![t("T1537", "Transfer Data to Cloud Account")],
        "RunInstances" | "CreateEndpoint" => vec![t(
            "T1578.002",
            "Modify Cloud Compute Infrastructure: Create Cloud Instance",
        )],
        n if n.starts_with("InvokeModel") || n.starts_with("Converse") => {
            vec![t("AML.T0040", "AI Model Inference API Access")]
        }
        n if n.starts_with("List") || n.starts_with("Describe") || n.starts_with("Get") => {
            vec![t("T1580", "Cloud Infrastructure Discovery")]
        }
        _ => Vec::new(),
    }
}

/// Techniques a signal points to.
pub fn for_signal(s: &Signal) -> Vec<Technique> {
    match s.kind {
        SignalKind::NewIdentity
        | SignalKind::FirstNetwork
        | SignalKind::FirstUserAgent
        | SignalKind::Travel
        | SignalKind::UnusualHour
        | SignalKind::FirstRegion => vec![t("T1078.004", "Valid Accounts: Cloud Accounts")],
        SignalKind::FirstAction | SignalKind::RareAction => for_action(&s.value),
        SignalKind::LoginAfterFailures => vec![
            t("T1110", "Brute Force"),
            t("T1078.004", "Valid Accounts: Cloud Accounts"),
        ],
        SignalKind::FailedCall => {
            if s.value.contains("ConsoleLogin") {
                vec![t("T1110", "Brute Force")]
            } else {
                for_action(&s.value)
            }
        }
        SignalKind::NewAiModel => vec![t("AML.T0040", "AI Model Inference API Access")],
        SignalKind::AiBurst | SignalKind::LlmJacking => vec![
            t("AML.T0034", "Cost Harvesting"),
            t("T1496", "Resource Hijacking"),
        ],
        SignalKind::NewDataSource => vec![t("AML.T0020", "Poison Training Data")],
        SignalKind::S3ReadBurst => vec![t("T1530", "Data from Cloud Storage")],
        SignalKind::ErrorSpike => {
            if s.value.contains("ConsoleLogin") {
                vec![t("T1110", "Brute Force")]
            } else {
                vec![t("T1580", "Cloud Infrastructure Discovery")]
            }
        }
        SignalKind::VolumeBurst | SignalKind::Forest => Vec::new(),
        SignalKind::Sigma => Vec::new(),
    }
}

/// ATT&CK techniques from Sigma tags (`attack.t1562.008` → `T1562.008`).
pub fn from_sigma_tags(tags: &[String]) -> Vec<Technique> {
    tags.iter()
        .filter_map(|tag| tag.strip_prefix("attack.t"))
        .map(|id| Technique {
            id: format!("T{}", id.to_ascii_uppercase()),
            name: String::new(),
            framework: "ATT&CK",
        })
        .collect()
}
