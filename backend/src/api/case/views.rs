//! The case's answers, made from its rows; the words and rules come from `shared::case`.
use crate::api::today;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::models::{CaseRow, ClockExtensionRow, ClockRow, InformationRequestRow};
use crate::stamp::utc;
use crate::store::case as store;
use chrono::NaiveDate;
use shared::calendar::{ClockExtension, ClockStatus, ClockView, WorkingCalendar};
use shared::case::*;
use shared::Role;

pub fn clock_view(calendar: &WorkingCalendar, today: NaiveDate, row: &ClockRow) -> ApiResult<ClockView> {
    let (status, left) = ClockStatus::of(calendar, today, row.due_on, row.met_on);
    let rule = row.rule.decode()?;
    Ok(ClockView {
        kind: row.kind,
        case_id: Some(row.case_id.uuid()),
        referral_id: None,
        agency_id: row.agency_id.map(|a| a.uuid()),
        started_on: row.started_on,
        due_on: row.due_on,
        met_on: row.met_on,
        status,
        working_days_left: left,
        warnings: row.warnings.decode()?,
        rule_description: rule.describe(),
        rule,
        extensions: Vec::new(),
    })
}

pub fn extension_view(row: &ClockExtensionRow) -> ClockExtension {
    ClockExtension {
        previous_due_on: row.previous_due_on,
        due_on: row.due_on,
        reason: row.reason.clone(),
        panel_advised: row.panel_advised,
        panel_advised_on: row.panel_advised_on,
        recorded_on: row.recorded_on,
    }
}

/// What a request's answer shows besides the request: `full` adds the answer and the
/// notification it asks about (absent in lists).
pub struct RequestParts<'a> {
    pub agency_name: &'a str,
    pub case_reference: &'a str,
    pub notification: Option<&'a crate::columns::Json<Notification>>,
    pub can_answer: bool,
    pub full: bool,
}

pub fn request_view(
    calendar: &WorkingCalendar,
    today: NaiveDate,
    row: &InformationRequestRow,
    parts: RequestParts<'_>,
) -> ApiResult<InformationRequestView> {
    let (clock_status, left) = ClockStatus::of(calendar, today, row.due_on, row.submitted_on);
    Ok(InformationRequestView {
        id: row.id.uuid(),
        case_id: row.case_id.uuid(),
        case_reference: parts.case_reference.to_string(),
        agency_id: row.agency_id.uuid(),
        agency_name: parts.agency_name.to_string(),
        sent_on: row.sent_on,
        due_on: row.due_on,
        status: row.status,
        clock_status,
        working_days_left: left,
        submitted_on: row.submitted_on,
        reminders: row.reminders.max(0) as u32,
        last_reminded_on: row.last_reminded_on,
        response: if parts.full && (RequestAccess { answer: parts.can_answer }).sees_answer(row.status) {
            row.response.as_ref().map(|r| r.decode()).transpose()?
        } else {
            None
        },
        notification: if parts.full { parts.notification.map(|n| n.decode()).transpose()? } else { None },
        can_answer: parts.can_answer && row.status != RequestStatus::Submitted,
        version: row.version,
    })
}

pub fn summary(row: &CaseRow) -> CaseSummary {
    CaseSummary {
        id: row.id.uuid(),
        reference: row.reference.clone(),
        stage: row.stage,
        la_aware_on: row.la_aware_on,
        created_at: utc(row.created_at),
    }
}

/// The whole case as its readers see it.
pub fn case_view(conn: &mut DbConn, calendar: &WorkingCalendar, row: &CaseRow, roles: &[Role]) -> ApiResult<CaseView> {
    let today = today();
    let requests = store::requests_of_case(conn, &row.tenant_id, &row.id)?;
    let clocks = store::clocks_of_case(conn, &row.tenant_id, &row.id)?;
    let meeting: Option<RapidReviewMeeting> = row.meeting.as_ref().map(|m| m.decode()).transpose()?;
    let decision: Option<CaseDecision> = row.decision.as_ref().map(|d| d.decode()).transpose()?;
    let extensions = store::extensions_of_case(conn, &row.tenant_id, &row.id)?;
    let observations: Vec<Observation> = row.observations.decode()?;
    let history = CaseHistory {
        la_aware_on: row.la_aware_on,
        notification_sent_on: row.notification_sent_on,
        requests: requests
            .iter()
            .map(|(r, name)| AskedAgency { name, sent_on: r.sent_on, answered_on: r.submitted_on })
            .collect(),
        meeting_on: meeting.as_ref().and_then(|m| m.held_on),
        meeting_outstanding_reason: meeting.as_ref().map(|m| m.outstanding_reason.as_str()),
        observed_on: observations.iter().map(|o| o.on).collect(),
        decision: row.decided_on.zip(decision.as_ref().and_then(|d| d.outcome)),
        report_sent_on: row.report_sent_on,
        // the review's own deadline (an agency report's is on the review's steps)
        extensions: extensions
            .iter()
            .filter(|e| {
                clocks.iter().any(|c| c.id == e.clock_id && c.kind == shared::calendar::ClockKind::CsprCompletion)
            })
            .map(|e| (e.recorded_on, e.due_on))
            .collect(),
        final_report_sent_on: row.final_report_sent_on,
        cspr: {
            let mut steps = crate::api::cspr::timeline_steps(conn, row)?;
            steps.extend(crate::api::overview::timeline_steps(conn, row)?);
            steps
        },
    };
    let timeline = dated_steps(&history);
    let request_views = requests
        .iter()
        .map(|(r, agency_name)| {
            let parts = RequestParts {
                agency_name,
                case_reference: &row.reference,
                notification: None,
                can_answer: false,
                full: true,
            };
            request_view(calendar, today, r, parts)
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let clocks = clocks
        .iter()
        .map(|c| {
            let mut view = clock_view(calendar, today, c)?;
            view.extensions = extensions.iter().filter(|e| e.clock_id == c.id).map(extension_view).collect();
            Ok(view)
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(CaseView {
        id: row.id.uuid(),
        reference: row.reference.clone(),
        stage: row.stage,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
        la_aware_on: row.la_aware_on,
        notification: row.notification.decode()?,
        notification_sent_on: row.notification_sent_on,
        requests: request_views,
        meeting,
        decision,
        report_sent_on: row.report_sent_on,
        observations,
        final_report_sent_on: row.final_report_sent_on,
        clocks,
        timeline,
        allowed_actions: case_actions(row.stage, store::facts(row), roles),
    })
}
