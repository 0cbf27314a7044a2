//! The checks of each step of a case, including those that need the case itself (no date
//! before the local authority became aware; no agency asked twice). The server runs them
//! in [`super::transition`]; the browser runs the same before sending.
use super::decision::{validate_decision, CaseDecision};
use super::information::{validate_send_requests, SendRequests};
use super::meeting::{validate_meeting, RapidReviewMeeting};
use super::notification::{validate_notification, Notification};
use crate::FieldError;
use chrono::NaiveDate;
use uuid::Uuid;

/// What a case's own checks need of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseDates {
    /// The day the local authority became aware: the case begins here.
    pub la_aware_on: NaiveDate,
    /// The day the strategic leads decided, once they have.
    pub decided_on: Option<NaiveDate>,
}

/// How many of a case's requests to agencies are not answered yet.
pub type Outstanding = usize;

/// A new notification; `referral_found` says whether the referral it names (if any) is a
/// submitted referral of this partnership.
pub fn check_notification(n: &Notification, referral_found: bool, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = validate_notification(n, today);
    if n.referral_id.is_some() && !referral_found {
        errors.push(FieldError::new(
            "referral_id",
            "not_found",
            "There is no such submitted referral in this partnership",
        ));
    }
    errors
}

/// The date something was sent to the National Panel (`what`: "the notification").
pub fn check_sent_on(sent_on: NaiveDate, case: &CaseDates, today: NaiveDate, what: &str) -> Vec<FieldError> {
    if sent_on > today {
        vec![FieldError::new("sent_on", "in_future", format!("The date {what} was sent must be today or in the past"))]
    } else if sent_on < case.la_aware_on {
        vec![FieldError::new("sent_on", "invalid", format!("The date {what} was sent is before the case began"))]
    } else {
        Vec::new()
    }
}

/// The date a report went to the National Panel: it follows the decision it reports.
pub fn check_report_sent_on(sent_on: NaiveDate, case: &CaseDates, today: NaiveDate, what: &str) -> Vec<FieldError> {
    let errors = check_sent_on(sent_on, case, today, what);
    match case.decided_on {
        Some(decided) if errors.is_empty() && sent_on < decided => vec![FieldError::new(
            "sent_on",
            "invalid",
            format!("The date {what} was sent must be on or after the decision, {}", decided.format("%-d %B %Y")),
        )],
        _ => errors,
    }
}

/// The date something was sent, as entered in a form (it may be empty).
pub fn check_sent_on_entered(
    sent_on: Option<NaiveDate>,
    case: &CaseDates,
    today: NaiveDate,
    what: &str,
) -> Vec<FieldError> {
    match sent_on {
        Some(d) => check_sent_on(d, case, today, what),
        None => vec![FieldError::new("sent_on", "required", format!("Enter the date {what} was sent"))],
    }
}

/// Requests to agencies: `known` are the partnership's agencies, `asked` those this case
/// has asked already.
pub fn check_send_requests(s: &SendRequests, asked: &[Uuid], known: &[Uuid], today: NaiveDate) -> Vec<FieldError> {
    let mut errors = validate_send_requests(s, today);
    if !errors.is_empty() {
        return errors;
    }
    for (i, agency) in s.agency_ids.iter().enumerate() {
        if !known.contains(agency) {
            errors.push(FieldError::new(format!("agency_ids[{i}]"), "not_found", "There is no such agency here"));
        } else if asked.contains(agency) {
            errors.push(FieldError::new(format!("agency_ids[{i}]"), "duplicate", "This agency has been asked already"));
        }
    }
    errors
}

/// The Rapid Review meeting, held on or after the case began, once the agencies'
/// information is collated: with `outstanding` requests unanswered it needs a reason.
pub fn check_meeting(
    m: &RapidReviewMeeting,
    case: &CaseDates,
    outstanding: Outstanding,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = validate_meeting(m, today);
    if outstanding > 0 && crate::text::is_blank(&m.outstanding_reason) {
        let what = if outstanding == 1 { "1 agency has".to_string() } else { format!("{outstanding} agencies have") };
        errors.push(FieldError::new(
            "outstanding_reason",
            "required",
            format!("{what} not answered yet: enter why the meeting went ahead without their information"),
        ));
    } else if m.outstanding_reason.chars().count() > crate::text::MAX_TEXT {
        errors.push(FieldError::new(
            "outstanding_reason",
            "too_long",
            format!("The reason must be {} characters or fewer", crate::text::MAX_TEXT),
        ));
    }
    if !errors.is_empty() {
        return errors;
    }
    if m.held_on.is_some_and(|d| d < case.la_aware_on) {
        return vec![FieldError::new(
            "held_on",
            "invalid",
            "The meeting must be on or after the date the local authority became aware",
        )];
    }
    errors
}

