//! The outbox as the business office sees it: each message's recipient, subject, state,
//! tries and times (never its body).
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::outbox as store;
use actix_web::{get, web};
use serde::Deserialize;
use shared::mail::{OutboxEntry, MAX_OUTBOX_LIMIT};
use shared::ApiErrorBody;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// The most messages to list, 1 to 200 (50 when not given).
    pub limit: Option<i64>,
}

/// The partnership's messages, newest first, with their state.
#[utoipa::path(
    operation_id = "list_outbox", tag = "mail",
    params(OutboxQuery),
    responses(
        (status = 200, description = "The messages, newest first", body = Vec<OutboxEntry>),
        (status = 400, description = "A limit out of range", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/outbox")]
pub async fn list(
    state: web::Data<AppState>,
    who: Principal,
    q: web::Query<OutboxQuery>,
) -> ApiResult<web::Json<Vec<OutboxEntry>>> {
    let limit = q.into_inner().limit.unwrap_or(50);
    if !(1..=MAX_OUTBOX_LIMIT).contains(&limit) {
        return Err(ApiError::malformed(format!("limit must be between 1 and {MAX_OUTBOX_LIMIT}")));
    }
    let rows = state.db(move |conn| Ok(store::list(conn, &who.tenant_id, limit)?)).await?;
    Ok(web::Json(rows.into_iter().map(store::entry).collect()))
}
