//! Cases as the browser app shows them: clock statuses in words, who may see which page, the
//! stage-by-stage timeline of a case, and the form values of the case's choices. Pure
//! functions over the [`crate::case`] and [`crate::calendar`] types; the rules themselves
//! (what must be filled in, who may do what) stay there.
use crate::calendar::{ClockKind, ClockStatus, ClockView};
use crate::case::{CaseStage, CaseView, MeetingMember, MemberRole, RequestStatus};
use crate::Role;
use chrono::NaiveDate;

/// The words of a clock's status tag.
pub fn status_label(status: ClockStatus) -> &'static str {
    match status {
        ClockStatus::OnTrack => "On track",
        ClockStatus::DueSoon => "Due soon",
        ClockStatus::Overdue => "Overdue",
        ClockStatus::MetOnTime => "Met on time",
        ClockStatus::MetLate => "Met late",
    }
}

/// The GOV.UK tag colour of a clock's status.
pub fn status_class(status: ClockStatus) -> &'static str {
    match status {
        ClockStatus::OnTrack => "govuk-tag govuk-tag--blue",
        ClockStatus::DueSoon => "govuk-tag govuk-tag--yellow",
        ClockStatus::Overdue => "govuk-tag govuk-tag--red",
        ClockStatus::MetOnTime => "govuk-tag govuk-tag--green",
        ClockStatus::MetLate => "govuk-tag govuk-tag--orange",
    }
}

fn working_days(n: i64) -> String {
    if n == 1 {
        "1 working day".to_string()
    } else {
        format!("{n} working days")
    }
}

/// The working days left in words: "3 working days left", "Due today", "2 working days
/// overdue"; for a met clock, how early or late it was met.
pub fn days_left_text(status: ClockStatus, left: i64) -> String {
    match status {
        ClockStatus::OnTrack | ClockStatus::DueSoon if left <= 0 => "Due today".to_string(),
        ClockStatus::OnTrack | ClockStatus::DueSoon => format!("{} left", working_days(left)),
        ClockStatus::Overdue if left < 0 => format!("{} overdue", working_days(-left)),
        ClockStatus::Overdue => "Overdue".to_string(),
        ClockStatus::MetOnTime if left > 0 => format!("Met with {} to spare", working_days(left)),
        ClockStatus::MetOnTime => "Met on the due date".to_string(),
        ClockStatus::MetLate if left < 0 => format!("Met {} late", working_days(-left)),
        ClockStatus::MetLate => "Met late".to_string(),
    }
}

/// What a clock is for, naming the agency of an information clock when known.
pub fn clock_title(kind: ClockKind, agency: Option<&str>) -> String {
    match (kind, agency) {
        (ClockKind::AgencyInformation, Some(a)) => format!("Additional information from {a}"),
        _ => kind.label().to_string(),
    }
}

/// Roles that read cases (the office, leads, reviewers, the scrutineer).
pub fn may_read_cases(roles: &[Role]) -> bool {
    roles.iter().any(|r| matches!(r, Role::BusinessOffice | Role::StrategicLead | Role::Reviewer | Role::Scrutineer))
}

/// Roles that may report a serious incident (open a case).
pub fn may_report_incident(roles: &[Role]) -> bool {
    roles.contains(&Role::BusinessOffice)
}

/// Roles that answer their agency's information requests.
pub fn answers_requests(roles: &[Role]) -> bool {
    roles.contains(&Role::AgencyAuthor)
}

/// Roles that see the partnership dashboard of open clocks.
pub fn may_see_dashboard(roles: &[Role]) -> bool {
    may_read_cases(roles)
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

/// One stage of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineStage {
    pub key: &'static str,
    pub title: &'static str,
    pub state: StageState,
    /// What happened, oldest first.
    pub events: Vec<StageEntry>,
    /// The deadlines of the stage (due dates), soonest first.
    pub deadlines: Vec<StageEntry>,
}

