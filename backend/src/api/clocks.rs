//! The partnership dashboard: every open clock, soonest first.
use crate::auth::principal::Principal;
use crate::casework::{self as work, today};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{cases as store, directory};
use actix_web::web;
use serde::Deserialize;
use shared::calendar::ClockKind;
use shared::case::{clock_kinds_acted_on, reads_cases, CaseClock, CaseStage};
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
    get, path = "/api/v1/t/{tenant}/clocks", operation_id = "list_open_clocks", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug"), ClockQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of open clocks", body = Page<CaseClock>),
        (status = 400, description = "Bad paging or filter", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "Not this token's partnership", body = ApiErrorBody),
    )
)]
pub async fn open(
    state: web::Data<AppState>,
    who: Principal,
    q: web::Query<ClockQuery>,
) -> ApiResult<web::Json<Page<CaseClock>>> {
    let q = q.into_inner();
    let (page, per_page) = checked_paging(q.page, q.per_page)
        .ok_or_else(|| ApiError::malformed("page must be 1 or more and per_page between 1 and 100"))?;
    let st = state.clone();
    let answer = state
        .db(move |conn| {
            let mut filter = store::ClockFilter {
                stage: q.stage.map(|s| s.as_str().to_string()),
                agency_id: q.agency_id.map(|a| a.to_string()),
                kinds: None,
            };
            if !reads_cases(&who.roles) {
                // an agency author: their agency's requests only
                let agency = directory::membership(conn, &who.tenant_id, &who.user_id)?.and_then(|m| m.agency_id);
                let Some(agency) = agency else { return Ok(Page { items: Vec::new(), page, per_page, total: 0 }) };
                if filter.agency_id.as_ref().is_some_and(|a| *a != agency) {
                    return Ok(Page { items: Vec::new(), page, per_page, total: 0 });
                }
                filter.agency_id = Some(agency);
                filter.kinds = Some(vec![ClockKind::AgencyInformation.as_str().into()]);
            }
            if q.mine {
                let mine: Vec<String> =
                    clock_kinds_acted_on(&who.roles).iter().map(|k| k.as_str().to_string()).collect();
                filter.kinds = Some(match filter.kinds.take() {
                    Some(k) => k.into_iter().filter(|x| mine.contains(x)).collect(),
                    None => mine,
                });
            }
            if filter.kinds.as_ref().is_some_and(|k| k.len() == ClockKind::ALL.len()) {
                filter.kinds = None; // every kind: no filter (the plain query is kept prepared)
            }
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            let (rows, total) = store::open_clocks(conn, &who.tenant_id, &filter, page, per_page)?;
            let today = today();
            let items = rows
                .iter()
                .map(|(clock, reference, stage)| {
                    Ok(CaseClock {
                        clock: work::clock_view(&calendar, today, clock)?,
                        case_reference: reference.clone(),
                        case_stage: CaseStage::parse(stage).ok_or_else(ApiError::internal)?,
                    })
                })
                .collect::<ApiResult<Vec<_>>>()?;
            Ok(Page { items, page, per_page, total: total.max(0) as u64 })
        })
        .await?;
    Ok(web::Json(answer))
}
