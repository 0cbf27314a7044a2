//! The second factor: set up (a secret for an authenticator app, shown as a QR code), then
//! confirmed with a code, which gives recovery codes and a full session.
use crate::api::audit;
use crate::api::auth::{access_token, token_response};
use crate::auth::principal::{Principal, RequestId};
use crate::auth::totp;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, UserRow};
use crate::schema::{recovery_codes as rc, users};
use crate::state::AppState;
use crate::store::{directory, refresh};
use actix_web::http::StatusCode;
use actix_web::{post, web};
use diesel::prelude::*;
use shared::auth::{ConfirmSecondFactor, SecondFactorEnrolled, SecondFactorSetup};
use shared::{ApiErrorBody, ErrorCode, FieldError};

fn unix_now() -> u64 {
    crate::auth::tokens::now_secs()
}

/// Whether `code` is the person's second factor now: a recovery code not used yet (then
/// used), or their app's code of a time step later than the last one used (then that step
/// is the last used). Both are single-use even under concurrent sign-ins.
pub fn check_code(conn: &mut DbConn, user: &UserRow, secret: &str, code: &str) -> QueryResult<bool> {
    if totp::is_recovery_code(code) {
        let n =
            diesel::update(rc::table.find((&user.id, totp::hash_recovery_code(code))).filter(rc::used_at.is_null()))
                .set(rc::used_at.eq(Some(now())))
                .execute(conn)?;
        return Ok(n == 1);
    }
    let last = user.totp_last_step.and_then(|s| u64::try_from(s).ok());
    let Some(step) = totp::matching_step(secret, code, unix_now(), last) else { return Ok(false) };
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    let n = diesel::update(
        users::table.find(&user.id).filter(users::totp_last_step.is_null().or(users::totp_last_step.lt(step))),
    )
    .set(users::totp_last_step.eq(Some(step)))
    .execute(conn)?;
    Ok(n == 1)
}

fn already_set_up() -> ApiError {
    ApiError::new(StatusCode::CONFLICT, ErrorCode::Conflict, "Your second factor is set up already")
}

/// Start setting up a second factor: a new secret (replacing one being set up), its QR code.
#[utoipa::path(
    operation_id = "set_up_second_factor", tag = "auth",
    responses(
        (status = 200, description = "Scan the QR code or type the secret, then confirm a code", body = SecondFactorSetup),
        (status = 409, description = "Set up already", body = ApiErrorBody),
    )
)]
#[post("/api/v1/me/second-factor/setup")]
pub async fn setup(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<SecondFactorSetup>> {
    let setup = state
        .db(move |conn| {
            let user = directory::user_by_id(conn, &who.user_id)?;
            if user.totp_secret.is_some() {
                return Err(already_set_up());
            }
            let secret = totp::new_secret();
            diesel::update(users::table.find(&who.user_id)).set(users::totp_pending.eq(Some(&secret))).execute(conn)?;
            let otpauth_uri = totp::otpauth_uri(&secret, &user.email);
            let qr_code = totp::qr_data_url(&otpauth_uri).ok_or_else(ApiError::internal)?;
            Ok(SecondFactorSetup { secret, otpauth_uri, qr_code })
        })
        .await?;
    Ok(web::Json(setup))
}

/// Confirm the second factor with a code the app shows: it is on from now. Answers the
/// recovery codes (shown this once) and the tokens of a new, full session; sessions that
/// could only enrol end, and so does every access token from before.
#[utoipa::path(
    operation_id = "confirm_second_factor", tag = "auth",
    request_body = ConfirmSecondFactor,
    responses(
        (status = 200, description = "On: recovery codes and new tokens", body = SecondFactorEnrolled),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 409, description = "Set up already, or no setup started", body = ApiErrorBody),
        (status = 422, description = "The code is not the app's code now (`invalid_second_factor`), or the password is wrong (`wrong_password`)", body = ApiErrorBody),
        (status = 503, description = "Too many password checks at once: try again after Retry-After", body = ApiErrorBody),
    )
)]
#[post("/api/v1/me/second-factor/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<ConfirmSecondFactor>,
) -> ApiResult<web::Json<SecondFactorEnrolled>> {
    let ConfirmSecondFactor { code, current_password } = body.into_inner();
    let st = state.clone();
    let user_id = who.user_id.clone();
    let _slot = state.hashing.try_take().ok_or_else(ApiError::busy)?;
    let enrolled = state
        .db_offload(move |conn| {
            // The password again (ASVS: re-authenticate before changing a factor).
            let user = directory::user_by_id(conn, &who.user_id)?;
            if !crate::auth::password::verify(&current_password, &user.password_hash) {
                return Err(ApiError::wrong_password("current_password"));
            }
            crate::db::write_transaction(conn, |conn| {
                let user = directory::user_by_id(conn, &who.user_id)?;
                if user.totp_secret.is_some() {
                    return Err(already_set_up());
                }
                let pending = user.totp_pending.clone().ok_or_else(|| {
                    ApiError::new(
                        StatusCode::CONFLICT,
                        ErrorCode::Conflict,
                        "Start setting up your second factor first",
                    )
                })?;
                let Some(step) = totp::matching_step(&pending, &code, unix_now(), None) else {
                    let mut e = ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        ErrorCode::InvalidSecondFactor,
                        "Enter the 6-digit code your app shows now",
                    );
                    e.fields = vec![FieldError::new("code", "wrong", "Enter the 6-digit code your app shows now")];
                    return Err(e);
                };
                diesel::update(users::table.find(&who.user_id))
                    .set((
                        users::totp_secret.eq(Some(&pending)),
                        users::totp_pending.eq(None::<String>),
                        users::totp_last_step.eq(Some(i64::try_from(step).unwrap_or(i64::MAX))),
                    ))
                    .execute(conn)?;
                diesel::delete(rc::table.filter(rc::user_id.eq(&who.user_id))).execute(conn)?;
                let codes = totp::new_recovery_codes();
                for c in &codes {
                    diesel::insert_into(rc::table)
                        .values((rc::user_id.eq(&who.user_id), rc::code_hash.eq(totp::hash_recovery_code(c))))
                        .execute(conn)?;
                }
                refresh::end_enrolling(conn, &who.user_id)?;
                directory::bump_epoch(conn, &who.user_id)?;
                audit(conn, &who, &rid, "account.second_factor_enrolled", "account", &who.user_id)?;
                let user = directory::user_by_id(conn, &who.user_id)?;
                let tenant = directory::tenant_by_id(conn, &who.tenant_id)?;
                let membership =
                    directory::membership(conn, &who.tenant_id, &who.user_id)?.ok_or_else(ApiError::unauthenticated)?;
                let (session, refresh_token) =
                    refresh::start(conn, &st.config.sessions, &who.tenant_id, &who.user_id, false)?;
                let access = access_token(&st, &user, &tenant, &membership, &session)?;
                let tokens = token_response(&st.config.sessions, access, refresh_token, &session);
                Ok(SecondFactorEnrolled { recovery_codes: codes, tokens })
            })
        })
        .await?;
    state.me_cache.forget_user(&user_id);
    // After the commit: this instance reads the new epoch at once.
    state.revocations.forget(&user_id);
    Ok(web::Json(enrolled))
}
