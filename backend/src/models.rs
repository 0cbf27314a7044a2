//! Rows as stored. Stages, statuses and kinds are read as their `shared` types, stored
//! documents as [`Json`] of their type, and ids that answers carry as UUIDs as [`Id`].
use crate::columns::{Id, Json};
use crate::schema::*;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::agency::AgencyKind;
use shared::auth::SecondFactorRule;
use shared::calendar::{CalendarWarning, ClockKind, ClockRule};
use shared::case::{
    AdditionalInformation, CaseDecision, CaseStage, Notification, Observation, RapidReviewMeeting, RequestStatus,
};
use shared::cspr::{
    AgencyReportBody, AuthorBriefing, ChronologyEntry, Commission, FamilyEngagement, GroupMember, ParallelProcess,
    PractitionerEvent, ReportStatus, ReportVersion, SignOff, TermsAgreement, TermsVersion,
};
use shared::mail::{MailKind, OutboxState};
use shared::referral::{Decision, Recommendation, ReferralForm, ReferralStage, ReviewType};
use shared::region::Region;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = tenants)]
pub struct TenantRow {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub region: Region,
    pub created_at: NaiveDateTime,
    /// Who must use a second factor.
    pub second_factor: SecondFactorRule,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = agencies)]
pub struct AgencyRow {
    pub tenant_id: String,
    pub id: Id,
    pub name: String,
    pub kind: AgencyKind,
    pub strategic_lead: bool,
    pub created_at: NaiveDateTime,
    /// Offered for new requests and people.
    pub active: bool,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: Id,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    /// Access tokens carrying an older epoch are refused.
    pub session_epoch: i64,
    /// The second factor's secret (base32), once enrolled; the one being set up; the last
    /// time step whose code was used.
    pub totp_secret: Option<String>,
    pub totp_pending: Option<String>,
    pub totp_last_step: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = memberships)]
pub struct MembershipRow {
    pub tenant_id: String,
    pub user_id: String,
    pub agency_id: Option<Id>,
    pub roles: String,
    pub created_at: NaiveDateTime,
    /// Taken away: the person keeps their name on records but has no access.
    pub removed_at: Option<NaiveDateTime>,
    /// The person's last sign-in to this partnership.
    pub last_sign_in_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub tenant_id: String,
    pub id: String,
    pub user_id: String,
    pub family_id: String,
    pub token_hash: String,
    pub issued_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditRow {
    pub tenant_id: String,
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub request_id: Option<String>,
    /// The client's address, for sign-in events only.
    pub address: Option<String>,
    /// The event's place in its partnership's chain, and its hash (see `store::audit`).
    pub seq: Option<i64>,
    pub hash: Option<String>,
    /// How many times: reads of one record by one person within a second are one
    /// event.
    pub repeats: i32,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub tenant_id: String,
    pub id: String,
    pub user_id: String,
    pub started_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    /// Signed in with a password alone where the second factor is required: may only enrol.
    pub enrolling: bool,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = referrals)]
pub struct ReferralRow {
    pub tenant_id: String,
    pub id: String,
    pub referrer_id: String,
    pub stage: ReferralStage,
    pub review_type: Option<ReviewType>,
    pub form: Json<ReferralForm>,
    pub return_reason: Option<String>,
    pub recommendation: Option<Json<Recommendation>>,
    pub decision: Option<Json<Decision>>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    /// The child's name from the form (lists show it).
    pub child_name: String,
    /// The manager it was last sent to for sign-off, with their name and agency then.
    pub manager_id: Option<String>,
    pub manager_name: Option<String>,
    pub manager_agency: Option<String>,
    /// When that manager signed it off.
    pub signed_off_at: Option<NaiveDateTime>,
    /// The Rapid Review case opened from it.
    pub case_id: Option<String>,
    /// Raised by every write: its ETag; a write based on another version is refused.
    pub version: i32,
}

/// The columns a referral list shows (no form: lists stay small).
#[derive(Debug, Clone, Queryable)]
pub struct ReferralSummaryRow {
    pub id: String,
    pub referrer_id: String,
    pub stage: ReferralStage,
    pub review_type: Option<ReviewType>,
    pub created_at: crate::stamp::Stamp,
    pub updated_at: crate::stamp::Stamp,
    pub submitted_at: Option<crate::stamp::Stamp>,
    pub child_name: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = cases)]
pub struct CaseRow {
    pub tenant_id: String,
    pub id: Id,
    pub reference: String,
    pub stage: CaseStage,
    pub referral_id: Option<Id>,
    pub la_aware_on: NaiveDate,
    pub notification: Json<Notification>,
    pub notification_sent_on: Option<NaiveDate>,
    pub meeting: Option<Json<RapidReviewMeeting>>,
    pub decision: Option<Json<CaseDecision>>,
    pub decided_on: Option<NaiveDate>,
    pub report_sent_on: Option<NaiveDate>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub observations: Json<Vec<Observation>>,
    pub final_report_sent_on: Option<NaiveDate>,
    /// The clock rules the case was opened under.
    pub clock_rules: Json<shared::calendar::ClockRules>,
    /// Raised by every write: a write based on another version is refused.
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = information_requests)]
pub struct InformationRequestRow {
    pub tenant_id: String,
    pub id: Id,
    pub case_id: Id,
    pub agency_id: Id,
    pub sent_on: NaiveDate,
    pub due_on: NaiveDate,
    pub status: RequestStatus,
    pub response: Option<Json<AdditionalInformation>>,
    pub submitted_on: Option<NaiveDate>,
    pub reminders: i32,
    pub last_reminded_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Raised by every write; the ETag of the request (and its answer).
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = clocks)]
pub struct ClockRow {
    pub tenant_id: String,
    pub id: Id,
    pub case_id: Id,
    pub kind: ClockKind,
    pub request_id: Option<Id>,
    pub agency_id: Option<Id>,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    pub warnings: Json<Vec<CalendarWarning>>,
    pub rule: Json<ClockRule>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = clock_rules)]
