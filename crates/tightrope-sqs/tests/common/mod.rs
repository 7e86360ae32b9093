//! A CloudTrail bucket whose new objects S3 announces on an SQS queue, in a local emulator (moto),
//! with a learned model and a Sigma rule to score them. Shared by this crate's tests and the
//! `tightrope detect serve` tests of the binary.

#![allow(dead_code)]

#[path = "../../../tightrope-aws/tests/common/moto.rs"]
pub mod moto;

use aws_sdk_s3::types::{Event, NotificationConfiguration, QueueConfiguration};
use aws_sdk_sqs::types::QueueAttributeName;
use serde_json::{Value, json};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use tightrope_aws::calls::CallLog;
use tightrope_cloudtrail::{Layout, format_time, read_bytes};
use tightrope_detect::Learner;

pub const ACCOUNT: &str = "111122223333";
pub const BUCKET: &str = "trail-logs";
/// Events of each object (a planted object has one more: StopLogging).
pub const EVENTS_PER_OBJECT: usize = 20;
/// Start of the scored objects (2026-12-05T00:00:00Z); the history is the two days before.
const T0: i64 = 1_796_428_800;

/// A running emulator with the bucket, the queue and the notification wiring.
pub struct Trail {
    pub moto: moto::Moto,
    pub queue_url: String,
    pub sqs: aws_sdk_sqs::Client,
    pub s3: aws_sdk_s3::Client,
}

/// One CloudTrail record of the analyst.
fn record(id: String, t: i64, source: &str, name: &str) -> Value {
    json!({
        "eventVersion": "1.08",
        "userIdentity": {
            "type": "IAMUser", "principalId": "AIDAEXAMPLEANALYST",
            "arn": format!("arn:aws:iam::{ACCOUNT}:user/analyst"),
            "accountId": ACCOUNT, "userName": "analyst"
        },
        "eventTime": format_time(t),
        "eventSource": source,
        "eventName": name,
        "awsRegion": "us-east-1",
        "sourceIPAddress": "198.51.100.7",
        "userAgent": "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64",
        "requestParameters": {"bucketName": "training-data"},
        "responseElements": null,
        "eventID": id,
        "readOnly": true,
        "eventType": "AwsApiCall",
        "recipientAccountId": ACCOUNT
    })
}

const ROUTINE: &[(&str, &str)] = &[
    ("s3.amazonaws.com", "GetObject"),
    ("s3.amazonaws.com", "ListObjects"),
    ("s3.amazonaws.com", "HeadObject"),
    ("sts.amazonaws.com", "GetCallerIdentity"),
];

fn gzip(records: &[Value]) -> Vec<u8> {
    let body = json!({ "Records": records }).to_string();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(body.as_bytes()).expect("gzip");
    gz.finish().expect("gzip")
}

/// Object `i`: routine events in a 5-minute slot, plus StopLogging when `planted(i)`.
pub fn object(i: usize) -> (String, Vec<u8>) {
    let start = T0 + i as i64 * 600;
    let mut records: Vec<Value> = (0..EVENTS_PER_OBJECT)
        .map(|k| {
            let (src, name) = ROUTINE[k % ROUTINE.len()];
            record(format!("obj{i}-ev{k}"), start + k as i64 * 10, src, name)
        })
        .collect();
    if planted(i) {
        records.push(record(
            format!("obj{i}-stop"),
            start + 120,
            "cloudtrail.amazonaws.com",
            "StopLogging",
        ));
    }
    let key = format!(
        "AWSLogs/{ACCOUNT}/CloudTrail/us-east-1/2026/12/05/{ACCOUNT}_CloudTrail_us-east-1_20261205T{:04}Z_obj{i}.json.gz",
        i
    );
    (key, gzip(&records))
}

/// Objects with a planted StopLogging: every third.
pub fn planted(i: usize) -> bool {
    i % 3 == 0
}

/// Events in objects `0..n`.
pub fn events_in(n: usize) -> i64 {
    (0..n)
        .map(|i| EVENTS_PER_OBJECT + usize::from(planted(i)))
        .sum::<usize>() as i64
}

/// A model learned from two days of the analyst's routine, written to `dir/model.json`, and a
/// Sigma rule for StopLogging in `dir/sigma/`. Returns (model file, rules directory).
pub fn model_and_rules(dir: &Path) -> (PathBuf, PathBuf) {
    let records: Vec<Value> = (0..2_000)
        .map(|k| {
            let (src, name) = ROUTINE[k % ROUTINE.len()];
            record(format!("hist{k}"), T0 - 2 * 86_400 + k as i64 * 86, src, name)
        })
        .collect();
    let mut learner = Learner::new(300);
    read_bytes("history.json.gz", &gzip(&records), Layout::Json, |r| {
        learner.observe(&r.event)
    });
    let model = dir.join("model.json");
    std::fs::write(&model, serde_json::to_string(&learner.finish()).expect("model json"))
        .expect("write model");
    let rules = dir.join("sigma");
    std::fs::create_dir_all(&rules).expect("rules dir");
    std::fs::write(
        rules.join("cloudtrail_stop_logging.yml"),
        "title: CloudTrail logging stopped (test rule)\n\
         id: 5f8d4a57-6b1e-4c1b-9d6e-0000000000a1\n\
         status: test\n\
         level: critical\n\
         tags:\n  - attack.defense-evasion\n  - attack.t1562.008\n\
         logsource:\n  product: aws\n  service: cloudtrail\n\
         detection:\n  selection:\n    eventSource: cloudtrail.amazonaws.com\n    eventName: StopLogging\n  condition: selection\n",
    )
    .expect("write rule");
    (model, rules)
}

