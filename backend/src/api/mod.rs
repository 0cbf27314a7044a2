//! The HTTP API: one home per stage (`referral`, `case`), the partnership's set-up and
//! calendar, sign-in, and the route list every other view of the API derives from
//! ([`routes`]).
pub mod account;
pub mod auth;
pub mod calendar;
pub mod case;
pub mod clock_rules;
pub mod cspr;
pub mod health;
pub mod learning;
pub mod me;
pub mod outbox;
pub mod overview;
pub mod partnership;
pub mod people;
pub mod precondition;
pub mod referral;
pub mod retention;
pub mod routes;
pub mod second_factor;

use crate::auth::principal::{Principal, RequestId};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::store::audit as audit_store;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};

/// Largest JSON body accepted.
pub const MAX_JSON_BYTES: usize = 512 * 1024;

/// The body, query and path extractors' answers, then every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(json_config()).app_data(query_config()).app_data(path_config());
    routes::configure(cfg);
}

/// Today in the UK (the partnerships' date; GMT or British Summer Time): for deadlines
/// and for "not in the future" checks alike.
pub fn today() -> chrono::NaiveDate {
    shared::calendar::uk_date(chrono::Utc::now())
}

/// Records an action in the audit trail: who, what, on which record; never content.
/// Records a read of case material in the audit trail (batched: see [`crate::trail`]).
pub fn record_read(
    state: &crate::state::AppState,
    who: &Principal,
    rid: &RequestId,
    action: &'static str,
    entity_type: &'static str,
    entity_id: Option<String>,
) {
    state.trail.read(crate::trail::Read {
        tenant_id: who.tenant_id.clone(),
        actor_id: who.user_id.clone(),
        action,
        entity_type,
        entity_id,
        request_id: rid.0.clone(),
    });
}

pub fn audit(
    conn: &mut DbConn,
    who: &Principal,
    rid: &RequestId,
    action: &str,
    entity_type: &str,
    entity_id: &str,
) -> ApiResult<()> {
    audit_store::record(
        conn,
        audit_store::Event {
            tenant_id: &who.tenant_id,
            actor_id: Some(&who.user_id),
            action,
            entity_type,
            entity_id: Some(entity_id),
            request_id: Some(&rid.0),
            address: None,
        },
    )?;
    Ok(())
}

fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(MAX_JSON_BYTES).error_handler(|err, _req: &HttpRequest| {
        let e = match &err {
            JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => ApiError::new(
                actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
                shared::ErrorCode::PayloadTooLarge,
                format!("The body is larger than {MAX_JSON_BYTES} bytes"),
            ),
            JsonPayloadError::ContentType => ApiError::new(
                actix_web::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                shared::ErrorCode::UnsupportedMediaType,
                "Send the body as application/json",
            ),
            JsonPayloadError::Deserialize(de) => ApiError::malformed(describe_json_error(de)),
            _ => ApiError::malformed("The body could not be read"),
        };
        e.into()
    })
}

/// Says where the JSON went wrong without repeating the values sent.
fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax | Category::Eof => "The body is not valid JSON",
        Category::Data => "The body has a box of the wrong type or a missing box",
        Category::Io => "The body could not be read",
    };
    format!("{what} (line {}, column {})", e.line(), e.column())
}

fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|_err: QueryPayloadError, _req: &HttpRequest| {
        ApiError::malformed("The query string has a value of the wrong type").into()
    })
}

fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err: PathError, _req: &HttpRequest| ApiError::not_found().into())
}

/// Answer for unknown `/api` paths, and the fallback page when the front end is not built.
pub async fn fallback_page(req: HttpRequest) -> HttpResponse {
    if req.path().starts_with("/api") {
        return ApiError::not_found().error_response();
    }
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
        "<!doctype html><html lang=\"en\"><head><title>CSPR Hub</title></head><body><main>\
         <h1>CSPR Hub</h1><p>The browser app is not built. Run <code>cargo xtask run</code>, \
         which builds it. The API is at <a href=\"/docs/\">/docs/</a>.</p></main></body></html>",
    )
}
