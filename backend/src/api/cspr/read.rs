//! Reading a review as the caller's scope allows.
use super::{context, views};
use crate::api::precondition::Tagged;
use crate::api::{record_read, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use shared::cspr::{CsprView, ReviewTask};
use shared::ApiErrorBody;

/// A case's local CSPR: commissioning, review group, terms, reports, event, family and
/// parallel processes, as far as the caller may see (an agency's people see the agreed
/// terms and their own agency's report).
#[utoipa::path(
    operation_id = "get_cspr", tag = "cspr",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 404, description = "No such case, or not one the caller may know of", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/cspr")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<Tagged<CsprView>> {
    let id = path.into_inner().1.to_string();
    let reader = who.clone();
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let review = context::load(conn, &who, &id)?;
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            views::cspr_view(conn, &calendar, &review, today())
        })
        .await?;
    record_read(&state, &reader, &rid, "cspr.read", "case", Some(view.case_id.to_string()));
    Ok(Tagged { version: view.version, body: view })
}

/// What the caller can act on in the partnership's open local CSPRs (their home page): the
/// reviews they lead and the reports waiting for them, their agency's report to write or
/// sign off, the terms of reference to observe on.
#[utoipa::path(
    operation_id = "my_review_tasks", tag = "cspr",
    responses((status = 200, description = "The caller's tasks, by case", body = Vec<ReviewTask>))
)]
#[get("/api/v1/t/{tenant}/cspr-tasks")]
pub async fn tasks(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<ReviewTask>>> {
    let st = state.clone();
    let list = state
        .db(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            views::tasks_of(conn, &calendar, &who, today())
        })
        .await?;
    Ok(web::Json(list))
}
