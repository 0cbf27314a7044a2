//! The Rapid Review meeting and its recommendation.
use super::step::step;
use crate::auth::principal::{Principal, RequestId};
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{put, web};
use shared::case::{CaseAction, CaseCommand, CaseView, RapidReviewMeeting};
use shared::ApiErrorBody;

/// Record the Rapid Review meeting and its recommendation.
#[utoipa::path(
    operation_id = "record_meeting", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = RapidReviewMeeting,
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not at the Rapid Review stage", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/meeting")]
pub async fn record(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<RapidReviewMeeting>,
) -> ApiResult<web::Json<CaseView>> {
    let meeting = body.into_inner();
    let id = path.into_inner().1;
    step(&state, who, rid, id, CaseAction::RecordMeeting, move |_, _| Ok(CaseCommand::RecordMeeting(meeting))).await
}
