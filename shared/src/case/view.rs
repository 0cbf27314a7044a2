//! What the API answers about cases and information requests.
use super::checks::CaseDates;
use super::decision::CaseDecision;
use super::information::{AdditionalInformation, RequestStatus};
use super::meeting::RapidReviewMeeting;
use super::notification::Notification;
use super::review::Observation;
use super::stage::{CaseAction, CaseStage};
use super::timeline::DatedStep;
use crate::calendar::clock::{ClockStatus, ClockView};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A case in a list: no personal data beyond its reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    pub id: uuid::Uuid,
    /// The partnership's reference, e.g. `2026-0007`.
    pub reference: String,
    pub stage: CaseStage,
    pub la_aware_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// One agency's request, as the office or the agency sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InformationRequestView {
    pub id: uuid::Uuid,
    pub case_id: uuid::Uuid,
    pub case_reference: String,
    pub agency_id: uuid::Uuid,
    pub agency_name: String,
    pub sent_on: NaiveDate,
    pub due_on: NaiveDate,
    pub status: RequestStatus,
    /// Where the 7-working-day clock stands (met when submitted).
    pub clock_status: ClockStatus,
    pub working_days_left: i64,
    pub submitted_on: Option<NaiveDate>,
    pub reminders: u32,
    pub last_reminded_on: Option<NaiveDate>,
    /// The answer so far (absent in lists).
    pub response: Option<AdditionalInformation>,
    /// What the agency is asked about: the notification (absent in lists).
    pub notification: Option<Notification>,
    /// The caller may save and submit the answer.
    pub can_answer: bool,
    /// Raised by every change of the answer: the `ETag`, named in a save's `If-Match`.
    #[serde(default)]
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseView {
    pub id: uuid::Uuid,
    pub reference: String,
    pub stage: CaseStage,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The day the local authority became aware: the case begins here.
    pub la_aware_on: NaiveDate,
    pub notification: Notification,
    pub notification_sent_on: Option<NaiveDate>,
    pub requests: Vec<InformationRequestView>,
    pub meeting: Option<RapidReviewMeeting>,
    pub decision: Option<CaseDecision>,
    pub report_sent_on: Option<NaiveDate>,
    /// The Independent Scrutineer's observations on the Rapid Review, oldest first.
    pub observations: Vec<Observation>,
    /// When a local CSPR's final report went to the National Panel.
    pub final_report_sent_on: Option<NaiveDate>,
    /// Every clock of the case, open and met.
    pub clocks: Vec<ClockView>,
    /// What happened when, oldest first.
    pub timeline: Vec<DatedStep>,
    pub allowed_actions: Vec<CaseAction>,
}

impl CaseView {
    /// What the checks of its steps need of the case.
    pub fn dates(&self) -> CaseDates {
        CaseDates { la_aware_on: self.la_aware_on, decided_on: self.decision.as_ref().and_then(|d| d.decided_on) }
    }

    /// How many of its requests to agencies are not answered yet.
    pub fn outstanding(&self) -> super::checks::Outstanding {
        self.requests.iter().filter(|r| r.status != RequestStatus::Submitted).count()
    }

    /// When its local CSPR's open clock is due, if it has one.
    pub fn review_due(&self) -> Option<NaiveDate> {
        self.clocks
            .iter()
            .find(|c| c.kind == crate::calendar::ClockKind::CsprCompletion && c.met_on.is_none())
            .map(|c| c.due_on)
    }
}

/// An open clock on the dashboard, with the case it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseClock {
    #[serde(flatten)]
    pub clock: ClockView,
    pub case_reference: String,
    pub case_stage: CaseStage,
}

/// A date something was done (the notification or the report sent to the National Panel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentOn {
    pub sent_on: NaiveDate,
}
