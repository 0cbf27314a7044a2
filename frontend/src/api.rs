//! The one typed client for the CSPR Hub API, over the `shared` DTOs. The API is served from
//! the same origin as the page, so every path here is absolute (`/api/v1/...`). Nothing in
//! here panics: every way a call can go wrong comes back as an [`ApiFailure`].
//!
//! Calls that need a token take the [`Session`]: on a 401 they refresh the tokens once and try
//! again; when that fails too the session is ended (the app then asks the person to sign in
//! again, keeping the page they were on) and the call answers [`ApiFailure::SessionEnded`].
use crate::session::Session;
use chrono::NaiveDate;
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde::Serialize;
use shared::agency::AgencyView;
use shared::auth::{LoginRequest, MeResponse, RefreshRequest, SwitchRequest, TokenResponse};
use shared::calendar::{CalendarWarning, ClockKind, ClockStatus};
use shared::case::{
    AdditionalInformation, CaseDecision, CaseStage, CaseSummary, CaseView, InformationRequestView, Notification,
    RapidReviewMeeting, SendRequests, SentOn,
};
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
fn json<B: Serialize>(body: &B) -> Result<String, ApiFailure> {
    serde_json::to_string(body).map_err(|e| ApiFailure::Unexpected { status: 0, detail: e.to_string() })
}

/// Sends one request, with the access token when one is given; answers the status and body.
async fn send(
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Result<(u16, String), ApiFailure> {
    let mut builder = RequestBuilder::new(path).method(method);
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

/// An answer's body as `T` when it is a success, or its [`ApiFailure`].
fn parse<T: DeserializeOwned>((status, text): (u16, String)) -> Result<T, ApiFailure> {
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

fn is_401(answer: &Result<(u16, String), ApiFailure>) -> bool {
    matches!(answer, Ok((401, _)))
}

/// A call with the session's access token; on a 401 the tokens are refreshed and the call is
/// made once more. Answers the status and body.
async fn authed_text(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<(u16, String), ApiFailure> {
    let token = session.access_token().ok_or(ApiFailure::SessionEnded)?;
    let first = send(method.clone(), path, Some(&token), body.as_deref()).await;
    if !is_401(&first) {
        return first;
    }
    let token = session.renew().await?;
    let again = send(method, path, Some(&token), body.as_deref()).await;
    if is_401(&again) {
        session.end(SESSION_ENDED);
        return Err(ApiFailure::SessionEnded);
    }
    again
}

/// [`authed_text`], the answer read as `T`.
async fn authed<T: DeserializeOwned>(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiFailure> {
    parse(authed_text(session, method, path, body).await?)
}

/// `POST /api/v1/auth/login`: exchanges a partnership, e-mail and password for tokens.
pub async fn login(request: &LoginRequest) -> Result<TokenResponse, ApiFailure> {
    parse(send(Method::POST, LOGIN_PATH, None, Some(&json(request)?)).await?)
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
pub async fn switch(access_token: &str, tenant: &str) -> Result<TokenResponse, ApiFailure> {
    let body = SwitchRequest { tenant: tenant.to_string() };
    parse(send(Method::POST, SWITCH_PATH, Some(access_token), Some(&json(&body)?)).await?)
}

/// `GET /api/v1/me` with a given token: who it belongs to, in which partnership.
pub async fn me(access_token: &str) -> Result<MeResponse, ApiFailure> {
    parse(send(Method::GET, ME_PATH, Some(access_token), None).await?)
}

fn referrals_path(session: &Session) -> Result<String, ApiFailure> {
    let tenant = session.tenant_slug().ok_or(ApiFailure::SessionEnded)?;
    Ok(format!("/api/v1/t/{tenant}/referrals"))
}

/// `GET /referrals`: the referrals the person may see, newest first (at most 100).
pub async fn referrals(session: Session) -> Result<Page<ReferralSummary>, ApiFailure> {
    let path = format!("{}?per_page=100", referrals_path(&session)?);
    authed(session, Method::GET, &path, None).await
}

/// `POST /referrals`: starts a draft.
pub async fn start_referral(session: Session, form: &ReferralForm) -> Result<ReferralView, ApiFailure> {
    let path = referrals_path(&session)?;
    authed(session, Method::POST, &path, Some(json(form)?)).await
}

/// `GET /referrals/{id}`.
pub async fn referral(session: Session, id: Uuid) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}", referrals_path(&session)?);
    authed(session, Method::GET, &path, None).await
}

/// `PUT /referrals/{id}`: saves the whole draft form.
pub async fn save_referral(session: Session, id: Uuid, form: &ReferralForm) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}", referrals_path(&session)?);
    authed(session, Method::PUT, &path, Some(json(form)?)).await
}

/// `POST /referrals/{id}/submit`.
pub async fn submit_referral(session: Session, id: Uuid) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/submit", referrals_path(&session)?);
    authed(session, Method::POST, &path, None).await
}

/// `POST /referrals/{id}/return`.
pub async fn return_referral(session: Session, id: Uuid, request: &ReturnRequest) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/return", referrals_path(&session)?);
    authed(session, Method::POST, &path, Some(json(request)?)).await
}

/// `PUT /referrals/{id}/recommendation`.
pub async fn recommend(session: Session, id: Uuid, request: &Recommendation) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/recommendation", referrals_path(&session)?);
    authed(session, Method::PUT, &path, Some(json(request)?)).await
}

