//! The office's side of Additional Information Requests (Appendix 2b): asking agencies, and
//! reminding the late ones.
use super::step::step;
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{case as store, directory};
use actix_web::{post, web};
use shared::case::{CaseAction, CaseCommand, CaseView, SendRequests};
use shared::ApiErrorBody;

/// Ask agencies for Additional Information (Appendix 2b); each has 7 working days.
#[utoipa::path(
    operation_id = "send_information_requests", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SendRequests,
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not at the Rapid Review stage", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/information-requests")]
pub async fn send(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SendRequests>,
) -> ApiResult<web::Json<CaseView>> {
    let send = body.into_inner();
    step(&state, who, rid, path.into_inner().1, CaseAction::SendRequests, move |conn, case| {
        let asked = store::asked_agencies(conn, &case.tenant_id, &case.id)?;
        // only active agencies are asked (an inactive one is "no such agency here")
        let known =
            directory::agencies_of(conn, &case.tenant_id)?.iter().filter(|a| a.active).map(|a| a.id.uuid()).collect();
        Ok(CaseCommand::SendRequests { send, asked, known })
    })
    .await
}

/// Record a reminder sent to an agency that has not answered.
#[utoipa::path(
    operation_id = "remind_agency", tag = "cases",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("request_id" = uuid::Uuid, Path, description = "Information request id"),
    ),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 404, description = "No such case or request", body = ApiErrorBody),
        (status = 409, description = "Answered already, or not at the Rapid Review stage", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/information-requests/{request_id}/reminders")]
pub async fn remind(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
) -> ApiResult<web::Json<CaseView>> {
    let (_, id, request_id) = path.into_inner();
    step(&state, who, rid, id, CaseAction::Remind, move |conn, case| {
        // A request of this case only.
        let (request, _) = store::get_request(conn, &case.tenant_id, &request_id.to_string())?
            .filter(|(r, _)| r.case_id == case.id)
            .ok_or_else(ApiError::not_found)?;
        Ok(CaseCommand::Remind { request: request_id, status: request.status })
    })
    .await
}
