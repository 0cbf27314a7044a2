//! A person's own account: changing their password, and resetting a forgotten one through a
//! one-time link sent by e-mail. A new password must pass [`password::problem`]; once it is
//! set, every session of the person ends ([`refresh_tokens::end_sessions`]).
use crate::auth::principal::{Principal, RequestId};
use crate::auth::tokens::random_token;
use crate::auth::{password, throttle};
use crate::db::write_transaction;
use crate::error::{ApiError, ApiResult};
use crate::models::now;
use crate::state::AppState;
use crate::store::{audit, directory, password_reset, refresh as refresh_tokens};
use actix_web::{post, web, HttpResponse};
use shared::auth::{ChangePasswordRequest, PasswordResetComplete, PasswordResetRequest};
use shared::people::InvitationAccept;
use shared::{ApiErrorBody, ErrorCode};

/// An audit event about a person's account: the action only.
fn account_event(
    conn: &mut crate::db::DbConn,
    tenant_id: &str,
    user_id: &str,
    action: &str,
    rid: &RequestId,
) -> diesel::QueryResult<()> {
    audit::record(
        conn,
        audit::Event {
            tenant_id,
            actor_id: Some(user_id),
            action,
            entity_type: "user",
            entity_id: Some(user_id),
            request_id: Some(&rid.0),
            address: None,
        },
    )
}

/// Sets the person's new password (hashed), stops every reset link of theirs and ends all
/// their sessions, in one transaction.
fn set_password(conn: &mut crate::db::DbConn, user_id: &str, hash: &str) -> diesel::QueryResult<()> {
    directory::set_password_hash(conn, user_id, hash)?;
    password_reset::use_all(conn, user_id)?;
    refresh_tokens::end_sessions(conn, user_id)
}

/// Change the signed-in person's password. Every session of theirs ends (in every
/// partnership): they sign in again with the new password.
#[utoipa::path(
    operation_id = "change_password", tag = "auth",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; every session of the person has ended"),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 422, description = "The current password is wrong (`wrong_password`), or the new one is too short or too common (`weak_password`)", body = ApiErrorBody),
        (status = 429, description = "Too many wrong current passwords from this network: wait for Retry-After seconds", body = ApiErrorBody),
        (status = 503, description = "Too many password checks at once: try again after Retry-After", body = ApiErrorBody),
    )
)]
#[post("/api/v1/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<ChangePasswordRequest>,
    req: actix_web::HttpRequest,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let user_id = who.user_id.clone();
    // Guessing the current password is throttled like signing in, and bounded the same way.
    let ip = crate::api::auth::client_ip(&req, &state.config.exposure.trusted_proxies);
    let network = ip.map(crate::net::network_key).unwrap_or_default();
    let keys = std::sync::Arc::new(throttle::Keys::new(&format!("user:{user_id}"), &network));
    let k = keys.clone();
    state.db(move |conn| Ok(throttle::check(conn, &k)?)).await?.map_err(ApiError::rate_limited)?;
    let _slot = state.hashing.try_take().ok_or_else(ApiError::busy)?;
    let limits = state.config.throttle.clone();
    state
        .db_offload(move |conn| {
            let user = directory::user_by_id(conn, &who.user_id)?;
            if !password::verify(&body.current_password, &user.password_hash) {
                throttle::failed(conn, &limits, &keys)?;
                return Err(ApiError::wrong_password("current_password"));
            }
            if let Some(problem) = password::problem("new_password", &body.new_password) {
                return Err(ApiError::weak_password(problem));
            }
            let hash = password::hash(&body.new_password).map_err(|_| ApiError::internal())?;
            write_transaction(conn, |conn| {
                set_password(conn, &who.user_id, &hash)?;
                account_event(conn, &who.tenant_id, &who.user_id, "account.password_changed", &rid)?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    state.me_cache.forget_user(&user_id);
    // Every access token of theirs stops working here at once (elsewhere within seconds).
    state.revocations.forget(&user_id);
    Ok(HttpResponse::NoContent().finish())
}

/// Ask for a link to reset a forgotten password. Always 202, whether or not the address
/// belongs to someone in the partnership. When it does (and the account is not disabled) a
/// one-time link, valid for 30 minutes, is sent to it: at most 3 an hour per account.
#[utoipa::path(
    operation_id = "request_password_reset", tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "Taken: a link is sent when the address is a member's"),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
    )
)]
#[post("/api/v1/auth/password-reset")]
pub async fn request_reset(
    state: web::Data<AppState>,
    rid: RequestId,
    body: web::Json<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let base = state.link_base();
    let queued = state
        .db(move |conn| {
            // The same lookups whoever asks.
            let tenant = directory::tenant_by_slug(conn, &body.tenant.trim().to_lowercase())?;
            let user = directory::user_by_email(conn, &body.email)?;
            let membership = match (&tenant, &user) {
                (Some(t), Some(u)) => directory::membership(conn, &t.id, &u.id)?,
                _ => None,
            };
            let recent = match &user {
                Some(u) => password_reset::issued_last_hour(conn, &u.id)?,
                None => password_reset::issued_last_hour(conn, "")?,
            };
            let (Some(tenant), Some(user), Some(_)) = (tenant, user, membership) else {
                let _ = random_token();
                return Ok(false);
            };
            if user.disabled {
                return Ok(false);
            }
            if recent >= password_reset::RESETS_PER_HOUR {
                account_event(conn, &tenant.id, &user.id, "account.password_reset_throttled", &rid)?;
                return Ok(false);
            }
            write_transaction(conn, |conn| {
                let token = password_reset::issue(conn, &tenant.id, &user.id)?;
                crate::mail::messages::queue_password_reset(conn, &tenant.id, &user.email, &base, &token)?;
                account_event(conn, &tenant.id, &user.id, "account.password_reset_requested", &rid)?;
                Ok::<_, ApiError>(true)
            })
        })
        .await?;
    if queued {
        state.mail_queued();
    }
    Ok(HttpResponse::Accepted().finish())
}

