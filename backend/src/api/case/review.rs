//! Around the decision: the Independent Scrutineer's observations that inform it, and a
//! local CSPR's 6-month clock, extended with a reason or stopped by the final report.
use super::step::step;
use crate::auth::principal::{Principal, RequestId};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::directory;
use actix_web::{post, web};
use shared::case::{CaseAction, CaseCommand, CaseView, ObservationRequest, ReviewExtension, SentOn};
use shared::ApiErrorBody;

/// The Independent Scrutineer's observations on a Rapid Review, before the strategic leads
/// decide (they read them on the case).
#[utoipa::path(
    operation_id = "add_observation", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = ObservationRequest,
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Decided already", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/observations")]
pub async fn observe(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ObservationRequest>,
) -> ApiResult<web::Json<CaseView>> {
    let observation = body.into_inner();
    let id = path.into_inner().1;
    let user_id = who.user_id.clone();
    step(&state, who, rid, id, CaseAction::AddObservation, move |conn, _| {
        let by = directory::user_by_id(conn, &user_id)?.name;
        Ok(CaseCommand::AddObservation { observation, by })
    })
    .await
}

/// Move a local CSPR's due date on: the reason, and whether and when the National Panel was
/// advised of the delay.
#[utoipa::path(
    operation_id = "extend_review", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = ReviewExtension,
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not an open local CSPR", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/review/extensions")]
pub async fn extend(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ReviewExtension>,
) -> ApiResult<web::Json<CaseView>> {
    let extension = body.into_inner();
    let id = path.into_inner().1;
    step(&state, who, rid, id, CaseAction::ExtendReview, move |_, _| Ok(CaseCommand::ExtendReview(extension))).await
}

/// Record the date the local CSPR's final report went to the National Panel: its clock stops.
#[utoipa::path(
    operation_id = "record_final_report_sent", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SentOn,
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not a local CSPR, or recorded already", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/review/final-report-sent")]
pub async fn final_report_sent(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SentOn>,
) -> ApiResult<web::Json<CaseView>> {
    let sent_on = body.into_inner().sent_on;
    let id = path.into_inner().1;
    step(&state, who, rid, id, CaseAction::RecordFinalReportSent, move |_, _| {
        Ok(CaseCommand::RecordFinalReportSent { sent_on })
    })
    .await
}