/// The stage of the timeline a step code belongs to.
fn stage_of_step(step: &str) -> &'static str {
    match step {
        "aware" | "notification_sent" => "notification",
        "requests_sent" | "information_received" => "information",
        "meeting" => "meeting",
        "decision" => "decision",
        "report_sent" => "report",
        "cspr_opened" => "cspr",
        _ => "notification",
    }
}

fn stage_of_clock(kind: ClockKind) -> &'static str {
    match kind {
        ClockKind::NotificationToPanel => "notification",
        ClockKind::AgencyInformation => "information",
        ClockKind::RapidReviewReport => "report",
        ClockKind::CsprCompletion => "cspr",
    }
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
    let mut stages = vec![
        ("notification", "Serious Incident Notification"),
        ("information", "Information from agencies"),
        ("meeting", "Rapid Review meeting"),
        ("decision", "Decision"),
        ("report", "Rapid Review report"),
    ];
    if case.stage == CaseStage::LocalCspr || case.timeline.iter().any(|s| s.step == "cspr_opened") {
        stages.push(("cspr", "Local CSPR"));
    }
    let all_answered = !case.requests.is_empty() && case.requests.iter().all(|r| r.status == RequestStatus::Submitted);
    stages
        .into_iter()
        .map(|(key, title)| {
            let events: Vec<StageEntry> = case
                .timeline
                .iter()
                .filter(|s| stage_of_step(&s.step) == key)
                .map(|s| StageEntry { on: s.on, label: s.label.clone(), status: None })
                .collect();
            let mut deadlines: Vec<StageEntry> = case
                .clocks
                .iter()
                .filter(|c| stage_of_clock(c.kind) == key)
                .map(|c| StageEntry {
                    on: c.due_on,
                    label: format!("{} due", clock_title(c.kind, clock_agency(case, c))),
                    status: Some(c.status),
                })
                .collect();
            deadlines.sort_by_key(|d| d.on);
            let done = match key {
                "notification" => case.notification_sent_on.is_some(),
                "information" => all_answered || (case.stage != CaseStage::RapidReview && !case.requests.is_empty()),
                "meeting" => case.meeting.is_some(),
                "decision" => case.decision.is_some(),
                "report" => case.report_sent_on.is_some(),
                _ => false,
            };
            let open = deadlines.iter().any(|d| d.status.is_some_and(ClockStatus::is_open));
            // What the case waits for next: the meeting once agencies are asked; the decision
            // once the meeting has recommended.
            let next = match key {
                "meeting" => case.stage == CaseStage::RapidReview && !case.requests.is_empty(),
                "decision" => case.stage == CaseStage::AwaitingDecision,
                _ => false,
            };
            let state = if done && !open {
                StageState::Done
            } else if !events.is_empty() || open || next {
                StageState::Current
            } else {
                StageState::ToCome
            };
            TimelineStage { key, title, state, events, deadlines }
        })
        .collect()
}

/// The rows a meeting record starts with: one per core member.
pub fn core_member_rows() -> Vec<MeetingMember> {
    MemberRole::CORE
        .into_iter()
        .map(|role| MeetingMember { role, name: String::new(), designation: String::new(), agency: String::new() })
        .collect()
}

/// The words of a request's status.
pub fn request_status_label(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Sent => "Not started",
        RequestStatus::Draft => "In progress",
        RequestStatus::Submitted => "Answered",
    }
}

