//! Liveness and readiness.
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use shared::ApiErrorBody;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(operation_id = "health", tag = "health", responses((status = 200, description = "Up", body = Health)))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// The database can be reached: a query on a new connection (not a pooled one), which must
/// connect within 2 seconds and answer within 3.
#[utoipa::path(
    operation_id = "ready", tag = "health",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The database cannot be reached", body = ApiErrorBody),
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let url = state.config.database_url.clone();
    let probe = web::block(move || crate::db::probe(&url, 2));
    match tokio::time::timeout(std::time::Duration::from_secs(3), probe).await {
        Ok(Ok(Ok(()))) => Ok(HttpResponse::Ok().json(Health { status: "ok" })),
        Ok(Ok(Err(why))) => {
            tracing::warn!(error = %why, "not ready: the database does not answer");
            Err(ApiError::unavailable())
        }
        _ => {
            tracing::warn!("not ready: the database did not answer in time");
            Err(ApiError::unavailable())
        }
    }
}
