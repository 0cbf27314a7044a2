//! A case's timeline: its dated steps (what happened when, built by the server from the
//! case's records) and, for the browser, the same grouped into the phases of the Rapid
//! Review and the local CSPR, each done, under way or to come, with its deadlines.
use super::information::RequestStatus;
use super::journey::clock_title;
use super::meeting::RapidReviewOutcome;
use super::stage::CaseStage;
use super::view::CaseView;
use crate::calendar::{ClockKind, ClockStatus, ClockView};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// A kind of dated step.
    pub enum TimelineStep ["snake_case"] {
        /// The local authority became aware.
        Aware,
        NotificationSent,
        /// Agencies were asked for information (one step per day of sending).
        RequestsSent,
        /// An agency answered.
        InformationReceived,
        Meeting,
        Decision,
        CsprOpened,
        ReportSent,
        /// The Independent Scrutineer's observations.
        Observation,
        /// The local CSPR's due date was moved on.
        ReviewExtended,
        FinalReportSent,
        /// The local CSPR's lead reviewer appointed.
        Commissioned,
        /// The National Panel, Ofsted and the DfE told.
        CommissioningNotice,
        TermsAgreed,
        AuthorBriefing,
        /// An agency submitted its chronology and key event analysis.
        AgencyReportSubmitted,
        PractitionerEvent,
        /// A letter to the family, or the findings shared with them.
        FamilyContact,
        /// A version of the overview report saved.
        OverviewVersion,
        /// A link of the overview report's sign-off chain (or its voiding).
        OverviewSignOff,
        /// The overview report published.
        OverviewPublished,
    }
}

crate::wire::wire_enum! {
    /// A phase of the timeline picture.
    pub enum TimelinePhase ["snake_case"] {
        Notification,
        Information,
        Meeting,
        Decision,
        Report,
        Cspr,
    }
}

impl TimelineStep {
    /// The phase the step belongs to.
    pub fn phase(self) -> TimelinePhase {
        match self {
            TimelineStep::Aware | TimelineStep::NotificationSent => TimelinePhase::Notification,
            TimelineStep::RequestsSent | TimelineStep::InformationReceived => TimelinePhase::Information,
            TimelineStep::Meeting => TimelinePhase::Meeting,
            TimelineStep::Decision | TimelineStep::Observation => TimelinePhase::Decision,
            TimelineStep::ReportSent => TimelinePhase::Report,
            TimelineStep::CsprOpened
            | TimelineStep::ReviewExtended
            | TimelineStep::FinalReportSent
            | TimelineStep::Commissioned
            | TimelineStep::CommissioningNotice
            | TimelineStep::TermsAgreed
            | TimelineStep::AuthorBriefing
            | TimelineStep::AgencyReportSubmitted
            | TimelineStep::PractitionerEvent
            | TimelineStep::FamilyContact
            | TimelineStep::OverviewVersion
            | TimelineStep::OverviewSignOff
            | TimelineStep::OverviewPublished => TimelinePhase::Cspr,
        }
    }
}

impl TimelinePhase {
    pub fn title(self) -> &'static str {
        match self {
            TimelinePhase::Notification => "Serious Incident Notification",
            TimelinePhase::Information => "Information from agencies",
            TimelinePhase::Meeting => "Rapid Review meeting",
            TimelinePhase::Decision => "Decision",
            TimelinePhase::Report => "Rapid Review report",
            TimelinePhase::Cspr => "Local CSPR",
        }
    }

    /// The phase a clock of `kind` belongs to.
    pub fn of_clock(kind: ClockKind) -> TimelinePhase {
        match kind {
            ClockKind::NotificationToPanel => TimelinePhase::Notification,
            ClockKind::AgencyInformation => TimelinePhase::Information,
            ClockKind::RapidReviewReport => TimelinePhase::Report,
            ClockKind::CsprCompletion | ClockKind::AgencyReport => TimelinePhase::Cspr,
            // a referral's clock, never a case's: the referral comes before the notification
            ClockKind::ReferralDecision => TimelinePhase::Notification,
        }
    }
}

/// A dated step of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DatedStep {
    pub step: TimelineStep,
    pub on: NaiveDate,
    pub label: String,
}

/// One agency's request, as the timeline tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AskedAgency<'a> {
    pub name: &'a str,
    pub sent_on: NaiveDate,
    pub answered_on: Option<NaiveDate>,
}

