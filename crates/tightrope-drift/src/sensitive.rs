//! Rendering changed values safely: values at sensitive paths (user data, environment variables,
//! secret-named settings) and values that look like credentials anywhere (policy condition values
//! included) are shown only through [`tightrope_core::redact::redact`].

use serde_json::Value;
use tightrope_audit::secrets;
use tightrope_core::redact::redact;

/// Path segments whose values are never shown in clear.
const SENSITIVE_SEGMENTS: &[&str] = &[
    "user_data",
    "environment",
    "env",
    "password",
    "master_password",
    "secret_string",
];

/// A value at `path` as text, redacted where sensitive.
pub fn display(path: &str, v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if matches!(v, Value::Bool(_) | Value::Number(_)) {
        return text;
    }
    let last = segments(path).last().unwrap_or("");
    if segments(path).any(|s| SENSITIVE_SEGMENTS.contains(&s))
        || secrets::in_variable(last, &text).is_some()
    {
        redact(&text)
    } else {
        text
    }
}

/// The names along a path, without list keys (`containers[web].env[TOKEN].value` →
/// `containers`, `env`, `value`).
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('.').map(|s| s.split('[').next().unwrap_or(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sensitive_paths_are_redacted() {
        let d = display(
            "user_data",
            &json!("#!/bin/bash\necho hello world from the instance"),
        );
        assert!(!d.contains("hello"), "{d}");
        let d = display(
            "containers[web].env[DB_HOST].value",
            &json!("db.internal.example"),
        );
        assert!(!d.contains("internal"), "{d}");
        let d = display("environment.API_TOKEN", &json!("abcd1234efgh5678"));
        assert!(!d.contains("1234"), "{d}");
    }

    #[test]
    fn secret_looking_values_are_redacted_anywhere() {
        let d = display(
            "policy.statements[0].condition",
            &json!({"StringEquals": {"aws:ref": "AKIAIOSFODNN7EXAMPLE"}}),
        );
        assert!(!d.contains("IOSFODNN"), "{d}");
    }

    #[test]
    fn plain_settings_stay_readable() {
        assert_eq!(
            display("public_access_block.block_public_acls", &json!(false)),
            "false"
        );
        assert_eq!(display("acl", &json!("public-read")), "public-read");
        assert_eq!(
            display("kms_key", &json!("aws_kms_key.data")),
            "aws_kms_key.data"
        );
    }
}
