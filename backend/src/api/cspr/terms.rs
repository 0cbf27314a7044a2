//! The terms of reference: the lead reviewer writes versions, the scrutineer and the
//! group's members observe on them, the group agrees one at a recorded meeting.
use super::context::step;
use crate::api::precondition::Tagged;
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::directory;
use actix_web::{post, web};
use shared::case::ObservationRequest;
use shared::cspr::terms::clean_lines;
use shared::cspr::{
    check_agreement, check_terms, observing_role, AgreementForm, CsprAction, CsprView, TermsAgreement, TermsForm,
    TermsObservation, TermsVersion,
};
use shared::ApiErrorBody;

/// A new version of the terms of reference and key lines of enquiry (the lead reviewer).
#[utoipa::path(
    operation_id = "draft_terms", tag = "cspr",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = TermsForm,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Not the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not commissioned, or agreed already", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/cspr/terms")]
pub async fn draft(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<TermsForm>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    let user_id = who.user_id.clone();
    step(&state, who, rid, path.into_inner().1, CsprAction::DraftTerms, move |conn, _, review| {
        ApiError::unless_invalid(check_terms(&form))?;
        let mut versions: Vec<TermsVersion> = review.cspr.terms.decode()?;
        versions.push(TermsVersion {
            version: versions.len() as u32 + 1,
            text: form.text.trim().to_string(),
            key_lines: clean_lines(&form.key_lines),
            written_by: directory::user_by_id(conn, &user_id)?.name,
            written_on: today(),
            observations: Vec::new(),
        });
        review.cspr.terms = Json::encode(&versions)?;
        Ok(())
    })
    .await
}

/// An observation on a version (the Independent Scrutineer, or a member of the review
/// group).
#[utoipa::path(
    operation_id = "observe_terms", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("version" = u32, Path, description = "The version observed on"),
    ),
    request_body = ObservationRequest,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case or version", body = ApiErrorBody),
        (status = 409, description = "Agreed already, or no version yet", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/cspr/terms/{version}/observations")]
pub async fn observe(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, u32)>,
    body: web::Json<ObservationRequest>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    let (_, id, version) = path.into_inner();
    let user_id = who.user_id.clone();
    let role = observing_role(&who.roles);
    step(&state, who, rid, id, CsprAction::ObserveTerms, move |conn, _, review| {
        let mut versions: Vec<TermsVersion> = review.cspr.terms.decode()?;
        let target = versions.iter_mut().find(|v| v.version == version).ok_or_else(ApiError::not_found)?;
        ApiError::unless_invalid(shared::case::validate_observation(&form))?;
        target.observations.push(TermsObservation {
            by: directory::user_by_id(conn, &user_id)?.name,
            role,
            on: today(),
            text: form.text.trim().to_string(),
        });
        review.cspr.terms = Json::encode(&versions)?;
        Ok(())
    })
    .await
}

/// Record the review group's agreement of a version: the meeting's day and who attended.
#[utoipa::path(
    operation_id = "agree_terms", tag = "cspr",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = AgreementForm,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "A reviewer who is not the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "No group or version yet, or agreed already", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/cspr/terms/agreement")]
pub async fn agree(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<AgreementForm>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    let user_id = who.user_id.clone();
    step(&state, who, rid, path.into_inner().1, CsprAction::AgreeTerms, move |conn, _, review| {
        let versions: Vec<TermsVersion> = review.cspr.terms.decode()?;
        ApiError::unless_invalid(check_agreement(&form, &versions, today()))?;
        let Some(agreed_on) = form.agreed_on else { return Err(ApiError::validation(Vec::new())) };
        let agreement = TermsAgreement {
            version: form.version,
            agreed_on,
            attendees: clean_lines(&form.attendees),
            recorded_by: directory::user_by_id(conn, &user_id)?.name,
        };
        review.cspr.agreement = Some(Json::encode(&agreement)?);
        Ok(())
    })
    .await
}
