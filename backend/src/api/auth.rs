//! Sign-in, refresh, sign-out and tenant switching.
use crate::auth::password;
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::models::now;
use crate::state::AppState;
use crate::store::{audit, directory, refresh as refresh_tokens};
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
) -> diesel::QueryResult<()> {
    audit::record(
        conn,
        audit::Event { tenant_id, actor_id, action, entity_type: "session", entity_id: None, request_id: Some(&rid.0) },
    )
}

fn token_response(access_token: String, refresh_token: String) -> TokenResponse {
    TokenResponse { access_token, refresh_token, token_type: "Bearer".into(), expires_in: ACCESS_TOKEN_SECONDS }
}

/// Sign in to one partnership.
#[utoipa::path(
    operation_id = "login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "Wrong partnership, e-mail or password (all the same answer)", body = ApiErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ApiErrorBody),
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
    let address = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default();
    // The account is the person (global), whatever partnership is named.
    let account = directory::normalise_email(&body.email);
    state.throttle.attempt(&address, &account).map_err(ApiError::rate_limited)?;
    let st = state.clone();
    let result = state
        .db_offload(move |conn| {
            let tenant = directory::tenant_by_slug(conn, body.tenant.trim())?;
            let user = directory::user_by_email(conn, &body.email)?;
            let Some(user) = user else {
                password::verify_dummy(&body.password);
                return Ok(Err(None));
            };
            let password_ok = password::verify(&body.password, &user.password_hash);
            let Some(tenant) = tenant else { return Ok(Err(None)) };
            let membership = directory::membership(conn, &tenant.id, &user.id)?;
            let (Some(membership), true, false) = (membership, password_ok, user.disabled) else {
                session_event(conn, &tenant.id, None, "auth.login_failed", &rid)?;
                return Ok(Err(Some(())));
            };
            let roles = directory::roles_of(&membership);
            let refresh_token = refresh_tokens::issue(conn, &tenant.id, &user.id, None)?;
            session_event(conn, &tenant.id, Some(user.id.as_str()), "auth.login", &rid)?;
            let access = st.keys.issue(&user.id, &tenant.slug, &tenant.id, &roles).map_err(|_| ApiError::internal())?;
            Ok(Ok(token_response(access, refresh_token)))
        })
        .await?;
    match result {
        Ok(tokens) => {
            state.throttle.succeeded(&account);
            Ok(web::Json(tokens))
        }
        Err(_) => {
            state.throttle.failed(&account);
            Err(ApiError::invalid_credentials())
        }
    }
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
            let row = refresh_tokens::find(conn, &token)?.ok_or_else(invalid_refresh)?;
            if row.revoked_at.is_some() || row.expires_at <= now() {
                return Err(invalid_refresh());
            }
            if row.used_at.is_some() || !refresh_tokens::mark_used(conn, &row)? {
                refresh_tokens::revoke_family(conn, &row.tenant_id, &row.family_id)?;
                session_event(conn, &row.tenant_id, Some(row.user_id.as_str()), "auth.refresh_reused", &rid)?;
                return Err(invalid_refresh());
            }
            let user = directory::user_by_id(conn, &row.user_id)?;
            let membership = directory::membership(conn, &row.tenant_id, &row.user_id)?;
            let (Some(membership), false) = (membership, user.disabled) else {
                refresh_tokens::revoke_family(conn, &row.tenant_id, &row.family_id)?;
                return Err(invalid_refresh());
            };
            let tenant = directory::tenant_by_id(conn, &row.tenant_id)?;
            let next = refresh_tokens::issue(conn, &row.tenant_id, &row.user_id, Some(&row.family_id))?;
            let access = st
                .keys
                .issue(&user.id, &tenant.slug, &tenant.id, &directory::roles_of(&membership))
                .map_err(|_| ApiError::internal())?;
            Ok(web::Json(token_response(access, next)))
        })
        .await
}

/// Sign out: the refresh token and every token rotated from the same sign-in stop working.
#[utoipa::path(
    operation_id = "logout", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out (also when the token was already unknown)"),
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
    let user = state
        .db(move |conn| {
            let Some(row) = refresh_tokens::find(conn, &token)? else { return Ok(None) };
            refresh_tokens::revoke_family(conn, &row.tenant_id, &row.family_id)?;
            session_event(conn, &row.tenant_id, Some(row.user_id.as_str()), "auth.logout", &rid)?;
            Ok(Some(row.user_id))
        })
        .await?;
    if let Some(user) = user {
        state.me_cache.forget_user(&user);
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
        (status = 404, description = "Not a partnership of this person", body = ApiErrorBody),
    )
)]
#[post("/api/v1/auth/switch")]
pub async fn switch(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<SwitchRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let slug = body.into_inner().tenant;
    let st = state.clone();
    state
        .db(move |conn| {
            let tenant = directory::tenant_by_slug(conn, slug.trim())?.ok_or_else(ApiError::not_found)?;
            let membership = directory::membership(conn, &tenant.id, &who.user_id)?.ok_or_else(ApiError::not_found)?;
            let user = directory::user_by_id(conn, &who.user_id)?;
            if user.disabled {
                return Err(ApiError::unauthenticated());
            }
            let refresh_token = refresh_tokens::issue(conn, &tenant.id, &user.id, None)?;
            session_event(conn, &tenant.id, Some(user.id.as_str()), "auth.switch", &rid)?;
            let access = st
                .keys
                .issue(&user.id, &tenant.slug, &tenant.id, &directory::roles_of(&membership))
                .map_err(|_| ApiError::internal())?;
            Ok(web::Json(token_response(access, refresh_token)))
        })
        .await
}
