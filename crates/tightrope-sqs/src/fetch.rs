//! Fetching one log object from S3, with a size limit.

use crate::message::ObjectRef;
use aws_sdk_s3::operation::get_object::GetObjectError;
use aws_smithy_types::error::display::DisplayErrorContext;

/// Why an object could not be fetched.
#[derive(Debug)]
pub enum FetchError {
    /// The object no longer exists (or never did): retrying cannot help.
    Missing(String),
    /// The object is larger than the limit: retrying cannot help.
    TooLarge(u64),
    /// Anything else (access denied, throttling, network): the message is retried.
    Other(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Missing(why) => write!(f, "object not found: {why}"),
            FetchError::TooLarge(n) => write!(f, "object of {n} bytes is over --max-object-bytes"),
            FetchError::Other(why) => f.write_str(why),
        }
    }
}

/// The object's bytes as stored (gzip is decompressed by the reader).
pub async fn object(
    s3: &aws_sdk_s3::Client,
    obj: &ObjectRef,
    max_bytes: u64,
) -> Result<Vec<u8>, FetchError> {
    if let Some(size) = obj.size.filter(|s| *s > max_bytes) {
        return Err(FetchError::TooLarge(size));
    }
    let out = s3
        .get_object()
        .bucket(&obj.bucket)
        .key(&obj.key)
        .send()
        .await
        .map_err(|e| {
            let text = DisplayErrorContext(&e).to_string();
            match e.into_service_error() {
                GetObjectError::NoSuchKey(_) => FetchError::Missing(text),
                _ => FetchError::Other(format!("GetObject failed: {text}")),
            }
        })?;
    let length = out.content_length().unwrap_or(0).max(0) as u64;
    if length > max_bytes {
        return Err(FetchError::TooLarge(length));
    }
    let bytes = out
        .body
        .collect()
        .await
        .map_err(|e| FetchError::Other(format!("reading the object failed: {e}")))?
        .into_bytes();
    if bytes.len() as u64 > max_bytes {
        return Err(FetchError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes.to_vec())
}
