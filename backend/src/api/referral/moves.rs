//! The moves of a submitted referral, and the one runner every change goes through.
use super::wire::{self, WireView};
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::now;
use crate::state::AppState;
use crate::store::{directory, referral as store};
use actix_web::{get, post, put, web};
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
    step_expecting(state, who, rid, id, command, None).await
}

/// [`step`], refused with 409 `edit_conflict` unless the referral is at version `expected`
/// (the `If-Match` of a save) when one is named.
pub async fn step_expecting(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    command: ReferralCommand,
    expected: Option<i32>,
) -> ApiResult<WireView> {
    let command = check(command, today())?;
    // The form's JSON is made here, not on SQLite's writer (a twentieth of its time).
    let form = match command.command() {
        ReferralCommand::Edit(form) => Some(Json::encode(&**form)?),
        _ => None,
    };
    let action = command.action();
    step_with(state, who, rid, id, action, expected, form, move |_, _| Ok(command)).await
}

/// [`step`], with the command made inside the transaction (from what the database says);
/// `form`, when given, is the JSON of the form the command's edit saves, made beforehand.
/// The answer is made after the write, off SQLite's writer.
#[allow(clippy::too_many_arguments)]
async fn step_with(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    action: ReferralAction,
    expected: Option<i32>,
    form: Option<Json<ReferralForm>>,
    command: impl FnOnce(&mut DbConn, &Principal) -> ApiResult<Checked> + Send + 'static,
) -> ApiResult<WireView> {
    let st = state.clone();
    let caller = who.clone();
    let (row, clock) = state
        .db_write(move |conn: &mut DbConn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                crate::store::lock::referral(conn, &who.tenant_id, &id.to_string())?;
                let scope = referral_scope(&who.roles);
                let mut row = store::get(conn, &who.tenant_id, &id.to_string(), &who.user_id, scope)?
                    .ok_or_else(ApiError::not_found)?;
                let actor = wire::actor(&row, &who);
                // The move first: a refusal never depends on what the command names.
                next_stage(row.stage, action, actor).map_err(ReferralRefusal::Move)?;
                crate::api::precondition::check(expected, row.version)?;
                let command = command(conn, &who)?;
                let t = transition(row.stage, || row.form.decode(), command, actor, today())?;
                let from = row.stage;
                let rules = crate::store::clock_rule::rules_of(conn, &who.tenant_id)?;
                let clocks = shared::referral::clock::clock_changes(&t, today(), &rules);
                store::apply_with(&mut row, t.effects, form)?;
                row.stage = t.to;
                row.updated_at = now();
                if !store::update(conn, &mut row, from)? {
                    return Err(ApiError::edit_conflict());
                }
                store::apply_clocks(conn, &calendar, &row, clocks)?;
                // A decision without a review: its learning's actions are followed from here.
                if let Some(d) = row
                    .decision
                    .as_ref()
                    .filter(|_| action == ReferralAction::Decide)
                    .map(|d| d.decode())
                    .transpose()?
                {
                    if !d.review_agreed {
                        crate::store::learning::actions::from_learning(
                            conn,
                            &who.tenant_id,
                            (None, Id::parse(&row.id).as_ref()),
                            &d.actions,
                            shared::learning::ActionSource::Referral,
                            today(),
                        )?;
                    }
                }
                audit(conn, &who, &rid, &t.audit, "referral", &row.id)?;
                let clock = store::clock_of(conn, &who.tenant_id, &row.id)?
                    .map(|c| store::clock_view(&calendar, today(), &c))
                    .transpose()?;
                Ok((row, clock))
            })
        })
        .await?;
    wire::view(&row, &caller, clock.as_ref())
}
/// The managers of the caller's agency who may sign off their referrals (empty when the
/// caller belongs to no agency).
#[utoipa::path(
    operation_id = "list_sign_off_managers", tag = "referrals",
    responses(
        (status = 200, description = "The managers, by name", body = Vec<SignOffManager>),
    )
)]
#[get("/api/v1/t/{tenant}/sign-off-managers")]
pub async fn managers(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<SignOffManager>>> {
    let list = state.db(move |conn| Ok(managers_for(conn, &who)?)).await?;
    Ok(web::Json(list))
}

/// The managers a referral of `who` may be sent to: of their agency, not themselves.
fn managers_for(conn: &mut DbConn, who: &Principal) -> diesel::QueryResult<Vec<SignOffManager>> {
    let agency = directory::membership(conn, &who.tenant_id, &who.user_id)?.and_then(|m| m.agency_id);
    match agency {
        Some(agency) => store::managers_of(conn, &who.tenant_id, agency.as_str(), &who.user_id),
        None => Ok(Vec::new()),
    }
}

/// The referrer sends the complete referral to a manager of their agency for sign-off;
/// refused with the list of empty boxes when any mandatory box is empty, and naming
/// `manager_id` when the person chosen does not sign off for the referrer's agency.
#[utoipa::path(
    operation_id = "send_referral_for_sign_off", tag = "referrals",
    params(("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = SignOffRequest,
    responses(
        (status = 200, description = "Sent to the manager", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Only the referrer may send it", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not a draft or returned referral", body = ApiErrorBody),
        (status = 422, description = "Mandatory boxes empty, or not a manager of the agency; see fields", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/referrals/{id}/send-for-sign-off")]
pub async fn send_for_sign_off(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SignOffRequest>,
) -> ApiResult<WireView> {
    let chosen = body.into_inner().manager_id;
    step_with(&state, who, rid, path.into_inner().1, ReferralAction::SendForSignOff, None, None, move |conn, who| {
        let manager = managers_for(conn, who)?.into_iter().find(|m| m.id == chosen);
        Ok(check(ReferralCommand::SendForSignOff(manager), today())?)
    })
    .await
}

/// The manager it was sent to signs it off: it goes to the business office (the form's
/// "date submitted to the Business Office").
#[utoipa::path(
    operation_id = "sign_off_referral", tag = "referrals",
    params(("id" = uuid::Uuid, Path, description = "Referral id")),
    responses(
        (status = 200, description = "Signed off and submitted to the business office", body = ReferralView),
        (status = 403, description = "Only the manager it was sent to may sign it off", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not awaiting sign-off", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/referrals/{id}/sign-off")]
pub async fn sign_off(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<WireView> {
    step(&state, who, rid, path.into_inner().1, ReferralCommand::SignOff).await
}

/// The manager it was sent to returns it to the referrer with a reason.
#[utoipa::path(
    operation_id = "return_referral_by_manager", tag = "referrals",
    params(("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = ReturnRequest,
    responses(
        (status = 200, description = "Returned to the referrer", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Only the manager it was sent to may return it", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not awaiting sign-off", body = ApiErrorBody),
        (status = 422, description = "No reason given", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/referrals/{id}/return-by-manager")]
pub async fn return_by_manager(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ReturnRequest>,
) -> ApiResult<WireView> {
    step(&state, who, rid, path.into_inner().1, ReferralCommand::ReturnByManager(body.into_inner())).await
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