/// Set a new password with the token of a reset link: once, within 30 minutes of asking.
/// Every session of the person ends; they sign in with the new password.
#[utoipa::path(
    operation_id = "complete_password_reset", tag = "auth",
    request_body = PasswordResetComplete,
    responses(
        (status = 204, description = "The new password is set; every session of the person has ended"),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 422, description = "The link is unknown, used or expired (`invalid_reset_link`), or the password is too short or too common (`weak_password`)", body = ApiErrorBody),
    )
)]
#[post("/api/v1/auth/password-reset/complete")]
pub async fn complete_reset(
    state: web::Data<AppState>,
    rid: RequestId,
    body: web::Json<PasswordResetComplete>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let link = MailedLink {
        purpose: password_reset::RESET,
        refused: ApiError::invalid_reset_link,
        audit: "account.password_reset",
    };
    set_password_by_link(&state, rid, link, body.token, body.new_password).await
}

/// What a mailed password link is: its purpose, the refusal when it does not work, and the
/// audit action once it has.
struct MailedLink {
    purpose: &'static str,
    refused: fn() -> ApiError,
    audit: &'static str,
}

/// Sets a person's password with a mailed link's token: the link must be of its purpose,
/// unused and unexpired, the person enabled and still a member; the link is used in the same
/// transaction as the password is set. Every access token of theirs stops working here at
/// once (elsewhere within seconds).
async fn set_password_by_link(
    state: &web::Data<AppState>,
    rid: RequestId,
    link: MailedLink,
    token: String,
    new_password: String,
) -> ApiResult<HttpResponse> {
    let user_id = state
        .db_offload(move |conn| {
            let row = password_reset::find_for(conn, token.trim(), link.purpose)?.ok_or_else(link.refused)?;
            if row.used_at.is_some() || row.expires_at <= now() {
                return Err((link.refused)());
            }
            if let Some(problem) = password::problem("new_password", &new_password) {
                return Err(ApiError::weak_password(problem));
            }
            let user = directory::user_by_id(conn, &row.user_id)?;
            if user.disabled || directory::membership(conn, &row.tenant_id, &row.user_id)?.is_none() {
                return Err((link.refused)());
            }
            let hash = password::hash(&new_password).map_err(|_| ApiError::internal())?;
            write_transaction(conn, |conn| {
                if !password_reset::use_token(conn, &row)? {
                    return Err((link.refused)());
                }
                set_password(conn, &row.user_id, &hash)?;
                account_event(conn, &row.tenant_id, &row.user_id, link.audit, &rid)?;
                Ok(row.user_id.clone())
            })
        })
        .await?;
    state.me_cache.forget_user(&user_id);
    state.revocations.forget(&user_id);
    Ok(HttpResponse::NoContent().finish())
}

fn invalid_invitation() -> ApiError {
    ApiError::new(
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::InvalidInvitation,
        "This invitation link does not work: it has been used, it has expired, or it is not complete. Ask the business office to invite you again",
    )
}

/// Accept an invitation: choose the new account's password with the token of the
/// invitation's link (once, within 7 days). Then sign in (and set up the second factor where
/// the partnership requires one).
#[utoipa::path(
    operation_id = "accept_invitation", tag = "auth",
    request_body = InvitationAccept,
    responses(
        (status = 204, description = "The password is set: sign in with it"),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 422, description = "The link is unknown, used or expired (`invalid_invitation`), or the password is too short or too common (`weak_password`)", body = ApiErrorBody),
    )
)]
#[post("/api/v1/auth/invitation")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    rid: RequestId,
    body: web::Json<InvitationAccept>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let link = MailedLink {
        purpose: password_reset::INVITATION,
        refused: invalid_invitation,
        audit: "account.invitation_accepted",
    };
    set_password_by_link(&state, rid, link, body.token, body.new_password).await
}
