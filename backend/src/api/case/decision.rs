//! The strategic leads' decision, and the Rapid Review report sent to the National Panel.
use super::step::step;
use crate::auth::principal::{Principal, RequestId};
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, put, web};
use shared::case::{CaseAction, CaseCommand, CaseDecision, CaseView, SentOn};
use shared::ApiErrorBody;

/// The strategic leads' decision. A local CSPR opens with its 6-month clock.
#[utoipa::path(
    operation_id = "decide_case", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = CaseDecision,
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not awaiting a decision", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/decision")]
pub async fn decide(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<CaseDecision>,
) -> ApiResult<web::Json<CaseView>> {
    let decision = body.into_inner();
    let id = path.into_inner().1;
    step(&state, who, rid, id, CaseAction::Decide, move |_, _| Ok(CaseCommand::Decide(decision))).await
}

/// Record the date the Rapid Review report went to the National Panel.
#[utoipa::path(
    operation_id = "record_report_sent", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SentOn,
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Already recorded, or no meeting yet", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/report-sent")]
pub async fn report_sent(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SentOn>,
) -> ApiResult<web::Json<CaseView>> {
    let sent_on = body.into_inner().sent_on;
    let id = path.into_inner().1;
    step(&state, who, rid, id, CaseAction::RecordReportSent, move |_, _| Ok(CaseCommand::RecordReportSent { sent_on }))
        .await
}
