//! The signed-in client for the CSPR Hub API, over the `shared` DTOs. Every call takes the
//! [`Session`]: on a 401 it refreshes the tokens once and tries again; when that fails too the
//! session is ended (the app then asks the person to sign in again, keeping the page they were
//! on) and the call answers [`ApiFailure::SessionEnded`]. The request itself is
//! [`crate::transport`]'s.
use crate::session::Session;
pub use crate::transport::ApiFailure;
use crate::transport::{json, no_content, parse, send, send_if_match, SESSION_ENDED};
use chrono::NaiveDate;
use gloo_net::http::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use shared::agency::AgencyView;
use shared::calendar::{CalendarWarning, ClockKind, ClockStatus};
use shared::case::{
    AdditionalInformation, CaseDecision, CaseStage, CaseSummary, CaseView, InformationRequestView, Notification,
    RapidReviewMeeting, SendRequests, SentOn,
};
use shared::page::Page;
use shared::referral::{
    Decision, Recommendation, ReferralForm, ReferralSummary, ReferralView, ReturnRequest, SignOffManager,
    SignOffRequest,
};
use uuid::Uuid;

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
    authed_text_if_match(session, method, path, body, None).await
}

/// [`authed_text`] with an `If-Match` (the version the page read).
async fn authed_text_if_match(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
    if_match: Option<&str>,
) -> Result<(u16, String), ApiFailure> {
    let token = session.access_token().ok_or(ApiFailure::SessionEnded)?;
    let first = send_if_match(method.clone(), path, Some(&token), body.as_deref(), if_match).await;
    if !is_401(&first) {
        return first;
    }
    let token = session.renew().await?;
    let again = send_if_match(method, path, Some(&token), body.as_deref(), if_match).await;
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

/// `PUT /referrals/{id}`: saves the whole draft form, as read at `version` (409
/// `edit_conflict` when someone saved it since).
pub async fn save_referral(
    session: Session,
    id: Uuid,
    form: &ReferralForm,
    version: Option<i32>,
) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}", referrals_path(&session)?);
    let tag = version.map(|v| format!("\"{v}\""));
    parse(authed_text_if_match(session, Method::PUT, &path, Some(json(form)?), tag.as_deref()).await?)
}

/// `POST /referrals/{id}/send-for-sign-off`: to a manager of the referrer's agency.
pub async fn send_for_sign_off(
    session: Session,
    id: Uuid,
    request: &SignOffRequest,
) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/send-for-sign-off", referrals_path(&session)?);
    authed(session, Method::POST, &path, Some(json(request)?)).await
}

/// `POST /referrals/{id}/sign-off`: the manager agrees; it goes to the business office.
pub async fn sign_off(session: Session, id: Uuid) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/sign-off", referrals_path(&session)?);
    authed(session, Method::POST, &path, None).await
}

/// `POST /referrals/{id}/return-by-manager`.
pub async fn return_by_manager(
    session: Session,
    id: Uuid,
    request: &ReturnRequest,
) -> Result<ReferralView, ApiFailure> {
    let path = format!("{}/{id}/return-by-manager", referrals_path(&session)?);
    authed(session, Method::POST, &path, Some(json(request)?)).await
}

/// `GET /sign-off-managers`: the managers of the caller's agency.
pub async fn sign_off_managers(session: Session) -> Result<Vec<SignOffManager>, ApiFailure> {
    let path = tenant_path(&session, "sign-off-managers")?;
    authed(session, Method::GET, &path, None).await
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
    Observation(shared::case::ObservationRequest),
    Extension(shared::case::ReviewExtension),
    FinalReportSent(SentOn),
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
        CaseRecord::Observation(b) => (Method::POST, "observations".to_string(), Some(json(b)?)),
        CaseRecord::Extension(b) => (Method::POST, "review/extensions".to_string(), Some(json(b)?)),
        CaseRecord::FinalReportSent(b) => (Method::POST, "review/final-report-sent".to_string(), Some(json(b)?)),
    };
    let path = tenant_path(&session, &format!("cases/{id}/{rest}"))?;
    authed(session, method, &path, body).await
}