/// What a case's dated steps are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseHistory<'a> {
    pub la_aware_on: NaiveDate,
    pub notification_sent_on: Option<NaiveDate>,
    /// In the order they were sent.
    pub requests: Vec<AskedAgency<'a>>,
    pub meeting_on: Option<NaiveDate>,
    /// Why the meeting went ahead with information outstanding, when it did.
    pub meeting_outstanding_reason: Option<&'a str>,
    /// The days the scrutineer recorded observations.
    pub observed_on: Vec<NaiveDate>,
    pub decision: Option<(NaiveDate, RapidReviewOutcome)>,
    pub report_sent_on: Option<NaiveDate>,
    /// The local CSPR's extensions: recorded on, new due date.
    pub extensions: Vec<(NaiveDate, NaiveDate)>,
    pub final_report_sent_on: Option<NaiveDate>,
    /// The local CSPR's own steps ([`crate::cspr::history`]).
    pub cspr: Vec<DatedStep>,
}

pub(crate) fn step(step: TimelineStep, on: NaiveDate, label: impl Into<String>) -> DatedStep {
    DatedStep { step, on, label: label.into() }
}

/// The case's dated steps, oldest first.
pub fn dated_steps(h: &CaseHistory<'_>) -> Vec<DatedStep> {
    let mut steps = vec![step(TimelineStep::Aware, h.la_aware_on, "Local authority became aware")];
    if let Some(on) = h.notification_sent_on {
        steps.push(step(TimelineStep::NotificationSent, on, "Notification sent to the National Panel"));
    }
    let mut sent_days: Vec<NaiveDate> = h.requests.iter().map(|r| r.sent_on).collect();
    sent_days.dedup();
    for on in sent_days {
        let n = h.requests.iter().filter(|r| r.sent_on == on).count();
        let agencies = if n == 1 { "agency" } else { "agencies" };
        steps.push(step(TimelineStep::RequestsSent, on, format!("Information requested from {n} {agencies}")));
    }
    for r in &h.requests {
        if let Some(on) = r.answered_on {
            steps.push(step(TimelineStep::InformationReceived, on, format!("Information received from {}", r.name)));
        }
    }
    if let Some(on) = h.meeting_on {
        let label = match h.meeting_outstanding_reason.filter(|r| !r.trim().is_empty()) {
            Some(reason) => format!("Rapid Review meeting, held with information outstanding: {reason}"),
            None => "Rapid Review meeting".to_string(),
        };
        steps.push(step(TimelineStep::Meeting, on, label));
    }
    for on in &h.observed_on {
        steps.push(step(TimelineStep::Observation, *on, "Independent Scrutineer's observations"));
    }
    if let Some((on, outcome)) = h.decision {
        steps.push(step(TimelineStep::Decision, on, format!("Decision: {}", outcome.label())));
        if outcome == RapidReviewOutcome::LocalCspr {
            steps.push(step(TimelineStep::CsprOpened, on, "Local CSPR opened"));
        }
    }
    if let Some(on) = h.report_sent_on {
        steps.push(step(TimelineStep::ReportSent, on, "Rapid Review report sent to the National Panel"));
    }
    for (on, due) in &h.extensions {
        let label = format!("Review extended: now due {}", due.format("%-d %B %Y"));
        steps.push(step(TimelineStep::ReviewExtended, *on, label));
    }
    if let Some(on) = h.final_report_sent_on {
        steps.push(step(TimelineStep::FinalReportSent, on, "Final report sent to the National Panel"));
    }
    steps.extend(h.cspr.iter().cloned());
    steps.sort_by_key(|s| s.on);
    steps
}

crate::wire::wire_enum! {
    /// Whether a stage of the timeline is behind, under way or still to come.
    pub enum StageState ["snake_case"] {
        Done,
        Current,
        ToCome,
    }
}

impl StageState {
    pub fn label(self) -> &'static str {
        match self {
            StageState::Done => "Done",
            StageState::Current => "Under way",
            StageState::ToCome => "To come",
        }
    }
}

/// Something dated within a stage: what happened, or a deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageEntry {
    pub on: NaiveDate,
    pub label: String,
    /// For a deadline: its clock status (open or met).
    pub status: Option<ClockStatus>,
}

/// One phase of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineStage {
    pub phase: TimelinePhase,
    pub state: StageState,
    /// What happened, oldest first.
    pub events: Vec<StageEntry>,
    /// The deadlines of the stage (due dates), soonest first.
    pub deadlines: Vec<StageEntry>,
}

/// The agency name of an information clock, from the case's requests.
pub fn clock_agency<'a>(case: &'a CaseView, clock: &ClockView) -> Option<&'a str> {
    let agency = clock.agency_id?;
    case.requests.iter().find(|r| r.agency_id == agency).map(|r| r.agency_name.as_str())
}

