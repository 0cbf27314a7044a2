//! The partnership's agencies.
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::directory;
use actix_web::web;
use shared::agency::AgencyView;
use shared::ApiErrorBody;

/// Every agency of the partnership.
#[utoipa::path(
    get, path = "/api/v1/t/{tenant}/agencies", operation_id = "list_agencies", tag = "partnership",
    params(("tenant" = String, Path, description = "Partnership slug")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Agencies, by name", body = Vec<AgencyView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 404, description = "Not this token's partnership", body = ApiErrorBody),
    )
)]
pub async fn list(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<AgencyView>>> {
    let rows = state.db(move |conn| Ok(directory::agencies_of(conn, &who.tenant_id)?)).await?;
    Ok(web::Json(rows.iter().map(directory::agency_view).collect()))
}
