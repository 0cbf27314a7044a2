//! The one typed client for the CSPR Hub API, over the `shared` DTOs. The API is served from
//! the same origin as the page, so every path here is absolute (`/api/v1/...`). Nothing in
//! here panics: every way a call can go wrong comes back as an [`ApiFailure`].
//!
//! Calls that need a token take the [`Session`]: on a 401 they refresh the tokens once and try
//! again; when that fails too the session is ended (the app then asks the person to sign in
//! again, keeping the page they were on) and the call answers [`ApiFailure::SessionEnded`].
use crate::session::Session;
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::auth::{LoginRequest, MeResponse, RefreshRequest, SwitchRequest, TokenResponse};
use shared::page::Page;
use shared::referral::{Decision, Recommendation, ReferralForm, ReferralSummary, ReferralView, ReturnRequest};
use shared::{ApiErrorBody, ErrorCode, FieldError};
use std::fmt;
use uuid::Uuid;

pub const LOGIN_PATH: &str = "/api/v1/auth/login";
pub const REFRESH_PATH: &str = "/api/v1/auth/refresh";
pub const LOGOUT_PATH: &str = "/api/v1/auth/logout";
pub const SWITCH_PATH: &str = "/api/v1/auth/switch";
pub const ME_PATH: &str = "/api/v1/me";

/// Said when a session cannot be renewed.
pub const SESSION_ENDED: &str = "Your session has ended. Sign in again to carry on: what you were typing is kept.";

/// Why an API call did not give the expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// The server answered with its error body.
    Server { status: u16, body: ApiErrorBody },
    /// The server answered, but not with a body this client can read.
    Unexpected { status: u16, detail: String },
    /// No answer at all: the network, or the browser refused the request.
    Network(String),
    /// The tokens were refused and could not be renewed: sign in again.
    SessionEnded,
    /// Not sent: the answers failed the same checks the server makes (from `shared`).
    Invalid(Vec<FieldError>),
}

impl ApiFailure {
    /// A sentence for people.
    pub fn message(&self) -> String {
        match self {
            ApiFailure::Server { body, .. } => body.message.clone(),
            ApiFailure::Unexpected { status: 429, .. } => {
                "Too many attempts. Wait a minute, then try again.".to_string()
            }
            ApiFailure::Unexpected { status, .. } if *status >= 500 => {
                "CSPR Hub is not available at the moment. Try again later.".to_string()
            }
            ApiFailure::Unexpected { status, .. } => format!("Something went wrong (HTTP {status}). Try again."),
            ApiFailure::Network(_) => "Could not reach CSPR Hub. Check your connection and try again.".to_string(),
            ApiFailure::SessionEnded => SESSION_ENDED.to_string(),
            ApiFailure::Invalid(_) => "Some answers need changing.".to_string(),
        }
    }

    /// The fields named as wrong, if any.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ApiFailure::Server { body, .. } => &body.fields,
            ApiFailure::Invalid(fields) => fields,
            _ => &[],
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiFailure::Server { status, .. } | ApiFailure::Unexpected { status, .. } => Some(*status),
            _ => None,
        }
    }

    fn is_unauthenticated(&self) -> bool {
        matches!(self, ApiFailure::Server { status: 401, .. } | ApiFailure::Unexpected { status: 401, .. })
    }

    /// The server's stable code, when it sent one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiFailure::Server { body, .. } => Some(body.code),
            _ => None,
        }
    }
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

fn network(e: gloo_net::Error) -> ApiFailure {
    ApiFailure::Network(e.to_string())
}

/// Sends one request, with the access token when one is given.
async fn send<B: Serialize>(
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&B>,
) -> Result<Response, ApiFailure> {
    let mut builder = RequestBuilder::new(path).method(method);
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => builder.json(body).map_err(network)?,
        None => builder.build().map_err(network)?,
    };
    request.send().await.map_err(network)
}

/// Reads a success body as `T`, or an error answer as an [`ApiFailure`].
async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let status = response.status();
    let text = response.text().await.map_err(network)?;
    if response.ok() {
        serde_json::from_str(&text).map_err(|e| ApiFailure::Unexpected { status, detail: e.to_string() })
    } else {
        Err(failure_from(status, &text))
    }
}

/// The failure for an error answer: the server's body when it is one, otherwise the status.
pub fn failure_from(status: u16, body: &str) -> ApiFailure {
    match serde_json::from_str::<ApiErrorBody>(body) {
        Ok(body) => ApiFailure::Server { status, body },
        Err(_) => ApiFailure::Unexpected { status, detail: body.chars().take(200).collect() },
    }
}