/// The strategic leads' decision, made on or after the case began.
pub fn check_decision(d: &CaseDecision, case: &CaseDates, today: NaiveDate) -> Vec<FieldError> {
    let errors = validate_decision(d, today);
    if !errors.is_empty() {
        return errors;
    }
    if d.decided_on.is_some_and(|on| on < case.la_aware_on) {
        return vec![FieldError::new(
            "decided_on",
            "invalid",
            "The decision must be on or after the date the local authority became aware",
        )];
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::RapidReviewOutcome;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const CASE: CaseDates = CaseDates { la_aware_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(), decided_on: None };

    #[test]
    fn nothing_is_sent_before_the_case_began_or_in_the_future() {
        let today = d("2026-11-20");
        assert!(check_sent_on(d("2026-11-02"), &CASE, today, "the report").is_empty());
        assert_eq!(check_sent_on(d("2026-11-01"), &CASE, today, "the report")[0].code, "invalid");
        assert_eq!(check_sent_on(d("2026-11-21"), &CASE, today, "the report")[0].code, "in_future");
        assert_eq!(check_sent_on_entered(None, &CASE, today, "the report")[0].code, "required");
        assert!(check_sent_on_entered(Some(d("2026-11-20")), &CASE, today, "the report").is_empty());
        let decided = CaseDates { decided_on: Some(d("2026-11-10")), ..CASE };
        assert_eq!(check_report_sent_on(d("2026-11-09"), &decided, today, "the report")[0].field, "sent_on");
        assert!(check_report_sent_on(d("2026-11-10"), &decided, today, "the report").is_empty());
    }

    #[test]
    fn agencies_are_known_and_asked_once() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let send = SendRequests { agency_ids: vec![a, b, c], sent_on: None };
        let errors = check_send_requests(&send, &[b], &[a, b], d("2026-11-20"));
        let got: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(got, vec![("agency_ids[1]", "duplicate"), ("agency_ids[2]", "not_found")]);
    }

    #[test]
    fn the_decision_and_meeting_are_not_before_the_case() {
        let today = d("2026-11-20");
        let decision = CaseDecision {
            outcome: Some(RapidReviewOutcome::LocalCspr),
            rationale: "r".into(),
            decided_on: Some(d("2026-11-01")),
            ..Default::default()
        };
        assert_eq!(check_decision(&decision, &CASE, today)[0].field, "decided_on");
        let on_time = CaseDecision { decided_on: Some(d("2026-11-02")), ..decision };
        assert!(check_decision(&on_time, &CASE, today).is_empty());
        let empty = RapidReviewMeeting { held_on: Some(d("2026-10-01")), ..Default::default() };
        assert_ne!(check_meeting(&empty, &CASE, 0, today)[0].field, "held_on", "the boxes are checked first");
        let complete = crate::case::meeting::tests::complete();
        assert!(check_meeting(&complete, &CASE, 0, today).is_empty());
        assert_eq!(check_meeting(&complete, &CASE, 2, today)[0].field, "outstanding_reason");
        let explained = RapidReviewMeeting { outstanding_reason: "The GP is closed".into(), ..complete };
        assert!(check_meeting(&explained, &CASE, 2, today).is_empty());
    }

    #[test]
    fn a_notification_names_only_a_referral_found() {
        let today = d("2026-11-20");
        let n = Notification { referral_id: Some(Uuid::from_u128(9)), ..Default::default() };
        assert!(check_notification(&n, false, today).iter().any(|e| e.field == "referral_id"));
        assert!(!check_notification(&n, true, today).iter().any(|e| e.field == "referral_id"));
    }
}
