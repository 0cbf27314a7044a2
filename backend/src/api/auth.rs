//! Sign-in, refresh, sign-out and tenant switching.
use crate::api::second_factor;
use crate::auth::principal::{Principal, RequestId};
use crate::auth::throttle::{self, Keys};
use crate::auth::{password, tokens::Grant};
use crate::config::Sessions;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, MembershipRow, SessionRow, TenantRow, UserRow};
use crate::state::AppState;
use crate::store::refresh::{self as refresh_tokens, Rotation};
use crate::store::{audit, directory};
use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::auth::{LoginRequest, RefreshRequest, SwitchRequest, TokenResponse, ACCESS_TOKEN_SECONDS};
use shared::{ApiErrorBody, ErrorCode};

/// An audit event about a session (sign-in, refresh, sign-out, switch): no content.
fn session_event(
    conn: &mut crate::db::DbConn,
    tenant_id: &str,
    actor_id: Option<&str>,
    action: &str,
    rid: &RequestId,
    address: Option<&str>,
) -> diesel::QueryResult<()> {
    audit::record(
        conn,
        audit::Event {
            tenant_id,
            actor_id,
            action,
            entity_type: "session",
            entity_id: None,
            request_id: Some(&rid.0),
            address,
        },
    )
}

pub(crate) fn token_response(
    limits: &Sessions,
    access_token: String,
    refresh_token: String,
    session: &SessionRow,
) -> TokenResponse {
    let left = (session.ends_at - now()).num_seconds().max(0) as u64;
    TokenResponse {
        access_token,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS.min(left),
        session_expires_in: left,
        idle_timeout: limits.idle_secs,
        idle_warning: limits.idle_warning_secs.min(limits.idle_secs),
    }
}

/// An access token for the person in the session's partnership, with their epoch now.
pub(crate) fn access_token(
    state: &AppState,
    user: &UserRow,
    tenant: &TenantRow,
    membership: &MembershipRow,
    session: &SessionRow,
) -> ApiResult<String> {
    state
        .keys
        .issue(&Grant {
            user_id: &user.id,
            tenant: &tenant.slug,
            tenant_id: &tenant.id,
            roles: &directory::roles_of(membership),
            epoch: user.session_epoch,
            session_ends: u64::try_from(session.ends_at.and_utc().timestamp()).unwrap_or(0),
            enrolling: session.enrolling,
        })
        .map_err(|_| ApiError::internal())
}

/// The client's address, through the trusted proxies only.
pub fn client_ip(req: &HttpRequest, trusted: &[crate::net::Network]) -> Option<std::net::IpAddr> {
    let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    crate::net::client_address(req.peer_addr().map(|a| a.ip()), forwarded, trusted)
}