/// A call with the session's access token; on a 401 the tokens are refreshed and the call is
/// made once more.
async fn authed<T: DeserializeOwned, B: Serialize>(
    session: Session,
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<T, ApiFailure> {
    let token = session.access_token().ok_or(ApiFailure::SessionEnded)?;
    let first = read(send(method.clone(), path, Some(&token), body).await?).await;
    match first {
        Err(failure) if failure.is_unauthenticated() => {
            let token = session.renew().await?;
            let again = read(send(method, path, Some(&token), body).await?).await;
            if matches!(&again, Err(f) if f.is_unauthenticated()) {
                session.end(SESSION_ENDED);
                return Err(ApiFailure::SessionEnded);
            }
            again
        }
        other => other,
    }
}

const NO_BODY: Option<&()> = None;

/// `POST /api/v1/auth/login`: exchanges a partnership, e-mail and password for tokens.
pub async fn login(request: &LoginRequest) -> Result<TokenResponse, ApiFailure> {
    read(send(Method::POST, LOGIN_PATH, None, Some(request)).await?).await
}

/// `POST /api/v1/auth/refresh`: new tokens for a refresh token (the old one stops working).
pub async fn refresh(refresh_token: &str) -> Result<TokenResponse, ApiFailure> {
    let body = RefreshRequest { refresh_token: refresh_token.to_string() };
    read(send(Method::POST, REFRESH_PATH, None, Some(&body)).await?).await
}

/// `POST /api/v1/auth/logout`: the refresh token stops working.
pub async fn logout(refresh_token: &str) -> Result<(), ApiFailure> {
    let body = RefreshRequest { refresh_token: refresh_token.to_string() };
    let response = send(Method::POST, LOGOUT_PATH, None, Some(&body)).await?;
    if response.ok() {
        Ok(())
    } else {
        let status = response.status();
        Err(failure_from(status, &response.text().await.unwrap_or_default()))
    }
}

/// `POST /api/v1/auth/switch` with a given token: tokens for another partnership.
pub async fn switch(access_token: &str, tenant: &str) -> Result<TokenResponse, ApiFailure> {
    let body = SwitchRequest { tenant: tenant.to_string() };
    read(send(Method::POST, SWITCH_PATH, Some(access_token), Some(&body)).await?).await
}

/// `GET /api/v1/me` with a given token: who it belongs to, in which partnership.
pub async fn me(access_token: &str) -> Result<MeResponse, ApiFailure> {
    read(send(Method::GET, ME_PATH, Some(access_token), NO_BODY).await?).await
}

fn referrals_path(session: &Session) -> Result<String, ApiFailure> {
    let tenant = session.tenant_slug().ok_or(ApiFailure::SessionEnded)?;
    Ok(format!("/api/v1/t/{tenant}/referrals"))
}

/// `GET /referrals`: the referrals the person may see, newest first (at most 100).
pub async fn referrals(session: Session) -> Result<Page<ReferralSummary>, ApiFailure> {
    let path = format!("{}?per_page=100", referrals_path(&session)?);
    authed(session, Method::GET, &path, NO_BODY).await
}

/// `POST /referrals`: starts a draft.
pub async fn start_referral(session: Session, form: &ReferralForm) -> Result<ReferralView, ApiFailure> {
    let path = referrals_path(&session)?;
    authed(session, Method::POST, &path, Some(form)).await
}

/// `GET /referrals/{id}`.
pub async fn referral(session: Session, id: Uuid) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}", referrals_path(&session)?);
    authed(session, Method::GET, &path, NO_BODY).await
}

/// `PUT /referrals/{id}`: saves the whole draft form.
pub async fn save_referral(session: Session, id: Uuid, form: &ReferralForm) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}", referrals_path(&session)?);
    authed(session, Method::PUT, &path, Some(form)).await
}

/// `POST /referrals/{id}/submit`.
pub async fn submit_referral(session: Session, id: Uuid) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/submit", referrals_path(&session)?);
    authed(session, Method::POST, &path, NO_BODY).await
}

/// `POST /referrals/{id}/return`.
pub async fn return_referral(session: Session, id: Uuid, request: &ReturnRequest) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/return", referrals_path(&session)?);
    authed(session, Method::POST, &path, Some(request)).await
}

/// `PUT /referrals/{id}/recommendation`.
pub async fn recommend(session: Session, id: Uuid, request: &Recommendation) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/recommendation", referrals_path(&session)?);
    authed(session, Method::PUT, &path, Some(request)).await
}

/// `PUT /referrals/{id}/decision`.
pub async fn decide(session: Session, id: Uuid, request: &Decision) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/decision", referrals_path(&session)?);
    authed(session, Method::PUT, &path, Some(request)).await
}
