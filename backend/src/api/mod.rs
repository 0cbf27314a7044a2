//! The HTTP API: routes and their handlers.
pub mod agencies;
pub mod auth;
pub mod calendar;
pub mod cases;
pub mod clocks;
pub mod health;
pub mod me;
pub mod referrals;
pub mod requests;

use crate::error::ApiError;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};

/// Largest JSON body accepted.
pub const MAX_JSON_BYTES: usize = 512 * 1024;

/// Every API route (method, pattern). The OpenAPI spec and the authorisation tests must
/// list exactly these; a test in this crate compares them with the spec.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/health"),
    ("GET", "/ready"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/logout"),
    ("POST", "/api/v1/auth/switch"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/t/{tenant}/agencies"),
    ("GET", "/api/v1/t/{tenant}/referrals"),
    ("POST", "/api/v1/t/{tenant}/referrals"),
    ("GET", "/api/v1/t/{tenant}/referrals/{id}"),
    ("PUT", "/api/v1/t/{tenant}/referrals/{id}"),
    ("POST", "/api/v1/t/{tenant}/referrals/{id}/submit"),
    ("POST", "/api/v1/t/{tenant}/referrals/{id}/return"),
    ("PUT", "/api/v1/t/{tenant}/referrals/{id}/recommendation"),
    ("PUT", "/api/v1/t/{tenant}/referrals/{id}/decision"),
    ("GET", "/api/v1/t/{tenant}/calendar/working-days"),
    ("GET", "/api/v1/t/{tenant}/calendar/closures"),
    ("PUT", "/api/v1/t/{tenant}/calendar/closures"),
    ("GET", "/api/v1/t/{tenant}/cases"),
    ("POST", "/api/v1/t/{tenant}/cases"),
    ("GET", "/api/v1/t/{tenant}/cases/{id}"),
    ("POST", "/api/v1/t/{tenant}/cases/{id}/notification-sent"),
    ("POST", "/api/v1/t/{tenant}/cases/{id}/information-requests"),
    ("POST", "/api/v1/t/{tenant}/cases/{id}/information-requests/{request_id}/reminders"),
    ("PUT", "/api/v1/t/{tenant}/cases/{id}/meeting"),
    ("PUT", "/api/v1/t/{tenant}/cases/{id}/decision"),
    ("POST", "/api/v1/t/{tenant}/cases/{id}/report-sent"),
    ("GET", "/api/v1/t/{tenant}/information-requests"),
    ("GET", "/api/v1/t/{tenant}/information-requests/{id}"),
    ("PUT", "/api/v1/t/{tenant}/information-requests/{id}"),
    ("POST", "/api/v1/t/{tenant}/information-requests/{id}/submit"),
    ("GET", "/api/v1/t/{tenant}/clocks"),
];

async fn method_not_allowed() -> HttpResponse {
    ApiError::new(
        actix_web::http::StatusCode::METHOD_NOT_ALLOWED,
        shared::ErrorCode::MethodNotAllowed,
        "This method is not allowed here",
    )
    .error_response()
}

pub async fn not_found() -> HttpResponse {
    ApiError::not_found().error_response()
}

fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(method_not_allowed))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(json_config())
        .app_data(query_config())
        .app_data(path_config())
        .service(resource("/health").route(web::get().to(health::health)))
        .service(resource("/ready").route(web::get().to(health::ready)))
        .service(
            web::scope("/api/v1")
                .service(resource("/auth/login").route(web::post().to(auth::login)))
                .service(resource("/auth/refresh").route(web::post().to(auth::refresh)))
                .service(resource("/auth/logout").route(web::post().to(auth::logout)))
                .service(resource("/auth/switch").route(web::post().to(auth::switch)))
                .service(resource("/me").route(web::get().to(me::me)))
                .service(
                    web::scope("/t/{tenant}")
                        .service(resource("/agencies").route(web::get().to(agencies::list)))
                        .service(
                            resource("/referrals")
                                .route(web::get().to(referrals::list))
                                .route(web::post().to(referrals::create)),
                        )
                        .service(
                            resource("/referrals/{id}")
                                .route(web::get().to(referrals::get))
                                .route(web::put().to(referrals::update)),
                        )
                        .service(resource("/referrals/{id}/submit").route(web::post().to(referrals::submit)))
                        .service(
                            resource("/referrals/{id}/return").route(web::post().to(referrals::return_for_completion)),
                        )
                        .service(resource("/referrals/{id}/recommendation").route(web::put().to(referrals::recommend)))
                        .service(resource("/referrals/{id}/decision").route(web::put().to(referrals::decide)))
                        .service(resource("/calendar/working-days").route(web::get().to(calendar::working_days)))
                        .service(
                            resource("/calendar/closures")
                                .route(web::get().to(calendar::closures))
                                .route(web::put().to(calendar::set_closures)),
                        )
                        .service(
                            resource("/cases").route(web::get().to(cases::list)).route(web::post().to(cases::create)),
                        )
                        .service(resource("/cases/{id}").route(web::get().to(cases::get)))
                        .service(
                            resource("/cases/{id}/notification-sent").route(web::post().to(cases::notification_sent)),
                        )
                        .service(
                            resource("/cases/{id}/information-requests").route(web::post().to(cases::send_requests)),
                        )
                        .service(
                            resource("/cases/{id}/information-requests/{request_id}/reminders")
                                .route(web::post().to(cases::remind)),
                        )
                        .service(resource("/cases/{id}/meeting").route(web::put().to(cases::meeting)))
                        .service(resource("/cases/{id}/decision").route(web::put().to(cases::decide)))
                        .service(resource("/cases/{id}/report-sent").route(web::post().to(cases::report_sent)))
                        .service(resource("/information-requests").route(web::get().to(requests::list)))
                        .service(
                            resource("/information-requests/{id}")
                                .route(web::get().to(requests::get))
                                .route(web::put().to(requests::save)),
                        )
                        .service(resource("/information-requests/{id}/submit").route(web::post().to(requests::submit)))
                        .service(resource("/clocks").route(web::get().to(clocks::open))),
                )
                .default_service(web::to(not_found)),
        );
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
