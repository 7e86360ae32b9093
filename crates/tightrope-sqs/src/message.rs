//! What arrives on the queue: S3 event notifications (directly, or wrapped by SNS), CloudTrail's own
//! SNS delivery notices, and the `s3:TestEvent` S3 sends when notifications are configured. Parsed
//! into the log objects to score; anything else is an error the worker reports. Never panics.

use serde::Deserialize;
use serde_json::Value;

/// One S3 object a notification announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRef {
    pub bucket: String,
    /// The key, URL-decoded.
    pub key: String,
    /// The entity tag, when the notification gives it (S3 notifications do).
    pub etag: Option<String>,
    /// Size in bytes, when given.
    pub size: Option<u64>,
    /// When S3 reported the object (RFC 3339), when given.
    pub event_time: Option<String>,
}

impl ObjectRef {
    /// The identity under which the object is recorded in the store: `s3://bucket/key`, plus
    /// `#etag` when known (an overwritten key is a new object).
    pub fn id(&self) -> String {
        match &self.etag {
            Some(e) => format!("s3://{}/{}#{e}", self.bucket, self.key),
            None => format!("s3://{}/{}", self.bucket, self.key),
        }
    }
}

/// A parsed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Objects created (zero or more).
    Objects(Vec<ObjectRef>),
    /// `s3:TestEvent`: sent once when notifications are configured; nothing to do.
    Test,
}

#[derive(Deserialize)]
struct S3Event {
    #[serde(rename = "eventSource", default)]
    event_source: String,
    #[serde(rename = "eventName", default)]
    event_name: String,
    #[serde(rename = "eventTime")]
    event_time: Option<String>,
    s3: S3Entity,
}

#[derive(Deserialize)]
struct S3Entity {
    bucket: S3Bucket,
    object: S3Object,
}

#[derive(Deserialize)]
struct S3Bucket {
    name: String,
}

#[derive(Deserialize)]
struct S3Object {
    key: String,
    size: Option<u64>,
    #[serde(rename = "eTag")]
    etag: Option<String>,
}

/// Parse a message body.
pub fn parse(body: &str) -> Result<Notice, String> {
    let value: Value =
        serde_json::from_str(body).map_err(|e| format!("message is not JSON: {e}"))?;
    parse_value(&value, 0)
}

fn parse_value(v: &Value, depth: u8) -> Result<Notice, String> {
    // SNS → SQS without raw delivery: the notification is a string in `Message`.
    if v.get("Type").and_then(Value::as_str) == Some("Notification") {
        let inner = v
            .get("Message")
            .and_then(Value::as_str)
            .ok_or("SNS notification without a Message string")?;
        if depth > 0 {
            return Err("SNS notification nested in an SNS notification".into());
        }
        let inner: Value = serde_json::from_str(inner)
            .map_err(|e| format!("SNS Message is not JSON: {e}"))?;
        return parse_value(&inner, depth + 1);
    }
    if v.get("Event").and_then(Value::as_str) == Some("s3:TestEvent") {
        return Ok(Notice::Test);
    }
    if let Some(records) = v.get("Records") {
        return s3_records(records).map(Notice::Objects);
    }
    // CloudTrail's own SNS notice: {"s3Bucket": "...", "s3ObjectKey": ["..."]} (keys not encoded).
    if let (Some(bucket), Some(keys)) = (
        v.get("s3Bucket").and_then(Value::as_str),
        v.get("s3ObjectKey").and_then(Value::as_array),
    ) {
        return keys
            .iter()
            .map(|k| {
                let key = k.as_str().ok_or("s3ObjectKey holds a non-string")?;
                Ok(ObjectRef {
                    bucket: bucket.to_string(),
                    key: key.to_string(),
                    etag: None,
                    size: None,
                    event_time: None,
                })
            })
            .collect::<Result<_, String>>()
            .map(Notice::Objects);
    }
    Err("neither an S3 event notification, an SNS notification nor a CloudTrail notice".into())
}

fn s3_records(records: &Value) -> Result<Vec<ObjectRef>, String> {
    let records = records.as_array().ok_or("Records is not a list")?;
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let ev: S3Event = serde_json::from_value(r.clone())
            .map_err(|e| format!("record {i} is not an S3 event record: {e}"))?;
        if ev.event_source != "aws:s3" {
            return Err(format!("record {i} comes from {:?}, not aws:s3", ev.event_source));
        }
        if !ev.event_name.starts_with("ObjectCreated:") {
            continue;
        }
        out.push(ObjectRef {
            bucket: ev.s3.bucket.name,
            key: decode_key(&ev.s3.object.key)
                .ok_or_else(|| format!("record {i}: object key is not valid UTF-8 once decoded"))?,
            etag: ev.s3.object.etag.filter(|e| !e.is_empty()),
            size: ev.s3.object.size,
            event_time: ev.event_time,
        });
    }
    Ok(out)
}

