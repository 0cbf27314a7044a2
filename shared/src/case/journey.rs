//! Cases as the browser app shows them: clock statuses in words, the rows a meeting form
//! starts with, and the dashboard's filters in its address. Who may see which page is in
//! [`super::scope`]; the timeline picture in [`super::timeline`].
use super::information::RequestStatus;
use super::meeting::{MeetingMember, MemberRole};
use super::stage::CaseStage;
use crate::calendar::{ClockKind, ClockStatus};

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
}