/// The case's timeline, stage by stage: notification, information from agencies, the Rapid
/// Review meeting, the decision, the report to the National Panel, and (once decided) the
/// local CSPR. Each stage holds its dated events and its deadlines.
pub fn timeline(case: &CaseView) -> Vec<TimelineStage> {
    let mut phases = vec![
        TimelinePhase::Notification,
        TimelinePhase::Information,
        TimelinePhase::Meeting,
        TimelinePhase::Decision,
        TimelinePhase::Report,
    ];
    if case.stage == CaseStage::LocalCspr || case.timeline.iter().any(|s| s.step == TimelineStep::CsprOpened) {
        phases.push(TimelinePhase::Cspr);
    }
    let all_answered = !case.requests.is_empty() && case.requests.iter().all(|r| r.status == RequestStatus::Submitted);
    phases
        .into_iter()
        .map(|phase| {
            let events: Vec<StageEntry> = case
                .timeline
                .iter()
                .filter(|s| s.step.phase() == phase)
                .map(|s| StageEntry { on: s.on, label: s.label.clone(), status: None })
                .collect();
            let mut deadlines: Vec<StageEntry> = case
                .clocks
                .iter()
                .filter(|c| TimelinePhase::of_clock(c.kind) == phase)
                .map(|c| StageEntry {
                    on: c.due_on,
                    label: format!("{} due", clock_title(c.kind, clock_agency(case, c))),
                    status: Some(c.status),
                })
                .collect();
            deadlines.sort_by_key(|d| d.on);
            let done = match phase {
                TimelinePhase::Notification => case.notification_sent_on.is_some(),
                TimelinePhase::Information => {
                    all_answered || (case.stage != CaseStage::RapidReview && !case.requests.is_empty())
                }
                TimelinePhase::Meeting => case.meeting.is_some(),
                TimelinePhase::Decision => case.decision.is_some(),
                TimelinePhase::Report => case.report_sent_on.is_some(),
                TimelinePhase::Cspr => false,
            };
            let open = deadlines.iter().any(|d| d.status.is_some_and(ClockStatus::is_open));
            // What the case waits for next: the meeting once agencies are asked; the decision
            // once the meeting has recommended.
            let next = match phase {
                TimelinePhase::Meeting => case.stage == CaseStage::RapidReview && !case.requests.is_empty(),
                TimelinePhase::Decision => case.stage == CaseStage::AwaitingDecision,
                _ => false,
            };
            let state = if done && !open {
                StageState::Done
            } else if !events.is_empty() || open || next {
                StageState::Current
            } else {
                StageState::ToCome
            };
            TimelineStage { phase, state, events, deadlines }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{InformationRequestView, Notification, RapidReviewMeeting};
    use chrono::Utc;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn steps_are_dated_and_in_order() {
        let h = CaseHistory {
            la_aware_on: d("2026-11-02"),
            notification_sent_on: Some(d("2026-11-03")),
            requests: vec![
                AskedAgency { name: "Police", sent_on: d("2026-11-04"), answered_on: Some(d("2026-11-10")) },
                AskedAgency { name: "Health", sent_on: d("2026-11-04"), answered_on: None },
                AskedAgency { name: "School", sent_on: d("2026-11-05"), answered_on: None },
            ],
            meeting_on: Some(d("2026-11-20")),
            meeting_outstanding_reason: None,
            observed_on: Vec::new(),
            decision: Some((d("2026-11-24"), RapidReviewOutcome::LocalCspr)),
            report_sent_on: None,
            extensions: Vec::new(),
            final_report_sent_on: None,
            cspr: Vec::new(),
        };
        let steps = dated_steps(&h);
        let got: Vec<_> = steps.iter().map(|s| (s.step, s.label.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (TimelineStep::Aware, "Local authority became aware"),
                (TimelineStep::NotificationSent, "Notification sent to the National Panel"),
                (TimelineStep::RequestsSent, "Information requested from 2 agencies"),
                (TimelineStep::RequestsSent, "Information requested from 1 agency"),
                (TimelineStep::InformationReceived, "Information received from Police"),
                (TimelineStep::Meeting, "Rapid Review meeting"),
                (TimelineStep::Decision, "Decision: Local Child Safeguarding Practice Review"),
                (TimelineStep::CsprOpened, "Local CSPR opened"),
            ]
        );
        assert_eq!(serde_json::to_value(&steps[0]).unwrap()["step"], "aware");
    }

    fn clock(kind: ClockKind, due: &str, status: ClockStatus, agency: Option<uuid::Uuid>) -> ClockView {
        ClockView {
            kind,
            case_id: Some(uuid::Uuid::nil()),
            referral_id: None,
            agency_id: agency,
            started_on: d("2026-11-02"),
            due_on: d(due),
            met_on: None,
            status,
            working_days_left: 0,
            warnings: Vec::new(),
            rule: kind.default_rule(),
            rule_description: kind.default_rule().describe(),
            extensions: Vec::new(),
        }
    }

    fn request(agency: uuid::Uuid, name: &str, status: RequestStatus) -> InformationRequestView {
        InformationRequestView {
            id: agency,
            case_id: uuid::Uuid::nil(),
            case_reference: "2026-0001".into(),
            agency_id: agency,
            agency_name: name.into(),
            sent_on: d("2026-11-04"),
            due_on: d("2026-11-13"),
            status,
            clock_status: ClockStatus::OnTrack,
            working_days_left: 3,
            submitted_on: None,
            reminders: 0,
            last_reminded_on: None,
            response: None,
            notification: None,
            can_answer: false,
            version: 0,
        }
    }

    fn step(step: &str, on: &str) -> DatedStep {
        let step = TimelineStep::parse(step).unwrap();
        DatedStep { step, on: d(on), label: step.as_str().replace('_', " ") }
    }

    fn case(stage: CaseStage) -> CaseView {
        CaseView {
            id: uuid::Uuid::nil(),
            reference: "2026-0001".into(),
            stage,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            la_aware_on: d("2026-11-02"),
            notification: Notification::default(),
            notification_sent_on: None,
            requests: Vec::new(),
            meeting: None,
            decision: None,
            report_sent_on: None,
            observations: Vec::new(),
            final_report_sent_on: None,
            clocks: Vec::new(),
            timeline: Vec::new(),
            allowed_actions: Vec::new(),
        }
    }

    #[test]
    fn a_new_case_is_at_its_notification_with_the_rest_to_come() {
        let mut c = case(CaseStage::RapidReview);
        c.timeline = vec![step("aware", "2026-11-02")];
        c.clocks = vec![clock(ClockKind::NotificationToPanel, "2026-11-09", ClockStatus::OnTrack, None)];
        let t = timeline(&c);
        let states: Vec<_> = t.iter().map(|s| (s.phase.as_str(), s.state)).collect();
        assert_eq!(
            states,
            vec![
                ("notification", StageState::Current),
                ("information", StageState::ToCome),
                ("meeting", StageState::ToCome),
                ("decision", StageState::ToCome),
                ("report", StageState::ToCome),
            ]
        );
        assert_eq!(t[0].events.len(), 1);
        assert_eq!(t[0].deadlines[0].label, "Serious Incident Notification to the National Panel due");
    }

    #[test]
    fn a_decided_local_cspr_has_its_stages_behind_it_and_the_cspr_open() {
        let police = uuid::Uuid::from_u128(1);
        let health = uuid::Uuid::from_u128(2);
        let mut c = case(CaseStage::LocalCspr);
        c.notification_sent_on = Some(d("2026-11-03"));
        c.requests = vec![
            request(police, "Northvale Police", RequestStatus::Submitted),
            request(health, "Northvale Health", RequestStatus::Submitted),
        ];
        c.meeting = Some(RapidReviewMeeting::default());
        c.decision = Some(Default::default());
        c.timeline = vec![
            step("aware", "2026-11-02"),
            step("notification_sent", "2026-11-03"),
            step("requests_sent", "2026-11-04"),
            step("information_received", "2026-11-10"),
            step("meeting", "2026-11-20"),
            step("decision", "2026-11-24"),
            step("cspr_opened", "2026-11-24"),
        ];
        let mut met = clock(ClockKind::AgencyInformation, "2026-11-13", ClockStatus::MetLate, Some(health));
        met.met_on = Some(d("2026-11-16"));
        c.clocks = vec![
            met,
            clock(ClockKind::RapidReviewReport, "2026-11-24", ClockStatus::DueSoon, None),
            clock(ClockKind::CsprCompletion, "2027-05-24", ClockStatus::OnTrack, None),
        ];
        let t = timeline(&c);
        let states: Vec<_> = t.iter().map(|s| (s.phase.as_str(), s.state)).collect();
        assert_eq!(
            states,
            vec![
                ("notification", StageState::Done),
                ("information", StageState::Done),
                ("meeting", StageState::Done),
                ("decision", StageState::Done),
                ("report", StageState::Current),
                ("cspr", StageState::Current),
            ]
        );
        assert_eq!(t[1].deadlines[0].label, "Additional information from Northvale Health due");
        assert_eq!(t[1].deadlines[0].status, Some(ClockStatus::MetLate));
        assert_eq!(t[5].events[0].on, d("2026-11-24"));
    }
}
