//! The one typed client for the CSPR Hub API. The API is served from the same origin as the
//! page, so every path here is absolute (`/api/v1/...`). Nothing in here panics: every way a
//! call can go wrong comes back as an [`ApiFailure`].
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use shared::auth::{LoginRequest, MeResponse, TokenResponse};
use shared::{ApiErrorBody, FieldError};
use std::fmt;

pub const LOGIN_PATH: &str = "/api/v1/auth/login";
pub const ME_PATH: &str = "/api/v1/me";

/// Why an API call did not give the expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// The server answered with its error body.
    Server { status: u16, body: ApiErrorBody },
    /// The server answered, but not with a body this client can read.
    Unexpected { status: u16, detail: String },
    /// No answer at all: the network, or the browser refused the request.
    Network(String),
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
            ApiFailure::Unexpected { status, .. } => {
                format!("Something went wrong (HTTP {status}). Try again.")
            }
            ApiFailure::Network(detail) => {
                format!("Could not reach CSPR Hub. Check your connection and try again. ({detail})")
            }
        }
    }

    /// The fields the server named as wrong, if any.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ApiFailure::Server { body, .. } => &body.fields,
            _ => &[],
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiFailure::Server { status, .. } | ApiFailure::Unexpected { status, .. } => Some(*status),
            ApiFailure::Network(_) => None,
        }
    }
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// `POST /api/v1/auth/login`: exchanges a partnership, e-mail and password for tokens.
pub async fn login(request: &LoginRequest) -> Result<TokenResponse, ApiFailure> {
    let request = Request::post(LOGIN_PATH).json(request).map_err(|e| ApiFailure::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| ApiFailure::Network(e.to_string()))?;
    read(response).await
}

/// `GET /api/v1/me`: who the access token belongs to, in which partnership.
pub async fn me(access_token: &str) -> Result<MeResponse, ApiFailure> {
    let response = Request::get(ME_PATH)
        .header("Authorization", &format!("Bearer {access_token}"))
        .send()
        .await
        .map_err(|e| ApiFailure::Network(e.to_string()))?;
    read(response).await
}

/// Reads a success body as `T`, or an error answer as an [`ApiFailure`].
async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let status = response.status();
    let text = response.text().await.map_err(|e| ApiFailure::Network(e.to_string()))?;
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