/// The dashboard's address for these filters (empty filters are left out).
pub fn dashboard_query(stage: Option<CaseStage>, agency: Option<uuid::Uuid>) -> String {
    let mut parts = Vec::new();
    if let Some(s) = stage {
        parts.push(format!("stage={}", s.as_str()));
    }
    if let Some(a) = agency {
        parts.push(format!("agency_id={a}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Reads the dashboard's filters from an address's query (`?stage=…&agency_id=…`); anything
/// unknown is ignored.
pub fn parse_dashboard_query(query: &str) -> (Option<CaseStage>, Option<uuid::Uuid>) {
    let mut stage = None;
    let mut agency = None;
    for pair in query.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some(("stage", v)) => stage = CaseStage::parse(v),
            Some(("agency_id", v)) => agency = v.parse().ok(),
            _ => {}
        }
    }
    (stage, agency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{DatedStep, InformationRequestView, Notification, RapidReviewMeeting};
    use chrono::Utc;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days_left_in_words() {
        assert_eq!(days_left_text(ClockStatus::OnTrack, 4), "4 working days left");
        assert_eq!(days_left_text(ClockStatus::DueSoon, 1), "1 working day left");
        assert_eq!(days_left_text(ClockStatus::DueSoon, 0), "Due today");
        assert_eq!(days_left_text(ClockStatus::Overdue, -3), "3 working days overdue");
        assert_eq!(days_left_text(ClockStatus::Overdue, 0), "Overdue");
        assert_eq!(days_left_text(ClockStatus::MetOnTime, 2), "Met with 2 working days to spare");
        assert_eq!(days_left_text(ClockStatus::MetOnTime, 0), "Met on the due date");
        assert_eq!(days_left_text(ClockStatus::MetLate, -1), "Met 1 working day late");
    }

    #[test]
    fn each_status_has_its_own_words_and_colour() {
        let all = [
            ClockStatus::OnTrack,
            ClockStatus::DueSoon,
            ClockStatus::Overdue,
            ClockStatus::MetOnTime,
            ClockStatus::MetLate,
        ];
        let labels: std::collections::HashSet<_> = all.iter().map(|s| status_label(*s)).collect();
        let classes: std::collections::HashSet<_> = all.iter().map(|s| status_class(*s)).collect();
        assert_eq!((labels.len(), classes.len()), (5, 5));
    }

    #[test]
    fn who_sees_which_pages() {
        assert!(may_read_cases(&[Role::Scrutineer]) && may_read_cases(&[Role::Reviewer]));
        assert!(!may_read_cases(&[Role::AgencyAuthor]) && !may_read_cases(&[Role::Referrer]));
        assert!(may_report_incident(&[Role::BusinessOffice]) && !may_report_incident(&[Role::StrategicLead]));
        assert!(answers_requests(&[Role::AgencyAuthor]) && !answers_requests(&[Role::BusinessOffice]));
    }

    #[test]
    fn a_meeting_starts_with_its_core_members() {
        assert_eq!(core_member_rows().iter().map(|m| m.role).collect::<Vec<_>>(), MemberRole::CORE.to_vec());
    }

    #[test]
    fn dashboard_filters_round_trip_through_the_address() {
        let a = uuid::Uuid::from_u128(7);
        assert_eq!(dashboard_query(None, None), "");
        let q = dashboard_query(Some(CaseStage::LocalCspr), Some(a));
        assert_eq!(q, format!("?stage=local_cspr&agency_id={a}"));
        assert_eq!(parse_dashboard_query(&q), (Some(CaseStage::LocalCspr), Some(a)));
        assert_eq!(parse_dashboard_query("?stage=nope&agency_id=x&y=z"), (None, None));
    }

    fn clock(kind: ClockKind, due: &str, status: ClockStatus, agency: Option<uuid::Uuid>) -> ClockView {
        ClockView {
            kind,
            case_id: uuid::Uuid::nil(),
            agency_id: agency,
            started_on: d("2026-11-02"),
            due_on: d(due),
            met_on: None,
            status,
            working_days_left: 0,
            warnings: Vec::new(),
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
        }
    }

    fn step(step: &str, on: &str) -> DatedStep {
        DatedStep { step: step.into(), on: d(on), label: step.replace('_', " ") }
    }

    fn case(stage: CaseStage) -> CaseView {
        CaseView {
            id: uuid::Uuid::nil(),
            reference: "2026-0001".into(),
            stage,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            notification: Notification::default(),
            notification_sent_on: None,
            requests: Vec::new(),
            meeting: None,
            decision: None,
            report_sent_on: None,
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
        let states: Vec<_> = t.iter().map(|s| (s.key, s.state)).collect();
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
        let states: Vec<_> = t.iter().map(|s| (s.key, s.state)).collect();
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
