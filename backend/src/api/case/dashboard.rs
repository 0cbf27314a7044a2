//! The partnership dashboard: every open clock the caller may see, soonest first.
use super::{information::scope_of, views};
use crate::api::today;
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::case as store;
use actix_web::{get, web};
use serde::Deserialize;
use shared::case::{CaseClock, CaseStage, DashboardQuery};
use shared::page::{checked_paging, Page};
use shared::ApiErrorBody;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClockQuery {
    /// 1-based page number (default 1).
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 20).
    pub per_page: Option<u32>,
    /// Only clocks of cases at this stage.
    pub stage: Option<CaseStage>,
    /// Only the clocks of this agency's information requests.
    pub agency_id: Option<uuid::Uuid>,
    /// Only the clocks the caller's roles act on (their home page).
    #[serde(default)]
    pub mine: bool,
}

/// Open clocks across the partnership's cases, soonest due first. An agency author sees only
/// the clocks of their own agency's requests.
#[utoipa::path(
    operation_id = "list_open_clocks", tag = "cases",
    params(ClockQuery),
    responses(
        (status = 200, description = "A page of open clocks", body = Page<CaseClock>),
        (status = 400, description = "Bad paging or filter", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/clocks")]
pub async fn open_clocks(
    state: web::Data<AppState>,
    who: Principal,
    q: web::Query<ClockQuery>,
) -> ApiResult<web::Json<Page<CaseClock>>> {
    let q = q.into_inner();
    let (page, per_page) = checked_paging(q.page, q.per_page)
        .ok_or_else(|| ApiError::malformed("page must be 1 or more and per_page between 1 and 100"))?;
    let asked = DashboardQuery { stage: q.stage, agency: q.agency_id, mine: q.mine };
    let st = state.clone();
    let answer = state
        .db(move |conn| {
            let Some(filter) = scope_of(conn, &who)?.clocks(&asked, &who.roles) else {
                return Ok(Page { items: Vec::new(), page, per_page, total: 0 });
            };
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            let (rows, total) = store::open_clocks(conn, &who.tenant_id, &filter, page, per_page)?;
            // only the clocks that can be extended can have extensions
            let ids: Vec<&str> =
                rows.iter().filter(|(c, _, _)| c.kind.extendable()).map(|(c, _, _)| c.id.as_str()).collect();
            let extensions = store::extensions_of_clocks(conn, &who.tenant_id, &ids)?;
            let today = today();
            let items = rows
                .iter()
                .map(|(clock, reference, stage)| {
                    let mut view = views::clock_view(&calendar, today, clock)?;
                    view.extensions =
                        extensions.iter().filter(|e| e.clock_id == clock.id).map(views::extension_view).collect();
                    Ok(CaseClock { clock: view, case_reference: reference.clone(), case_stage: *stage })
                })
                .collect::<ApiResult<Vec<_>>>()?;
            Ok(Page { items, page, per_page, total: total.max(0) as u64 })
        })
        .await?;
    Ok(web::Json(answer))
}