/// Sign in to one partnership.
#[utoipa::path(
    operation_id = "login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "Wrong partnership, e-mail or password (all the same answer: `invalid_credentials`); the password is right but the person's second factor is needed (`second_factor_required`) or wrong (`invalid_second_factor`)", body = ApiErrorBody),
        (status = 429, description = "Too many failures from this network: wait for Retry-After seconds", body = ApiErrorBody),
        (status = 503, description = "Too many password checks at once: try again after Retry-After", body = ApiErrorBody),
    )
)]
#[post("/api/v1/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    rid: RequestId,
    body: web::Json<LoginRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let body = body.into_inner();
    let ip = client_ip(&req, &state.config.exposure.trusted_proxies);
    let address = ip.map(|ip| ip.to_string());
    // The account is the person (global), whatever partnership is named; counted with the
    // client's network, so a stranger's failures never keep the owner out.
    let keys =
        Keys::new(&directory::normalise_email(&body.email), &ip.map(crate::net::network_key).unwrap_or_default());
    let keys = std::sync::Arc::new(keys);
    let k = keys.clone();
    state.db(move |conn| Ok(throttle::check(conn, &k)?)).await?.map_err(ApiError::rate_limited)?;
    // Held until the password check is done: a bound on Argon2 at once.
    let _slot = state.hashing.try_take().ok_or_else(ApiError::busy)?;
    let st = state.clone();
    let limits = state.config.throttle.clone();
    state
        .db_offload(move |conn| {
            let tenant = directory::tenant_by_slug(conn, body.tenant.trim())?;
            let user = directory::user_by_email(conn, &body.email)?;
            let password_ok = match &user {
                Some(u) => password::verify(&body.password, &u.password_hash),
                None => {
                    password::verify_dummy(&body.password);
                    false
                }
            };
            let membership = match (&tenant, &user) {
                (Some(t), Some(u)) => directory::membership(conn, &t.id, &u.id)?,
                _ => None,
            };
            let (Some(tenant), Some(user), Some(membership), true) =
                (tenant.clone(), user.clone(), membership, password_ok)
            else {
                throttle::failed(conn, &limits, &keys)?;
                if let Some(t) = &tenant {
                    let actor = user.as_ref().map(|u| u.id.to_string());
                    session_event(conn, &t.id, actor.as_deref(), "auth.login_failed", &rid, address.as_deref())?;
                }
                return Err(ApiError::invalid_credentials());
            };
            if user.disabled {
                session_event(
                    conn,
                    &tenant.id,
                    Some(&user.id),
                    "auth.login_refused_disabled",
                    &rid,
                    address.as_deref(),
                )?;
                return Err(ApiError::invalid_credentials());
            }
            // The second factor: needed from a person who has one; a person who has none
            // where the partnership requires one gets a session that may only enrol.
            let enrolling = match &user.totp_secret {
                Some(secret) => {
                    let Some(code) = body.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) else {
                        return Err(ApiError::second_factor_required());
                    };
                    throttle::check_second_factor(conn, &user.id)?.map_err(ApiError::rate_limited)?;
                    if !second_factor::check_code(conn, &user, secret, code)? {
                        throttle::failed(conn, &limits, &keys)?;
                        throttle::second_factor_failed(conn, &limits, &user.id)?;
                        let event = "auth.second_factor_failed";
                        session_event(conn, &tenant.id, Some(&user.id), event, &rid, address.as_deref())?;
                        return Err(ApiError::invalid_second_factor());
                    }
                    throttle::second_factor_succeeded(conn, &user.id)?;
                    false
                }
                None => tenant.second_factor.must_enrol(&directory::roles_of(&membership), false),
            };
            throttle::succeeded(conn, &keys)?;
            let (session, refresh_token) =
                refresh_tokens::start(conn, &st.config.sessions, &tenant.id, &user.id, enrolling)?;
            session_event(conn, &tenant.id, Some(&user.id), "auth.login", &rid, address.as_deref())?;
            directory::record_sign_in(conn, &tenant.id, &user.id)?;
            let access = access_token(&st, &user, &tenant, &membership, &session)?;
            Ok(web::Json(token_response(&st.config.sessions, access, refresh_token, &session)))
        })
        .await
}

fn invalid_refresh() -> ApiError {
    ApiError::new(
        actix_web::http::StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidRefreshToken,
        "The session has ended: sign in again",
    )
}

/// Exchange a refresh token for new tokens; the old one stops working. Using an
/// already-exchanged token again ends every session that came from the same sign-in.
#[utoipa::path(
    operation_id = "refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = ApiErrorBody),
    )
)]
#[post("/api/v1/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    rid: RequestId,
    body: web::Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let token = body.into_inner().refresh_token;
    let st = state.clone();
    state
        .db(move |conn| {
            let session = match refresh_tokens::rotate(conn, &st.config.sessions, &token)? {
                Rotation::Invalid => return Err(invalid_refresh()),
                Rotation::Reused { session } => {
                    // Whoever holds the session's newest token may be the thief: their access
                    // tokens end too (the owner's other sessions just refresh).
                    crate::store::directory::bump_epoch(conn, &session.user_id)?;
                    session_event(conn, &session.tenant_id, Some(&session.user_id), "auth.refresh_reused", &rid, None)?;
                    return Err(invalid_refresh());
                }
                Rotation::Rotated { session, token, epoch } => (session, token, epoch),
            };
            let (session, next, epoch) = session;
            let mut user = directory::user_by_id(conn, &session.user_id)?;
            // The epoch of the rotation, so that a reuse found just after ends this token too.
            user.session_epoch = epoch;
            let membership = directory::membership(conn, &session.tenant_id, &session.user_id)?;
            let (Some(membership), false) = (membership, user.disabled) else {
                refresh_tokens::end(conn, &session.tenant_id, &session.id)?;
                return Err(invalid_refresh());
            };
            let tenant = directory::tenant_by_id(conn, &session.tenant_id)?;
            // Roles or the partnership's rule may have changed since sign-in: a session that
            // now needs a second factor the person has not got may only enrol.
            let mut session = session;
            let roles = directory::roles_of(&membership);
            if !session.enrolling && tenant.second_factor.must_enrol(&roles, user.totp_secret.is_some()) {
                refresh_tokens::set_enrolling(conn, &session)?;
                session.enrolling = true;
            }
            let access = access_token(&st, &user, &tenant, &membership, &session)?;
            Ok(web::Json(token_response(&st.config.sessions, access, next, &session)))
        })
        .await
}

