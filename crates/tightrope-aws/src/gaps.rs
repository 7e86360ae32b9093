//! What could not be read, and why, in the words of the API: the operation and the error code.
//! Reasons never carry a value read from the account.

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use tightrope_core::NotCollected;

/// Why a call failed: `Operation: ErrorCode`, or the transport problem (timeout, connection).
pub(crate) fn reason<E: ProvideErrorMetadata, R: HttpStatus>(operation: &str, err: &SdkError<E, R>) -> String {
    let detail = match err {
        SdkError::TimeoutError(_) => "timed out".to_string(),
        SdkError::DispatchFailure(_) => "could not reach the endpoint".to_string(),
        SdkError::ConstructionFailure(_) => "request could not be built".to_string(),
        SdkError::ResponseError(_) => match err.raw_response().map(HttpStatus::status) {
            Some(status) => format!("response could not be parsed (HTTP {status})"),
            None => "response could not be parsed".to_string(),
        },
        _ => match (err.code(), err.raw_response().map(HttpStatus::status)) {
            (Some(code), _) => code.to_string(),
            (None, Some(404 | 405 | 501)) => "not implemented by the endpoint".to_string(),
            (None, Some(status @ 200..=299)) => format!("response could not be parsed (HTTP {status})"),
            (None, Some(status)) => format!("HTTP {status}"),
            (None, None) => "response could not be read".to_string(),
        },
    };
    format!("{operation}: {detail}")
}

/// The error code of a failed call, if the service gave one.
pub(crate) fn code<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> Option<&str> {
    err.code()
}

/// Status code of a raw HTTP response (the SDK's response type).
pub(crate) trait HttpStatus {
    fn status(&self) -> u16;
}

impl HttpStatus for aws_smithy_runtime_api::http::Response {
    fn status(&self) -> u16 {
        self.status().as_u16()
    }
}

/// The gaps of one service in one region (or a global service).
#[derive(Debug)]
pub(crate) struct Gaps {
    pub service: &'static str,
    pub region: Option<String>,
    pub items: Vec<NotCollected>,
}

impl Gaps {
    pub fn new(service: &'static str, region: Option<&str>) -> Self {
        Gaps { service, region: region.map(str::to_string), items: Vec::new() }
    }

    /// Record a failed call.
    pub fn add(&mut self, reason: String) {
        tracing::debug!(service = self.service, region = ?self.region, "not collected: {reason}");
        self.items.push(NotCollected::new("aws", self.service, self.region.as_deref(), reason));
    }

    /// Record a failed call's error.
    pub fn failed<E: ProvideErrorMetadata, R: HttpStatus>(&mut self, operation: &str, err: &SdkError<E, R>) {
        self.add(reason(operation, err));
    }

    /// A per-resource call: `Ok(Some(v))`, `Ok(None)` when the error code says "not configured"
    /// (one of `absent_codes`), `Err(())` when it failed (recorded as a gap).
    pub fn sub<T, E: ProvideErrorMetadata, R: HttpStatus>(
        &mut self,
        operation: &str,
        result: Result<T, SdkError<E, R>>,
        absent_codes: &[&str],
    ) -> Result<Option<T>, ()> {
        match result {
            Ok(v) => Ok(Some(v)),
            Err(e) if code(&e).is_some_and(|c| absent_codes.contains(&c)) => Ok(None),
            Err(e) => {
                self.failed(operation, &e);
                Err(())
            }
        }
    }
}
