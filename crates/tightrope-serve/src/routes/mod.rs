//! The router: every route in one table ([`api_routes`]), so the OpenAPI document can be checked
//! against it, behind the token middleware; the public routes (health, the dashboard's static
//! files) outside it.

mod admin;
mod alerts;
mod findings;
mod ingest;
mod overview;

use crate::state::App;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{MethodRouter, delete, get, post};
use tower_http::set_header::SetResponseHeaderLayer;

/// The OpenAPI document (hand-written; a test checks it lists every route of [`api_routes`]).
pub const OPENAPI: &str = include_str!("../../assets/openapi.json");

/// One route: method, path template (axum syntax, same as OpenAPI), handler.
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub handler: MethodRouter<App>,
}

fn route(method: &'static str, path: &'static str, handler: MethodRouter<App>) -> Route {
    Route {
        method,
        path,
        handler,
    }
}

/// Routes that need a token.
pub fn api_routes() -> Vec<Route> {
    vec![
        route("get", "/openapi.json", get(openapi)),
        route("get", "/metrics", get(metrics)),
        route("get", "/api/me", get(admin::me)),
        route("get", "/api/summary", get(overview::summary)),
        route("get", "/api/scans", get(overview::scans)),
        route("get", "/api/findings", get(findings::list)),
        route("get", "/api/baselines", get(overview::baselines)),
        route("delete", "/api/baselines/{name}", delete(admin::delete_baseline)),
        route("get", "/api/drift", get(overview::drift)),
        route("get", "/api/alerts", get(alerts::list)),
        route("get", "/api/alerts/{seq}", get(alerts::one)),
        route("post", "/api/alerts/{seq}/status", post(alerts::set_status)),
        route("get", "/api/ingest", get(ingest::summary)),
        route("get", "/api/attack-paths", get(overview::attack_paths)),
        route("get", "/api/inventory", get(overview::inventory)),
        route("post", "/api/jobs/scan", post(admin::run_scan)),
        route("get", "/api/audit-log", get(admin::audit_log)),
    ]
}

/// Routes open to anyone: health and the dashboard's static files (they hold no data; the
/// dashboard asks for a token and sends it with every API call).
pub fn public_routes() -> Vec<Route> {
    vec![
        route("get", "/healthz", get(healthz)),
        route("get", "/", get(crate::dashboard::index)),
        route("get", "/assets/app.js", get(crate::dashboard::script)),
        route("get", "/assets/app.css", get(crate::dashboard::style)),
    ]
}

/// The whole application.
pub fn router(app: App, max_body: usize) -> Router {
    let mut protected = Router::new();
    for r in api_routes() {
        protected = protected.route(r.path, r.handler);
    }
    let protected = protected
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            crate::auth::require_token,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let mut public = Router::new();
    for r in public_routes() {
        public = public.route(r.path, r.handler);
    }
    public
        .merge(protected)
        .fallback(not_found)
        .layer(axum::middleware::map_response(crate::error::json_errors))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            crate::metrics::track,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(max_body))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .with_state(app)
}

async fn not_found() -> crate::error::ApiError {
    crate::error::ApiError::NotFound("no such route (see /openapi.json)".into())
}

async fn healthz() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

async fn openapi() -> impl axum::response::IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

async fn metrics(
    axum::extract::State(app): axum::extract::State<App>,
) -> impl axum::response::IntoResponse {
    let mut text = app.metrics.render();
    // The queue workers write to the store, not to this process: their totals are read from it.
    match app.pool.with(|s| s.ingestion_totals()).await {
        Ok(t) => crate::metrics::render_ingestion(&mut text, &t),
        Err(e) => tracing::warn!(error = %e, "ingestion totals unavailable for /metrics"),
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        text,
    )
}
