//! The practitioner event and the family's part (the lead reviewer or the office).
use super::context::step_expecting;
use crate::api::precondition::{IfMatch, Tagged};
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::directory;
use actix_web::{put, web};
use shared::cspr::{check_event, check_family, CsprAction, CsprView, FamilyEngagement, PractitionerEvent};
use shared::ApiErrorBody;

/// Record the practitioner event: its date and format, invitees (a senior service manager
/// only with a reason), the questions sent in advance, attendance, one-to-ones and support.
#[utoipa::path(
    operation_id = "record_practitioner_event", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the review as read (its version, e.g. \"7\"): the save is refused with 409 `edit_conflict` when someone saved since"),
    ),
    request_body = PractitionerEvent,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "A reviewer who is not the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "The terms are not agreed yet, or saved by someone since the version named in If-Match (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/cspr/practitioner-event")]
pub async fn event(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    if_match: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<PractitionerEvent>,
) -> ApiResult<Tagged<CsprView>> {
    let event = body.into_inner();
    step_expecting(
        &state,
        who,
        rid,
        path.into_inner().1,
        CsprAction::RecordEvent,
        if_match.0,
        move |conn, _, review| {
            let agencies: Vec<uuid::Uuid> =
                directory::agencies_of(conn, review.tenant())?.into_iter().map(|a| a.id.uuid()).collect();
            ApiError::unless_invalid(check_event(&event, &agencies))?;
            review.cspr.event = Some(Json::encode(&event)?);
            Ok(())
        },
    )
    .await
}

/// Record the family's part: letters, consent, meetings, findings shared, and the family
/// members and relationships the genogram is drawn from.
#[utoipa::path(
    operation_id = "record_family", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the review as read (its version, e.g. \"7\"): the save is refused with 409 `edit_conflict` when someone saved since"),
    ),
    request_body = FamilyEngagement,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "A reviewer who is not the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not commissioned, or saved by someone since the version named in If-Match (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/cspr/family")]
pub async fn family(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    if_match: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<FamilyEngagement>,
) -> ApiResult<Tagged<CsprView>> {
    let family = body.into_inner();
    step_expecting(&state, who, rid, path.into_inner().1, CsprAction::RecordFamily, if_match.0, move |_, _, review| {
        ApiError::unless_invalid(check_family(&family, today()))?;
        review.cspr.family = Some(Json::encode(&family)?);
        Ok(())
    })
    .await
}
