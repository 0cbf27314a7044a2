//! The moves of a submitted referral, and the one runner every change goes through.
use super::wire::{self, WireView};
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::now;
use crate::state::AppState;
use crate::store::referral as store;
use actix_web::{post, put, web};
use shared::referral::*;
use shared::ApiErrorBody;

/// Loads the referral through the caller's scope (404 when they may not see it), asks
/// `shared::referral::transition`, applies its effects, writes the row back only if its
/// stage is unchanged (no lost updates), records the audit event and answers the referral.
pub async fn step(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    command: ReferralCommand,
) -> ApiResult<WireView> {
    check_command(&command, today())?;
    let st = state.clone();
    state
        .db(move |conn: &mut DbConn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                let scope = referral_scope(&who.roles);
                let mut row = store::get(conn, &who.tenant_id, &id.to_string(), &who.user_id, scope)?
                    .ok_or_else(ApiError::not_found)?;
                let actor = Actor { roles: &who.roles, is_referrer: row.referrer_id == who.user_id };
                let t = transition(row.stage, || row.form.decode(), command, actor, today())?;
                let from = row.stage;
                let rules = crate::store::clock_rule::rules_of(conn, &who.tenant_id)?;
                let clocks = shared::referral::clock::clock_changes(&t, today(), &rules);
                store::apply(&mut row, t.effects)?;
                row.stage = t.to;
                row.updated_at = now();
                if !store::update(conn, &row, from)? {
                    return Err(ApiError::invalid_stage("the referral changed meanwhile: reload it and try again"));
                }
                store::apply_clocks(conn, &calendar, &row, clocks)?;
                audit(conn, &who, &rid, &t.audit, "referral", &row.id)?;
                let clock = store::clock_of(conn, &who.tenant_id, &row.id)?
                    .map(|c| store::clock_view(&calendar, today(), &c))
                    .transpose()?;
                wire::view(&row, &who, clock.as_ref())
            })
        })
        .await
}

/// Submit to the business office; refused with the list of empty boxes when any mandatory box is empty.
#[utoipa::path(
    operation_id = "submit_referral", tag = "referrals",
    params(("id" = uuid::Uuid, Path, description = "Referral id")),
    responses(
        (status = 200, description = "Submitted", body = ReferralView),
        (status = 403, description = "Only the referrer may submit", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Already submitted", body = ApiErrorBody),
        (status = 422, description = "Mandatory boxes empty; see fields", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/referrals/{id}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<WireView> {
    step(&state, who, rid, path.into_inner().1, ReferralCommand::Submit).await
}

/// The business office returns a submitted referral to the referrer for completion.
#[utoipa::path(
    operation_id = "return_referral", tag = "referrals",
    params(("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = ReturnRequest,
    responses(
        (status = 200, description = "Returned", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not submitted", body = ApiErrorBody),
        (status = 422, description = "No reason given", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/referrals/{id}/return")]
pub async fn return_for_completion(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ReturnRequest>,
) -> ApiResult<WireView> {
    step(&state, who, rid, path.into_inner().1, ReferralCommand::Return(body.into_inner())).await
}

/// The business office records its recommendation.
#[utoipa::path(
    operation_id = "record_recommendation", tag = "referrals",
    params(("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = Recommendation,
    responses(
        (status = 200, description = "Recorded", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not awaiting a recommendation", body = ApiErrorBody),
        (status = 422, description = "Invalid recommendation", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/referrals/{id}/recommendation")]
pub async fn recommend(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<Recommendation>,
) -> ApiResult<WireView> {
    step(&state, who, rid, path.into_inner().1, ReferralCommand::Recommend(body.into_inner())).await
}

/// A strategic lead records the strategic partners' decision.
#[utoipa::path(
    operation_id = "record_decision", tag = "referrals",
    params(("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = Decision,
    responses(
        (status = 200, description = "Recorded", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "No recommendation yet", body = ApiErrorBody),
        (status = 422, description = "Invalid decision", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/referrals/{id}/decision")]
pub async fn decide(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<Decision>,
) -> ApiResult<WireView> {
    step(&state, who, rid, path.into_inner().1, ReferralCommand::Decide(body.into_inner())).await
}
