//! The transport to the CSPR Hub API: one request and its answer, the failures as an
//! [`ApiFailure`], and the calls that carry their own token or none (sign-in, refresh,
//! sign-out, switching partnership, "who am I"). The API is served from the same origin as
//! the page, so every path is absolute (`/api/v1/...`). Nothing here panics. The signed-in
//! client ([`crate::api`]) and the session ([`crate::session`]) are built on it.
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::auth::{
    LoginRequest, MeResponse, PasswordResetComplete, PasswordResetRequest, RefreshRequest, SwitchRequest, TokenResponse,
};
use shared::{ApiErrorBody, ErrorCode, FieldError};
use std::fmt;

pub const LOGIN_PATH: &str = "/api/v1/auth/login";
pub const REFRESH_PATH: &str = "/api/v1/auth/refresh";
pub const LOGOUT_PATH: &str = "/api/v1/auth/logout";
pub const SWITCH_PATH: &str = "/api/v1/auth/switch";
pub const ME_PATH: &str = "/api/v1/me";
pub const RESET_PATH: &str = "/api/v1/auth/password-reset";
pub const RESET_COMPLETE_PATH: &str = "/api/v1/auth/password-reset/complete";

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

/// A request body as JSON text. (The transport below is not generic, so that the wasm holds
/// one copy of it rather than one per body and answer type.)
pub(crate) fn json<B: Serialize>(body: &B) -> Result<String, ApiFailure> {
    serde_json::to_string(body).map_err(|e| ApiFailure::Unexpected { status: 0, detail: e.to_string() })
}

/// Sends one request, with the access token when one is given; answers the status and body.
pub(crate) async fn send(
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Result<(u16, String), ApiFailure> {
    send_if_match(method, path, token, body, None).await
}

/// [`send`], naming the version the page read in `If-Match` (a save of a record someone may
/// have changed since: 409 `edit_conflict` then).
pub(crate) async fn send_if_match(
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
    if_match: Option<&str>,
) -> Result<(u16, String), ApiFailure> {
    let mut builder = RequestBuilder::new(path).method(method);
    if let Some(tag) = if_match {
        builder = builder.header("If-Match", tag);
    }
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => builder.header("Content-Type", "application/json").body(body.to_string()).map_err(network)?,
        None => builder.build().map_err(network)?,
    };
    let response: Response = request.send().await.map_err(network)?;
    let status = response.status();
    let text = response.text().await.map_err(network)?;
    Ok((status, text))
}

/// A `GET` whose answer is binary (a document): its status and bytes.
pub(crate) async fn send_bytes(path: &str, token: &str) -> Result<(u16, Vec<u8>), ApiFailure> {
    let request = RequestBuilder::new(path)
        .method(Method::GET)
        .header("Authorization", &format!("Bearer {token}"))
        .build()
        .map_err(network)?;
    let response: Response = request.send().await.map_err(network)?;
    let status = response.status();
    let bytes = response.binary().await.map_err(network)?;
    Ok((status, bytes))
}

/// An answer's body as `T` when it is a success, or its [`ApiFailure`].
pub(crate) fn parse<T: DeserializeOwned>((status, text): (u16, String)) -> Result<T, ApiFailure> {
    if (200..300).contains(&status) {
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

/// `POST /api/v1/auth/login`: exchanges a partnership, e-mail and password for tokens.
pub async fn login(request: &LoginRequest) -> Result<TokenResponse, ApiFailure> {
    parse(send(Method::POST, LOGIN_PATH, None, Some(&json(request)?)).await?)
}

/// An answer with no body: `Ok` for a success.
pub(crate) fn no_content((status, text): (u16, String)) -> Result<(), ApiFailure> {
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(failure_from(status, &text))
    }
}

/// `POST /api/v1/auth/password-reset`: asks for a reset link (always taken).
pub async fn request_reset(request: &PasswordResetRequest) -> Result<(), ApiFailure> {
    no_content(send(Method::POST, RESET_PATH, None, Some(&json(request)?)).await?)
}

/// `POST /api/v1/auth/password-reset/complete`: sets the new password with the link's token.
pub async fn complete_reset(request: &PasswordResetComplete) -> Result<(), ApiFailure> {
    no_content(send(Method::POST, RESET_COMPLETE_PATH, None, Some(&json(request)?)).await?)
}

/// `POST /api/v1/auth/refresh`: new tokens for a refresh token (the old one stops working).
pub async fn refresh(refresh_token: &str) -> Result<TokenResponse, ApiFailure> {
    let body = RefreshRequest { refresh_token: refresh_token.to_string() };
    parse(send(Method::POST, REFRESH_PATH, None, Some(&json(&body)?)).await?)
}

/// `POST /api/v1/auth/logout`: the refresh token stops working.
pub async fn logout(refresh_token: &str) -> Result<(), ApiFailure> {
    let body = RefreshRequest { refresh_token: refresh_token.to_string() };
    match send(Method::POST, LOGOUT_PATH, None, Some(&json(&body)?)).await? {
        (status, _) if (200..300).contains(&status) => Ok(()),
        (status, text) => Err(failure_from(status, &text)),
    }
}

/// `POST /api/v1/auth/switch` with a given token: tokens for another partnership.
/// The session being left (its refresh token) ends.
pub async fn switch(access_token: &str, tenant: &str, leaving: &str) -> Result<TokenResponse, ApiFailure> {
    let body = SwitchRequest { tenant: tenant.to_string(), refresh_token: leaving.to_string() };
    parse(send(Method::POST, SWITCH_PATH, Some(access_token), Some(&json(&body)?)).await?)
}

/// `GET /api/v1/me` with a given token: who it belongs to, in which partnership.
pub async fn me(access_token: &str) -> Result<MeResponse, ApiFailure> {
    parse(send(Method::GET, ME_PATH, Some(access_token), None).await?)
}