/// Sign out: the session ends (its refresh tokens stop working), and so does every access
/// token the person holds, in every partnership.
#[utoipa::path(
    operation_id = "logout", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out (also when the token was unknown or no longer works: then nothing happens)"),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
    )
)]
#[post("/api/v1/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    rid: RequestId,
    body: web::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let token = body.into_inner().refresh_token;
    let st = state.clone();
    let user = state
        .db_write(move |conn| {
            // Only a token that still works signs out: an old one does nothing (else anyone
            // holding a dead token could end the person's access tokens again and again).
            let Some(session) = refresh_tokens::live_session_of(conn, &token)? else { return Ok(None) };
            crate::db::write_transaction(conn, |conn| {
                refresh_tokens::end(conn, &session.tenant_id, &session.id)?;
                crate::store::directory::bump_epoch(conn, &session.user_id)?;
                session_event(conn, &session.tenant_id, Some(&session.user_id), "auth.logout", &rid, None)
            })?;
            Ok(Some(session.user_id))
        })
        .await?;
    if let Some(user) = user {
        state.me_cache.forget_user(&user);
        // After the commit: this instance reads the new epoch at once.
        st.revocations.forget(&user);
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Tokens for another partnership the signed-in person belongs to.
#[utoipa::path(
    operation_id = "switch_tenant", tag = "auth",
    request_body = SwitchRequest,
    responses(
        (status = 200, description = "Tokens for the other partnership", body = TokenResponse),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "The refresh token of the session being left is not a working one of this person in this partnership", body = ApiErrorBody),
        (status = 404, description = "Not another partnership of this person", body = ApiErrorBody),
    )
)]
#[post("/api/v1/auth/switch")]
pub async fn switch(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<SwitchRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let SwitchRequest { tenant: slug, refresh_token: leaving } = body.into_inner();
    let st = state.clone();
    state
        .db(move |conn| {
            let tenant = directory::tenant_by_slug(conn, slug.trim())?.ok_or_else(ApiError::not_found)?;
            let membership = directory::membership(conn, &tenant.id, &who.user_id)?.ok_or_else(ApiError::not_found)?;
            let user = directory::user_by_id(conn, &who.user_id)?;
            if user.disabled {
                return Err(ApiError::unauthenticated());
            }
            // The session being left must be this person's, in this token's partnership, and
            // still working: an access token alone does not make a session. It ends.
            if tenant.id == who.tenant_id {
                return Err(ApiError::not_found());
            }
            let old = refresh_tokens::live_session_of(conn, &leaving)?
                .filter(|old| old.user_id == who.user_id && old.tenant_id == who.tenant_id)
                .ok_or_else(invalid_refresh)?;
            refresh_tokens::end(conn, &old.tenant_id, &old.id)?;
            session_event(conn, &old.tenant_id, Some(&user.id), "auth.switch_away", &rid, None)?;
            let enrolling =
                tenant.second_factor.must_enrol(&directory::roles_of(&membership), user.totp_secret.is_some());
            let (session, refresh_token) =
                refresh_tokens::start(conn, &st.config.sessions, &tenant.id, &user.id, enrolling)?;
            session_event(conn, &tenant.id, Some(&user.id), "auth.switch", &rid, None)?;
            let access = access_token(&st, &user, &tenant, &membership, &session)?;
            Ok(web::Json(token_response(&st.config.sessions, access, refresh_token, &session)))
        })
        .await
}