pub struct ClockRuleRow {
    pub tenant_id: String,
    pub kind: ClockKind,
    pub rule: Json<ClockRule>,
    pub changed_by: String,
    pub changed_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = clock_extensions)]
pub struct ClockExtensionRow {
    pub tenant_id: String,
    pub id: Id,
    pub clock_id: Id,
    pub previous_due_on: NaiveDate,
    pub due_on: NaiveDate,
    pub reason: String,
    pub panel_advised: bool,
    pub panel_advised_on: Option<NaiveDate>,
    pub recorded_on: NaiveDate,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = referral_clocks)]
pub struct ReferralClockRow {
    pub tenant_id: String,
    pub referral_id: Id,
    pub kind: ClockKind,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    pub warnings: Json<Vec<CalendarWarning>>,
    pub rule: Json<ClockRule>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub tenant_id: String,
    pub id: Id,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub kind: MailKind,
    pub state: OutboxState,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = password_resets)]
pub struct PasswordResetRow {
    pub tenant_id: String,
    pub id: String,
    pub user_id: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    /// `reset` (a forgotten password) or `invitation` (a new account's first password).
    pub purpose: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = framework_addresses)]
pub struct FrameworkAddressesRow {
    pub tenant_id: String,
    pub national_panel: String,
    pub ofsted: String,
    pub dfe: String,
    pub updated_at: NaiveDateTime,
}

/// A local CSPR's records (one row per review).
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = csprs)]
pub struct CsprRow {
    pub tenant_id: String,
    pub case_id: Id,
    pub commission: Option<Json<Commission>>,
    pub review_group: Json<Vec<GroupMember>>,
    pub group_set_on: Option<NaiveDate>,
    pub terms: Json<Vec<TermsVersion>>,
    pub agreement: Option<Json<TermsAgreement>>,
    pub briefing: Option<Json<AuthorBriefing>>,
    pub chronology_shared_on: Option<NaiveDate>,
    pub event: Option<Json<PractitionerEvent>>,
    pub family: Option<Json<FamilyEngagement>>,
    pub processes: Json<Vec<ParallelProcess>>,
    /// Raised by every write: a write based on another version is refused.
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

/// An agency's report for a local CSPR.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = agency_reports)]
pub struct AgencyReportRow {
    pub tenant_id: String,
    pub case_id: Id,
    pub agency_id: Id,
    pub author_id: Id,
    pub assigned_on: NaiveDate,
    pub status: ReportStatus,
    pub draft: Json<AgencyReportBody>,
    /// Raised by every change of the draft.
    pub revision: i32,
    pub manager_sign_off: Option<Json<SignOff>>,
    pub submitted: Json<Vec<ReportVersion>>,
    /// The latest submitted version's chronology.
    pub current_chronology: Json<Vec<ChronologyEntry>>,
    pub returned_reason: Option<String>,
    /// The first submission (the clock is met then).
    pub submitted_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn now() -> NaiveDateTime {
    // Microsecond precision: both databases keep that much.
    let n = chrono::Utc::now().naive_utc();
    n.with_nanosecond((n.nanosecond() / 1000) * 1000).unwrap_or(n)
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

use chrono::Timelike;

/// A review's overview report: the latest version's number and everything around the text.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = overview_reports)]
pub struct OverviewRow {
    pub tenant_id: String,
    pub case_id: Id,
    pub latest_version: i32,
    pub latest_saved_on: Option<NaiveDate>,
    pub signoffs: Json<Vec<shared::overview::ChainSignOff>>,
    pub waivers: Json<Vec<shared::overview::Waiver>>,
    pub submission: Option<Json<shared::overview::Submission>>,
    pub panel_response: Option<Json<shared::overview::PanelResponse>>,
    pub plan: Json<shared::overview::PublicationPlan>,
    /// Raised by every write: a write based on another version is refused.
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

/// A saved version of the overview report's text (never changed).
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = overview_versions)]
pub struct OverviewVersionRow {
    pub tenant_id: String,
    pub case_id: Id,
    pub version: i32,
    pub sections: Json<Vec<shared::overview::Section>>,
    pub saved_by: String,
    pub saved_by_id: Id,
    pub saved_on: NaiveDate,
    pub created_at: NaiveDateTime,
}

/// A comment thread on the overview report.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = overview_threads)]
pub struct OverviewThreadRow {
    pub tenant_id: String,
    pub case_id: Id,
    pub id: Id,
    pub thread: Json<shared::overview::CommentThread>,
    pub open: bool,
    /// Raised by every write of the thread.
    pub revision: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