/// S3 notifications carry keys form-URL-encoded (`+` for a space, `%2B` for a plus sign).
fn decode_key(key: &str) -> Option<String> {
    let spaced = key.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|k| k.into_owned())
}

/// True for keys worth scoring: CloudTrail log files (`.json`, `.json.gz`, JSON Lines), not the
/// digest files CloudTrail writes beside them.
pub fn is_trail_log(key: &str) -> bool {
    !key.contains("/CloudTrail-Digest/")
        && tightrope_cloudtrail::is_log_file(std::path::Path::new(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    const S3_EVENT: &str = r#"{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
      "eventTime":"2026-12-05T10:00:00.000Z","eventName":"ObjectCreated:Put",
      "s3":{"s3SchemaVersion":"1.0","configurationId":"trail",
        "bucket":{"name":"trail-logs","arn":"arn:aws:s3:::trail-logs"},
        "object":{"key":"AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/05/a+b%2Bc.json.gz","size":1024,"eTag":"0123abc","sequencer":"0A1B"}}}]}"#;

    #[test]
    fn s3_notifications_decode_keys() {
        let Notice::Objects(objs) = parse(S3_EVENT).unwrap() else {
            panic!("objects expected")
        };
        assert_eq!(objs.len(), 1);
        assert_eq!(
            objs[0].key,
            "AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/05/a b+c.json.gz"
        );
        assert_eq!(
            objs[0].id(),
            "s3://trail-logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/05/a b+c.json.gz#0123abc"
        );
        assert_eq!(objs[0].size, Some(1024));
        assert_eq!(objs[0].event_time.as_deref(), Some("2026-12-05T10:00:00.000Z"));
    }

    #[test]
    fn sns_wrapped_and_cloudtrail_notices() {
        let sns = serde_json::json!({"Type": "Notification", "MessageId": "m", "Message": S3_EVENT});
        assert_eq!(parse(&sns.to_string()), parse(S3_EVENT));
        let ct = r#"{"s3Bucket":"trail-logs","s3ObjectKey":["AWSLogs/1/CloudTrail/us-east-1/2026/12/05/x.json.gz"]}"#;
        let Notice::Objects(objs) = parse(ct).unwrap() else {
            panic!("objects expected")
        };
        assert_eq!(objs[0].id(), "s3://trail-logs/AWSLogs/1/CloudTrail/us-east-1/2026/12/05/x.json.gz");
        let test = r#"{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-05T10:00:00.000Z","Bucket":"trail-logs"}"#;
        assert_eq!(parse(test), Ok(Notice::Test));
    }

    #[test]
    fn removals_are_ignored_and_strangers_rejected() {
        let removed = S3_EVENT.replace("ObjectCreated:Put", "ObjectRemoved:Delete");
        assert_eq!(parse(&removed), Ok(Notice::Objects(vec![])));
        assert!(parse(r#"{"hello":1}"#).is_err());
        assert!(parse("not json").is_err());
        assert!(parse(&S3_EVENT.replace("aws:s3", "aws:sqs")).is_err());
        let nested = serde_json::json!({"Type": "Notification", "Message":
            serde_json::json!({"Type": "Notification", "Message": S3_EVENT}).to_string()});
        assert!(parse(&nested.to_string()).is_err());
    }

    #[test]
    fn only_trail_logs_are_scored() {
        assert!(is_trail_log("AWSLogs/1/CloudTrail/us-east-1/2026/12/05/x.json.gz"));
        assert!(!is_trail_log("AWSLogs/1/CloudTrail-Digest/us-east-1/2026/12/05/x.json.gz"));
        assert!(!is_trail_log("AWSLogs/1/elasticloadbalancing/x.log.gz"));
    }

    /// Arbitrary bytes and mutations of real notifications never panic.
    #[test]
    fn parser_survives_garbage() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let base = S3_EVENT.as_bytes();
        for _ in 0..5_000 {
            let mut b = base.to_vec();
            for _ in 0..(next() % 8 + 1) {
                let i = (next() % b.len() as u64) as usize;
                match next() % 3 {
                    0 => b[i] = (next() & 0xff) as u8,
                    1 => {
                        b.remove(i);
                    }
                    _ => b.truncate(i),
                }
                if b.is_empty() {
                    break;
                }
            }
            let _ = parse(&String::from_utf8_lossy(&b));
        }
    }
}
