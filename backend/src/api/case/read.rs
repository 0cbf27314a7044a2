//! Reading cases: the partnership's list, and one case whole.
use super::views;
use crate::api::record_read;
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::case as store;
use actix_web::{get, web};
use serde::Deserialize;
use shared::case::{CaseStage, CaseSummary, CaseView};
use shared::page::{checked_paging, Page};
use shared::ApiErrorBody;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseListQuery {
    /// 1-based page number (default 1).
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 20).
    pub per_page: Option<u32>,
    /// Only cases at this stage.
    pub stage: Option<CaseStage>,
}

/// The tenant's cases, newest first.
#[utoipa::path(
    operation_id = "list_cases", tag = "cases",
    params(CaseListQuery),
    responses(
        (status = 200, description = "A page of cases", body = Page<CaseSummary>),
        (status = 400, description = "Bad paging", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases")]
pub async fn list(
    state: web::Data<AppState>,
    who: Principal,
    q: web::Query<CaseListQuery>,
) -> ApiResult<web::Json<Page<CaseSummary>>> {
    let q = q.into_inner();
    let (page, per_page) = checked_paging(q.page, q.per_page)
        .ok_or_else(|| ApiError::malformed("page must be 1 or more and per_page between 1 and 100"))?;
    let (rows, total) = state.db(move |conn| Ok(store::list(conn, &who.tenant_id, q.stage, page, per_page)?)).await?;
    let items = rows.iter().map(views::summary).collect();
    Ok(web::Json(Page { items, page, per_page, total: total.max(0) as u64 }))
}

/// One case, with its requests, clocks and timeline.
#[utoipa::path(
    operation_id = "get_case", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 404, description = "No such case", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<CaseView>> {
    let id = path.into_inner().1.to_string();
    let reader = who.clone();
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            views::case_view(conn, &calendar, &row, &who.roles)
        })
        .await?;
    record_read(&state, &reader, &rid, "case.read", "case", Some(view.id.to_string()));
    Ok(web::Json(view))
}
