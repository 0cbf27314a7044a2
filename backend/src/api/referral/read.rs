//! Reading referrals, each through the caller's need-to-know scope.
use super::wire::{self, WireView};
use crate::api::{record_read, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::referral::{self as store, batch::ReferralKey};
use actix_web::{get, http::header, web, HttpResponse};
use serde::Deserialize;
use shared::page::{checked_paging, Page};
use shared::referral::{referral_scope, ReferralStage, ReferralSummary, ReferralView};
use shared::ApiErrorBody;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// 1-based page number (default 1).
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 20).
    pub per_page: Option<u32>,
    /// Only referrals in this stage.
    pub stage: Option<ReferralStage>,
}

/// Referrals the caller may see, newest first.
#[utoipa::path(
    operation_id = "list_referrals", tag = "referrals",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of referrals", body = Page<ReferralSummary>),
        (status = 400, description = "Bad paging", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/referrals")]
pub async fn list(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    q: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    // A list names children: the read is recorded (the list, not each referral).
    record_read(&state, &who, &rid, "referral.list", "referral", None);
    let (page, per_page) = checked_paging(q.page, q.per_page)
        .ok_or_else(|| ApiError::malformed("page must be 1 or more and per_page between 1 and 100"))?;
    let (rows, total) = state
        .db(move |conn| {
            let scope = referral_scope(&who.roles);
            Ok(store::list(conn, &who.tenant_id, &who.user_id, scope, q.stage, page, per_page)?)
        })
        .await?;
    let items: Vec<_> = rows.iter().map(wire::summary).collect();
    let body = serde_json::to_vec(&Page { items, page, per_page, total: total.max(0) as u64 })
        .map_err(|_| ApiError::internal())?;
    Ok(HttpResponse::Ok().content_type(header::ContentType::json()).body(body))
}

/// One referral.
#[utoipa::path(
    operation_id = "get_referral", tag = "referrals",
    params(("id" = uuid::Uuid, Path, description = "Referral id")),
    responses(
        (status = 200, description = "The referral", body = ReferralView),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/referrals/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<WireView> {
    let id = path.into_inner().1.to_string();
    let scope = referral_scope(&who.roles);
    let key = ReferralKey { tenant_id: who.tenant_id.clone(), id, user_id: who.user_id.clone(), scope };
    let read = match &state.referral_reads {
        Some(reads) => reads.ask(key).await?,
        None => state.db(move |conn| Ok(crate::store::referral::batch::get_one(conn, &key)?)).await?,
    };
    let (row, clock) = read.ok_or_else(ApiError::not_found)?;
    // Only a referral that reached the business office has a clock.
    let clock = match clock {
        Some(c) => {
            // kept in memory nearly always: a connection only when it is not
            let calendar = match state.calendars.kept(&who.tenant_id) {
                Some(calendar) => calendar,
                None => {
                    let (st, tenant_id) = (state.clone(), who.tenant_id.clone());
                    state.db(move |conn| st.calendars.for_tenant(conn, &tenant_id)).await?
                }
            };
            Some(store::clock_view(&calendar, today(), &c)?)
        }
        None => None,
    };
    record_read(&state, &who, &rid, "referral.read", "referral", Some(row.id.clone()));
    wire::view(&row, &who, clock.as_ref())
}
