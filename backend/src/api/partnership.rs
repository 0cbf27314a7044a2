//! The partnership's set-up: its agencies.
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::directory;
use actix_web::{get, web};
use shared::agency::AgencyView;

/// Every agency of the partnership.
#[utoipa::path(
    operation_id = "list_agencies", tag = "partnership",
    responses(
        (status = 200, description = "Agencies, by name", body = Vec<AgencyView>),
    )
)]
#[get("/api/v1/t/{tenant}/agencies")]
pub async fn agencies(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<AgencyView>>> {
    let rows = state.db(move |conn| Ok(directory::agencies_of(conn, &who.tenant_id)?)).await?;
    Ok(web::Json(rows.iter().map(directory::agency_view).collect()))
}