/// `PUT /referrals/{id}/decision`.
pub async fn decide(session: Session, id: Uuid, request: &Decision) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/decision", referrals_path(&session)?);
    authed(session, Method::PUT, &path, Some(json(request)?)).await
}

fn tenant_path(session: &Session, rest: &str) -> Result<String, ApiFailure> {
    let tenant = session.tenant_slug().ok_or(ApiFailure::SessionEnded)?;
    Ok(format!("/api/v1/t/{tenant}/{rest}"))
}

/// `GET /agencies`: the partnership's agencies.
pub async fn agencies(session: Session) -> Result<Vec<AgencyView>, ApiFailure> {
    let path = tenant_path(&session, "agencies")?;
    authed(session, Method::GET, &path, None).await
}

/// `GET /cases`: the partnership's cases, newest first (at most 100).
pub async fn cases(session: Session) -> Result<Page<CaseSummary>, ApiFailure> {
    let path = tenant_path(&session, "cases?per_page=100")?;
    authed(session, Method::GET, &path, None).await
}

/// `POST /cases`: opens a case from a Serious Incident Notification.
pub async fn report_incident(session: Session, notification: &Notification) -> Result<CaseView, ApiFailure> {
    let path = tenant_path(&session, "cases")?;
    authed(session, Method::POST, &path, Some(json(notification)?)).await
}

/// `GET /cases/{id}`.
pub async fn case(session: Session, id: Uuid) -> Result<CaseView, ApiFailure> {
    let path = tenant_path(&session, &format!("cases/{id}"))?;
    authed(session, Method::GET, &path, None).await
}

/// What is recorded on a case by a `POST`/`PUT` to `cases/{id}/...`.
#[derive(Debug, Clone)]
pub enum CaseRecord {
    NotificationSent(SentOn),
    ReportSent(SentOn),
    Requests(SendRequests),
    /// A reminder to the agency of this request.
    Reminder(Uuid),
    Meeting(RapidReviewMeeting),
    Decision(CaseDecision),
}

/// Records a step of a case; answers the case as it is now.
pub async fn record(session: Session, id: Uuid, record: CaseRecord) -> Result<CaseView, ApiFailure> {
    let (method, rest, body) = match &record {
        CaseRecord::NotificationSent(b) => (Method::POST, "notification-sent".to_string(), Some(json(b)?)),
        CaseRecord::ReportSent(b) => (Method::POST, "report-sent".to_string(), Some(json(b)?)),
        CaseRecord::Requests(b) => (Method::POST, "information-requests".to_string(), Some(json(b)?)),
        CaseRecord::Reminder(r) => (Method::POST, format!("information-requests/{r}/reminders"), None),
        CaseRecord::Meeting(b) => (Method::PUT, "meeting".to_string(), Some(json(b)?)),
        CaseRecord::Decision(b) => (Method::PUT, "decision".to_string(), Some(json(b)?)),
    };
    let path = tenant_path(&session, &format!("cases/{id}/{rest}"))?;
    authed(session, method, &path, body).await
}

/// `GET /information-requests`: the requests to the person's agency.
pub async fn information_requests(session: Session) -> Result<Vec<InformationRequestView>, ApiFailure> {
    let path = tenant_path(&session, "information-requests")?;
    authed(session, Method::GET, &path, None).await
}

/// `GET /information-requests/{id}`.
pub async fn information_request(session: Session, id: Uuid) -> Result<InformationRequestView, ApiFailure> {
    let path = tenant_path(&session, &format!("information-requests/{id}"))?;
    authed(session, Method::GET, &path, None).await
}

/// `PUT /information-requests/{id}`: saves the answer as a draft.
pub async fn save_information(
    session: Session,
    id: Uuid,
    answer: &AdditionalInformation,
) -> Result<InformationRequestView, ApiFailure> {
    let path = tenant_path(&session, &format!("information-requests/{id}"))?;
    authed(session, Method::PUT, &path, Some(json(answer)?)).await
}

/// `POST /information-requests/{id}/submit`.
pub async fn submit_information(session: Session, id: Uuid) -> Result<InformationRequestView, ApiFailure> {
    let path = tenant_path(&session, &format!("information-requests/{id}/submit"))?;
    authed(session, Method::POST, &path, None).await
}

/// An open clock on the dashboard (the API's `CaseClock`), read field by field: the API's
/// type flattens the clock into the object, and reading a flattened type costs the wasm a
/// second copy of the clock's reader.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DashboardClock {
    pub kind: ClockKind,
    pub case_id: Uuid,
    pub agency_id: Option<Uuid>,
    pub due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    pub status: ClockStatus,
    pub working_days_left: i64,
    #[serde(default)]
    pub warnings: Vec<CalendarWarning>,
    pub case_reference: String,
    pub case_stage: CaseStage,
}

/// `GET /clocks`: open clocks, soonest due first (at most 100); `query` is `stage=…`,
/// `agency_id=…` or `mine=true`, joined with `&`.
pub async fn clocks(session: Session, query: &str) -> Result<Page<DashboardClock>, ApiFailure> {
    let sep = if query.is_empty() { "" } else { "&" };
    let path = tenant_path(&session, &format!("clocks?per_page=100{sep}{query}"))?;
    authed(session, Method::GET, &path, None).await
}
