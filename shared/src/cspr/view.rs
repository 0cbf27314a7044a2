//! What the API answers about a local CSPR.
use super::authors::AuthorBriefing;
use super::commission::Commission;
use super::event::PractitionerEvent;
use super::family::FamilyEngagement;
use super::group::GroupMember;
use super::parallel::ParallelProcess;
use super::report::{AgencyReportBody, ReportAction, ReportStatus, ReportVersion, SignOff};
use super::stage::CsprAction;
use super::terms::{TermsAgreement, TermsVersion};
use crate::calendar::ClockStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A member of the review group, with their agency's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupMemberView {
    #[serde(flatten)]
    pub member: GroupMember,
    pub agency_name: String,
    pub strategic_lead: bool,
}

/// An agency's report in the review's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyReportSummary {
    pub agency_id: Uuid,
    pub agency_name: String,
    pub author_id: Uuid,
    pub author_name: String,
    pub assigned_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Where its clock stands (met when first submitted).
    pub clock_status: ClockStatus,
    pub working_days_left: i64,
    pub status: ReportStatus,
    /// How many versions were submitted.
    pub versions: u32,
    pub submitted_on: Option<NaiveDate>,
    /// Its deadline moved on, oldest first.
    #[serde(default)]
    pub extensions: Vec<crate::calendar::ClockExtension>,
}

/// One agency's report, as the person asking may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyReportView {
    #[serde(flatten)]
    pub summary: AgencyReportSummary,
    pub case_reference: String,
    /// The draft: for the agency's own people only.
    pub draft: Option<AgencyReportBody>,
    /// The manager's sign-off of the current draft (own agency only).
    pub manager_sign_off: Option<SignOff>,
    /// Every submitted version, oldest first.
    pub submitted: Vec<ReportVersion>,
    /// Why the lead reviewer returned it, while it is returned.
    pub returned_reason: Option<String>,
    /// The draft changed since its version was last read (a save's base); sent back with a
    /// save so that a stale save is refused.
    pub revision: u32,
    pub allowed_actions: Vec<ReportAction>,
}

/// The local CSPR, as the person asking may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CsprView {
    pub case_id: Uuid,
    pub case_reference: String,
    /// The day the strategic leads decided on the review.
    pub decided_on: Option<NaiveDate>,
    pub commission: Option<Commission>,
    /// Empty until set (hidden from an agency's people).
    pub review_group: Vec<GroupMemberView>,
    pub terms: Vec<TermsVersion>,
    pub agreement: Option<TermsAgreement>,
    pub briefing: Option<AuthorBriefing>,
    /// The reports the person may know of.
    pub reports: Vec<AgencyReportSummary>,
    pub chronology_shared: bool,
    pub event: Option<PractitionerEvent>,
    pub family: Option<FamilyEngagement>,
    pub processes: Vec<ParallelProcess>,
    /// An active prosecution holds publication.
    pub publication_hold: bool,
    /// What the office is reminded of (sending the officer in charge the terms and the event
    /// date).
    pub reminders: Vec<String>,
    /// The person reads the whole review (not only their agency's part).
    pub whole: bool,
    /// The person is its lead reviewer.
    pub is_lead: bool,
    pub allowed_actions: Vec<CsprAction>,
    /// Raised by every change of the review's records: the `ETag`, named in a save's
    /// `If-Match`.
    #[serde(default)]
    pub version: i32,
}