/// `GET /clock-rules`: every kind of clock with the partnership's rule.
pub async fn clock_rules(session: Session) -> Result<Vec<shared::calendar::ClockRuleView>, ApiFailure> {
    let path = tenant_path(&session, "clock-rules")?;
    authed(session, Method::GET, &path, None).await
}

/// `PUT /clock-rules/{kind}`: the partnership's own rule for clocks started from now.
pub async fn set_clock_rule(
    session: Session,
    kind: ClockKind,
    rule: &shared::calendar::ClockRule,
) -> Result<shared::calendar::ClockRuleView, ApiFailure> {
    let path = tenant_path(&session, &format!("clock-rules/{}", kind.as_str()))?;
    authed(session, Method::PUT, &path, Some(json(rule)?)).await
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

/// `PUT /information-requests/{id}`: saves the answer as a draft, as read at `version` (409
/// `edit_conflict` when someone saved it since).
pub async fn save_information(
    session: Session,
    id: Uuid,
    answer: &AdditionalInformation,
    version: i32,
) -> Result<InformationRequestView, ApiFailure> {
    let path = tenant_path(&session, &format!("information-requests/{id}"))?;
    let tag = format!("\"{version}\"");
    parse(authed_text_if_match(session, Method::PUT, &path, Some(json(answer)?), Some(&tag)).await?)
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
    /// Its due date moved on, oldest first.
    #[serde(default)]
    pub extensions: Vec<shared::calendar::ClockExtension>,
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

/// `POST /api/v1/me/password`: changes the person's password (every session of theirs ends).
pub async fn change_password(
    session: Session,
    request: &shared::auth::ChangePasswordRequest,
) -> Result<(), ApiFailure> {
    no_content(authed_text(session, Method::POST, "/api/v1/me/password", Some(json(request)?)).await?)
}

/// `GET /outbox`: the partnership's messages, newest first.
pub async fn outbox(session: Session) -> Result<Vec<shared::mail::OutboxEntry>, ApiFailure> {
    let path = tenant_path(&session, "outbox?limit=100")?;
    authed(session, Method::GET, &path, None).await
}

/// `POST /api/v1/me/second-factor/setup`: a new secret for an authenticator app, with its QR code.
pub async fn set_up_second_factor(session: Session) -> Result<shared::auth::SecondFactorSetup, ApiFailure> {
    authed(session, Method::POST, "/api/v1/me/second-factor/setup", Some("{}".into())).await
}

/// `POST /api/v1/me/second-factor/confirm`: on from now; recovery codes and a new session's tokens.
pub async fn confirm_second_factor(
    session: Session,
    request: &shared::auth::ConfirmSecondFactor,
) -> Result<shared::auth::SecondFactorEnrolled, ApiFailure> {
    authed(session, Method::POST, "/api/v1/me/second-factor/confirm", Some(json(request)?)).await
}

/// `GET /people`: the partnership's members, by name (the business office).
pub async fn people(session: Session) -> Result<Vec<shared::people::PersonView>, ApiFailure> {
    let path = tenant_path(&session, "people")?;
    authed(session, Method::GET, &path, None).await
}

pub use shared::people::PersonChange;

/// `DELETE /people/{id}/roles/{role}`, `DELETE /people/{id}` or `POST /people/{id}/disable`.
pub async fn change_person(session: Session, id: Uuid, change: PersonChange) -> Result<(), ApiFailure> {
    let (method, rest) = match change {
        PersonChange::RevokeRole(role) => (Method::DELETE, format!("people/{id}/roles/{}", role.as_str())),
        PersonChange::Remove => (Method::DELETE, format!("people/{id}")),
        PersonChange::Disable => (Method::POST, format!("people/{id}/disable")),
        // With a body: see [`update_person`].
        PersonChange::Update => return Err(ApiFailure::Invalid(Vec::new())),
    };
    let path = tenant_path(&session, &rest)?;
    no_content(authed_text(session, method, &path, None).await?)
}

/// `GET /audit`: the partnership's audit trail, newest first; `query` is `actor=…`,
/// `entity=…` (encoded) and `limit=…`, joined with `&`.
pub async fn audit_trail(session: Session, query: &str) -> Result<Vec<shared::people::AuditEventView>, ApiFailure> {
    let path = tenant_path(&session, &format!("audit?{query}"))?;
    authed(session, Method::GET, &path, None).await
}

/// `POST /agencies` (no id) or `PUT /agencies/{id}`: adds or changes an agency.
pub async fn save_agency(
    session: Session,
    id: Option<Uuid>,
    form: &shared::agency::AgencyForm,
) -> Result<AgencyView, ApiFailure> {
    let (method, rest) = match id {
        Some(id) => (Method::PUT, format!("agencies/{id}")),
        None => (Method::POST, "agencies".to_string()),
    };
    let path = tenant_path(&session, &rest)?;
    authed(session, method, &path, Some(json(form)?)).await
}

/// `POST /people`: invites a person.
pub async fn invite(
    session: Session,
    invitation: &shared::people::Invitation,
) -> Result<shared::people::Invited, ApiFailure> {
    let path = tenant_path(&session, "people")?;
    authed(session, Method::POST, &path, Some(json(invitation)?)).await
}

/// `PATCH /people/{id}`: sets a member's roles and agency.
pub async fn update_person(
    session: Session,
    id: Uuid,
    update: &shared::people::PersonUpdate,
) -> Result<(), ApiFailure> {
    let path = tenant_path(&session, &format!("people/{id}"))?;
    no_content(authed_text(session, Method::PATCH, &path, Some(json(update)?)).await?)
}

/// `GET /calendar/closures`.
pub async fn closures(session: Session) -> Result<shared::calendar::ClosureDays, ApiFailure> {
    let path = tenant_path(&session, "calendar/closures")?;
    authed(session, Method::GET, &path, None).await
}

/// `PUT /calendar/closures`: replaces the closure days.
pub async fn set_closures(
    session: Session,
    days: &shared::calendar::ClosureDays,
) -> Result<shared::calendar::ClosureDays, ApiFailure> {
    let path = tenant_path(&session, "calendar/closures")?;
    authed(session, Method::PUT, &path, Some(json(days)?)).await
}

/// `GET /calendar/working-days?from=…&days=…`.
pub async fn working_days(
    session: Session,
    from: NaiveDate,
    days: u32,
) -> Result<shared::calendar::WorkingDaysAnswer, ApiFailure> {
    let path = tenant_path(&session, &format!("calendar/working-days?from={from}&days={days}"))?;
    authed(session, Method::GET, &path, None).await
}

/// `GET /settings/addresses`.
pub async fn addresses(session: Session) -> Result<shared::settings::FrameworkAddresses, ApiFailure> {
    let path = tenant_path(&session, "settings/addresses")?;
    authed(session, Method::GET, &path, None).await
}

/// `PUT /settings/addresses`.
pub async fn set_addresses(
    session: Session,
    addresses: &shared::settings::FrameworkAddresses,
) -> Result<shared::settings::FrameworkAddresses, ApiFailure> {
    let path = tenant_path(&session, "settings/addresses")?;
    authed(session, Method::PUT, &path, Some(json(addresses)?)).await
}

/// `GET /retention`: the period and the cases due for deletion.
pub async fn retention(session: Session) -> Result<shared::retention::RetentionView, ApiFailure> {
    let path = tenant_path(&session, "retention")?;
    authed(session, Method::GET, &path, None).await
}

/// `PUT /retention`.
pub async fn set_retention(
    session: Session,
    form: &shared::retention::RetentionForm,
) -> Result<shared::retention::RetentionView, ApiFailure> {
    let path = tenant_path(&session, "retention")?;
    authed(session, Method::PUT, &path, Some(json(form)?)).await
}

/// `POST /retention/deletions`: the office's confirmation.
pub async fn delete_due_cases(
    session: Session,
    deletion: &shared::retention::Deletion,
) -> Result<shared::retention::DeletionReport, ApiFailure> {
    let path = tenant_path(&session, "retention/deletions")?;
    authed(session, Method::POST, &path, Some(json(deletion)?)).await
}

/// `GET /settings/report-sections`: the headings a first overview draft starts from.
pub async fn report_sections(session: Session) -> Result<Vec<shared::overview::Section>, ApiFailure> {
    let path = tenant_path(&session, "settings/report-sections")?;
    authed(session, Method::GET, &path, None).await
}

/// `PUT /settings/report-sections`.
pub async fn set_report_sections(
    session: Session,
    sections: &[shared::overview::Section],
) -> Result<Vec<shared::overview::Section>, ApiFailure> {
    let path = tenant_path(&session, "settings/report-sections")?;
    authed(session, Method::PUT, &path, Some(json(&sections)?)).await
}

/// `POST /api/v1/auth/invitation` (no session): sets the invited person's password.
pub async fn accept_invitation(request: &shared::people::InvitationAccept) -> Result<(), ApiFailure> {
    no_content(send(Method::POST, "/api/v1/auth/invitation", None, Some(&json(request)?)).await?)
}

/// `GET /cases/{id}/cspr`: the case's local CSPR as the person may see it.
pub async fn cspr(session: Session, id: Uuid) -> Result<shared::cspr::CsprView, ApiFailure> {
    let path = tenant_path(&session, &format!("cases/{id}/cspr"))?;
    authed(session, Method::GET, &path, None).await
}

/// What is recorded on a local CSPR.
#[derive(Debug, Clone)]
pub enum CsprRecord {
    Commission(shared::cspr::CommissionForm),
    Notice(shared::cspr::NoticeForm),
    Group(shared::cspr::ReviewGroup),
    Terms(shared::cspr::TermsForm),
    Observation(u32, shared::case::ObservationRequest),
    Agreement(shared::cspr::AgreementForm),
    Briefing(shared::cspr::AuthorBriefing),
    Author(shared::cspr::AssignAuthor),
    Event(shared::cspr::PractitionerEvent),
    Family(shared::cspr::FamilyEngagement),
    NewProcess(shared::cspr::ProcessForm),
    Process(Uuid, shared::cspr::ProcessForm),
    ShareChronology,
}

/// Records a step of a local CSPR; answers the review as it is now. A record saved whole (a
/// `PUT`) names the `version` of the review it was based on (409 `edit_conflict` when someone
/// saved since).
pub async fn record_cspr(
    session: Session,
    id: Uuid,
    record: CsprRecord,
    version: Option<i32>,
) -> Result<shared::cspr::CsprView, ApiFailure> {
    use CsprRecord as R;
    let (method, rest, body) = match &record {
        R::Commission(b) => (Method::PUT, "cspr/commission".to_string(), json(b)?),
        R::Notice(b) => (Method::POST, "cspr/commissioning-notice".to_string(), json(b)?),
        R::Group(b) => (Method::PUT, "review-group".to_string(), json(b)?),
        R::Terms(b) => (Method::POST, "cspr/terms".to_string(), json(b)?),
        R::Observation(v, b) => (Method::POST, format!("cspr/terms/{v}/observations"), json(b)?),
        R::Agreement(b) => (Method::POST, "cspr/terms/agreement".to_string(), json(b)?),
        R::Briefing(b) => (Method::PUT, "cspr/author-briefing".to_string(), json(b)?),
        R::Author(b) => (Method::POST, "cspr/authors".to_string(), json(b)?),
        R::Event(b) => (Method::PUT, "cspr/practitioner-event".to_string(), json(b)?),
        R::Family(b) => (Method::PUT, "cspr/family".to_string(), json(b)?),
        R::NewProcess(b) => (Method::POST, "cspr/parallel-processes".to_string(), json(b)?),
        R::Process(p, b) => (Method::PUT, format!("cspr/parallel-processes/{p}"), json(b)?),
        R::ShareChronology => (Method::POST, "chronology/share".to_string(), "{}".to_string()),
    };
    let path = tenant_path(&session, &format!("cases/{id}/{rest}"))?;
    let tag = version.filter(|_| method == Method::PUT).map(|v| format!("\"{v}\""));
    parse(authed_text_if_match(session, method, &path, Some(body), tag.as_deref()).await?)
}

/// `GET /cases/{id}/agency-reports/{agency}`.
pub async fn agency_report(
    session: Session,
    id: Uuid,
    agency: Uuid,
) -> Result<shared::cspr::AgencyReportView, ApiFailure> {
    let path = tenant_path(&session, &format!("cases/{id}/agency-reports/{agency}"))?;
    authed(session, Method::GET, &path, None).await
}

/// A step of an agency's report.
#[derive(Debug, Clone)]
pub enum ReportStep {
    /// Save the draft, based on this revision.
    Save(u32, shared::cspr::AgencyReportBody),
    SignOff,
    Submit,
    Return(shared::cspr::ReturnForm),
    /// Move its deadline on (the office).
    Extend(shared::case::ReviewExtension),
}

/// Takes a step of an agency's report; answers the report as it is now.
pub async fn report_step(
    session: Session,
    id: Uuid,
    agency: Uuid,
    step: ReportStep,
) -> Result<shared::cspr::AgencyReportView, ApiFailure> {
    let base = format!("cases/{id}/agency-reports/{agency}");
    let (method, path, body) = match &step {
        ReportStep::Save(revision, body) => {
            let save = serde_json::json!({ "revision": revision, "body": body });
            (Method::PUT, base, save.to_string())
        }
        ReportStep::SignOff => (Method::POST, format!("{base}/sign-off"), "{}".to_string()),
        ReportStep::Submit => (Method::POST, format!("{base}/submit"), "{}".to_string()),
        ReportStep::Return(b) => (Method::POST, format!("{base}/return"), json(b)?),
        ReportStep::Extend(b) => (Method::POST, format!("{base}/extensions"), json(b)?),
    };
    let path = tenant_path(&session, &path)?;
    authed(session, method, &path, Some(body)).await
}

/// `GET /cases/{id}/chronology?…` (the query without `?`, may be empty).
pub async fn chronology(session: Session, id: Uuid, query: &str) -> Result<shared::cspr::ChronologyView, ApiFailure> {
    let path = tenant_path(&session, &format!("cases/{id}/chronology?{query}"))?;
    authed(session, Method::GET, &path, None).await
}

/// `GET /cases/{id}/chronology?format=csv&…`: the merged chronology as CSV text.
pub async fn chronology_csv(session: Session, id: Uuid, query: String) -> Result<String, ApiFailure> {
    let path = tenant_path(&session, &format!("cases/{id}/chronology?format=csv&{query}"))?;
    match authed_text(session, Method::GET, &path, None).await? {
        (200, text) => Ok(text),
        (status, text) => Err(crate::transport::failure_from(status, &text)),
    }
}

/// `GET /cspr-tasks`: what the person can act on in the partnership's local CSPRs.
pub async fn review_tasks(session: Session) -> Result<Vec<shared::cspr::ReviewTask>, ApiFailure> {
    let path = tenant_path(&session, "cspr-tasks")?;
    authed(session, Method::GET, &path, None).await
}

/// `GET /cases/{id}/report`: the overview report as the person may see it.
pub async fn overview(session: Session, id: Uuid) -> Result<shared::overview::OverviewView, ApiFailure> {
    let path = tenant_path(&session, &format!("cases/{id}/report"))?;
    authed(session, Method::GET, &path, None).await
}

/// `GET /cases/{id}/report/diff?from=…&to=…`.
pub async fn overview_diff(
    session: Session,
    id: Uuid,
    from: u32,
    to: u32,
) -> Result<shared::overview::VersionDiff, ApiFailure> {
    let path = tenant_path(&session, &format!("cases/{id}/report/diff?from={from}&to={to}"))?;
    authed(session, Method::GET, &path, None).await
}

/// A step of the overview report.
#[derive(Debug, Clone)]
pub enum OverviewStep {
    Save(shared::overview::SaveReport),
    Open(shared::overview::NewThread),
    Reply(Uuid, shared::overview::ReplyForm),
    Resolve(Uuid, shared::overview::ResolveForm),
    Waive(shared::overview::WaiveForm),
    SignOff(shared::overview::SignOffForm),
    Submit(shared::overview::SubmitForm),
    Response(shared::overview::PanelResponse),
    Plan(shared::overview::PublicationPlan),
}

/// Takes a step of the overview report; answers the report as it is now.
pub async fn overview_step(
    session: Session,
    id: Uuid,
    step: OverviewStep,
) -> Result<shared::overview::OverviewView, ApiFailure> {
    use OverviewStep as S;
    let (method, rest, body) = match &step {
        S::Save(b) => (Method::PUT, String::new(), json(b)?),
        S::Open(b) => (Method::POST, "/threads".to_string(), json(b)?),
        S::Reply(t, b) => (Method::POST, format!("/threads/{t}/replies"), json(b)?),
        S::Resolve(t, b) => (Method::PUT, format!("/threads/{t}/resolution"), json(b)?),
        S::Waive(b) => (Method::POST, "/anonymisation/waivers".to_string(), json(b)?),
        S::SignOff(b) => (Method::POST, "/sign-offs".to_string(), json(b)?),
        S::Submit(b) => (Method::POST, "/submission".to_string(), json(b)?),
        S::Response(b) => (Method::PUT, "/panel-response".to_string(), json(b)?),
        S::Plan(b) => (Method::PUT, "/publication-plan".to_string(), json(b)?),
    };
    let path = tenant_path(&session, &format!("cases/{id}/report{rest}"))?;
    authed(session, method, &path, Some(body)).await
}

/// The media type of a Word document.
pub const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// `GET /cases/{id}/report/export?format=docx`: the signed-off version's bytes.
pub async fn overview_docx(session: Session, id: Uuid) -> Result<Vec<u8>, ApiFailure> {
    docx_at(session, format!("cases/{id}/report/export?format=docx")).await
}

/// The bytes of a Word document at `rest` (under the partnership's path).
pub async fn docx_at(session: Session, rest: String) -> Result<Vec<u8>, ApiFailure> {
    let path = tenant_path(&session, &rest)?;
    let token = session.access_token().ok_or(ApiFailure::SessionEnded)?;
    let first = crate::transport::send_bytes(&path, &token).await?;
    let (status, bytes) = if first.0 == 401 {
        let token = session.renew().await?;
        crate::transport::send_bytes(&path, &token).await?
    } else {
        first
    };
    match status {
        200 => Ok(bytes),
        401 => {
            session.end(SESSION_ENDED);
            Err(ApiFailure::SessionEnded)
        }
        _ => Err(crate::transport::failure_from(status, &String::from_utf8_lossy(&bytes))),
    }
}

/// `GET /api/v1/me/drafts-for-comment`: the drafts waiting for the scrutineer's comments in
/// every partnership they belong to.
pub async fn drafts_for_comment(session: Session) -> Result<Vec<shared::overview::DraftForComment>, ApiFailure> {
    authed(session, Method::GET, "/api/v1/me/drafts-for-comment", None).await
}

/// `GET` of a partnership's `rest`, read as `T` (the learning pages' reads).
pub async fn read<T: DeserializeOwned>(session: Session, rest: &str) -> Result<T, ApiFailure> {
    let path = tenant_path(&session, rest)?;
    authed(session, Method::GET, &path, None).await
}

/// A write of a partnership's `rest` with a JSON body (and the version read, as `If-Match`),
/// its answer read as `T` (the learning pages' writes).
pub async fn write<T: DeserializeOwned, B: serde::Serialize>(
    session: Session,
    method: Method,
    rest: &str,
    body: &B,
    version: Option<i32>,
) -> Result<T, ApiFailure> {
    let path = tenant_path(&session, rest)?;
    let tag = version.map(|v| format!("\"{v}\""));
    parse(authed_text_if_match(session, method, &path, Some(json(body)?), tag.as_deref()).await?)
}
