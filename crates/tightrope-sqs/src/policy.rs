//! The IAM permissions of a queue worker: every operation it calls, and the policy published as
//! `docs/permissions-ingest.json`. Unlike the collector, a worker writes: deleting a message it has
//! scored is how the queue knows the work is done. The emulator test records every call a worker
//! makes and fails on one that is not listed here.

use serde_json::json;
use tightrope_aws::permissions::Permission;

const fn p(service: &'static str, operation: &'static str, action: &'static str) -> Permission {
    Permission {
        service,
        operation,
        action,
    }
}

/// Every operation a worker calls.
pub const PERMISSIONS: &[Permission] = &[
    p("SQS", "ReceiveMessage", "sqs:ReceiveMessage"),
    p("SQS", "DeleteMessage", "sqs:DeleteMessage"),
    p("SQS", "ChangeMessageVisibility", "sqs:ChangeMessageVisibility"),
    p("S3", "GetObject", "s3:GetObject"),
];

/// `arn:aws:sqs:REGION:ACCOUNT:NAME` from a queue URL `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`
/// (also the legacy `https://REGION.queue.amazonaws.com/...` form); `None` for other URLs.
pub fn queue_arn(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let (account, name) = path.trim_end_matches('/').split_once('/')?;
    let region = host
        .strip_prefix("sqs.")
        .and_then(|h| h.split_once(".amazonaws.com"))
        .map(|(r, _)| r)
        .or_else(|| host.split_once(".queue.amazonaws.com").map(|(r, _)| r))?;
    let valid = |s: &str| !s.is_empty() && !s.contains('/');
    (valid(region) && account.bytes().all(|b| b.is_ascii_digit()) && valid(name))
        .then(|| format!("arn:aws:sqs:{region}:{account}:{name}"))
}

/// The worker's policy, pretty-printed: the queue (its ARN when `queue_url` is a standard SQS URL,
/// else every queue), CloudTrail log objects of any bucket (`*/AWSLogs/*`; narrow it to the trail
/// bucket), and KMS decryption through S3 for trails encrypted with SSE-KMS.
pub fn policy_json(queue_url: Option<&str>) -> String {
    let queue = queue_url.and_then(queue_arn).unwrap_or_else(|| "*".to_string());
    let actions = |service: &str| -> Vec<&str> {
        PERMISSIONS
            .iter()
            .filter(|p| p.service == service)
            .map(|p| p.action)
            .collect()
    };
    let doc = json!({
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "TightropeWorkerQueue",
                "Effect": "Allow",
                "Action": actions("SQS"),
                "Resource": queue,
            },
            {
                "Sid": "TightropeWorkerTrailObjects",
                "Effect": "Allow",
                "Action": actions("S3"),
                "Resource": "arn:aws:s3:::*/AWSLogs/*",
            },
            {
                "Sid": "TightropeWorkerTrailKms",
                "Effect": "Allow",
                "Action": ["kms:Decrypt"],
                "Resource": "*",
                "Condition": {"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}},
            },
        ],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_arns_from_urls() {
        assert_eq!(
            queue_arn("https://sqs.eu-west-1.amazonaws.com/123456789012/trail-events").as_deref(),
            Some("arn:aws:sqs:eu-west-1:123456789012:trail-events")
        );
        assert_eq!(
            queue_arn("https://us-east-1.queue.amazonaws.com/123456789012/q").as_deref(),
            Some("arn:aws:sqs:us-east-1:123456789012:q")
        );
        assert_eq!(queue_arn("http://127.0.0.1:5000/123456789012/q"), None);
        assert_eq!(queue_arn("https://sqs.eu-west-1.amazonaws.com/abc/q"), None);
    }

    #[test]
    fn published_policy_matches_the_operation_list() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/permissions-ingest.json");
        let published = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            published,
            policy_json(None),
            "docs/permissions-ingest.json is stale: regenerate it with `tightrope detect serve --print-policy > docs/permissions-ingest.json`"
        );
    }
}