impl Trail {
    /// Start moto and wire bucket → queue; `None` (the test skips) without moto.
    pub async fn start() -> Option<Trail> {
        moto::test_credentials_env();
        let moto = moto::Moto::start()?;
        let conn = tightrope_sqs::Connection {
            region: Some("us-east-1".into()),
            endpoint_url: Some(moto.endpoint.clone()),
            ..Default::default()
        };
        // Seeding calls go to their own log: the permission checks look only at the workers'.
        let (sqs, s3) = tightrope_sqs::clients(&conn, "", &CallLog::default()).await;
        let queue_url = sqs
            .create_queue()
            .queue_name("trail-events")
            .send()
            .await
            .expect("CreateQueue")
            .queue_url
            .expect("queue url");
        let queue_arn = sqs
            .get_queue_attributes()
            .queue_url(&queue_url)
            .attribute_names(QueueAttributeName::QueueArn)
            .send()
            .await
            .expect("GetQueueAttributes")
            .attributes
            .and_then(|a| a.get(&QueueAttributeName::QueueArn).cloned())
            .expect("queue arn");
        s3.create_bucket().bucket(BUCKET).send().await.expect("CreateBucket");
        s3.put_bucket_notification_configuration()
            .bucket(BUCKET)
            .notification_configuration(
                NotificationConfiguration::builder()
                    .queue_configurations(
                        QueueConfiguration::builder()
                            .queue_arn(queue_arn)
                            .events(Event::S3ObjectCreated)
                            .build()
                            .expect("queue configuration"),
                    )
                    .build(),
            )
            .send()
            .await
            .expect("PutBucketNotificationConfiguration");
        Some(Trail {
            moto,
            queue_url,
            sqs,
            s3,
        })
    }

    /// Upload objects `0..n` (S3 announces each on the queue).
    pub async fn upload(&self, n: usize) {
        for i in 0..n {
            let (key, body) = object(i);
            self.s3
                .put_object()
                .bucket(BUCKET)
                .key(key)
                .body(body.into())
                .send()
                .await
                .expect("PutObject");
        }
    }

    /// Messages on the queue, visible and in flight.
    pub async fn queued(&self) -> (i64, i64) {
        let attrs = self
            .sqs
            .get_queue_attributes()
            .queue_url(&self.queue_url)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessagesNotVisible)
            .send()
            .await
            .expect("GetQueueAttributes")
            .attributes
            .unwrap_or_default();
        let n = |k: QueueAttributeName| {
            attrs
                .get(&k)
                .and_then(|v| v.parse().ok())
                .unwrap_or(-1)
        };
        (
            n(QueueAttributeName::ApproximateNumberOfMessages),
            n(QueueAttributeName::ApproximateNumberOfMessagesNotVisible),
        )
    }

    /// Send a raw message body (a duplicate notification, garbage).
    pub async fn send(&self, body: &str) {
        self.sqs
            .send_message()
            .queue_url(&self.queue_url)
            .message_body(body)
            .send()
            .await
            .expect("SendMessage");
    }
}

/// The S3 event notification S3 sends for object `i` (for duplicate-delivery tests).
pub fn notification(i: usize, etag: &str) -> String {
    let (key, body) = object(i);
    json!({"Records": [{
        "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
        "eventTime": "2026-12-05T10:00:00.000Z", "eventName": "ObjectCreated:Put",
        "s3": {"s3SchemaVersion": "1.0", "bucket": {"name": BUCKET, "arn": format!("arn:aws:s3:::{BUCKET}")},
               "object": {"key": key, "size": body.len(), "eTag": etag}}
    }]})
    .to_string()
}

/// For each ingested object, whether one of its alerts carries the Sigma rule's reason.
pub fn objects_with_sigma_alerts(store: &tightrope_store::Store) -> Vec<String> {
    let mut objs: Vec<String> = store
        .ingested_alerts(10_000)
        .expect("alerts")
        .into_iter()
        .filter(|a| a.alert.to_string().contains("CloudTrail logging stopped"))
        .map(|a| a.object)
        .collect();
    objs.sort();
    objs
}

/// The object ids (without etag) of the planted objects among `0..n`.
pub fn planted_keys(n: usize) -> Vec<String> {
    let mut keys: Vec<String> = (0..n)
        .filter(|i| planted(*i))
        .map(|i| format!("s3://{BUCKET}/{}", object(i).0))
        .collect();
    keys.sort();
    keys
}

/// `s3://bucket/key#etag` → `s3://bucket/key`.
pub fn without_etag(id: &str) -> String {
    id.split('#').next().unwrap_or(id).to_string()
}
