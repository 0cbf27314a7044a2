//! Liveness and readiness.
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use diesel::RunQueryDsl;
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

/// The database can be reached.
#[utoipa::path(
    operation_id = "ready", tag = "health",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The database cannot be reached", body = ApiErrorBody),
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state
        .db(|conn| {
            diesel::sql_query("SELECT 1").execute(conn).map_err(|_| ApiError::unavailable())?;
            Ok(())
        })
        .await
        .map_err(|_| ApiError::unavailable())?;
    Ok(HttpResponse::Ok().json(Health { status: "ok" }))
}
