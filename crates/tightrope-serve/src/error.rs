//! [`ApiError`]: every failure of a request as a status code and a JSON body
//! `{"error": "...", "status": N}`. Store errors are logged in full and answered with 500 and a
//! generic message (they can name files or hosts).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tightrope_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("this token is read-only (role viewer); an admin token is needed")]
    Forbidden,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "request failed");
                "internal error (see the server log)".to_string()
            }
            other => other.to_string(),
        };
        let mut res = (
            status,
            Json(serde_json::json!({ "error": message, "status": status.as_u16() })),
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"tightrope\""),
            );
        }
        res
    }
}

/// Largest plain-text error body rewritten as JSON (axum's rejections are one line).
const MAX_REWRITTEN: usize = 16 * 1024;

/// Response middleware: axum's own rejections (bad query string, bad path parameter, bad or too
/// large JSON body) are plain text; answer them in the API's JSON error shape like every other
/// error, so clients and the OpenAPI document see one content type.
pub async fn json_errors(res: Response) -> Response {
    let status = res.status();
    let plain = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if !(status.is_client_error() && plain) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, MAX_REWRITTEN)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        text
    };
    let mut out = (
        status,
        Json(serde_json::json!({ "error": message, "status": status.as_u16() })),
    )
        .into_response();
    for (k, v) in parts.headers.iter() {
        if k != axum::http::header::CONTENT_TYPE && k != axum::http::header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out
}
