//! The work on a case that handlers share: starting and stopping clocks, and turning rows
//! into what the API answers. The rules themselves (periods, statuses, moves) are in
//! `shared`.
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{new_id, CaseRow, ClockRow, InformationRequestRow};
use crate::store::cases as store;
use chrono::{DateTime, NaiveDate, Utc};
use shared::calendar::{CalendarWarning, ClockKind, ClockStatus, ClockView, WorkingCalendar};
use shared::case::*;
use shared::Role;

/// Today in the UK (the partnerships' date; GMT or British Summer Time).
pub fn today() -> NaiveDate {
    shared::calendar::uk_date(Utc::now())
}

pub fn utc(t: chrono::NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}

pub fn uuid_of(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

pub fn parse_json<T: serde::de::DeserializeOwned>(s: &str) -> ApiResult<T> {
    serde_json::from_str(s).map_err(|_| {
        tracing::error!("stored case JSON does not parse");
        ApiError::internal()
    })
}

pub fn to_json<T: serde::Serialize>(v: &T) -> ApiResult<String> {
    serde_json::to_string(v).map_err(|_| ApiError::internal())
}

pub fn stage_of(row: &CaseRow) -> ApiResult<CaseStage> {
    CaseStage::parse(&row.stage).ok_or_else(|| {
        tracing::error!(stage = %row.stage, "unknown case stage in database");
        ApiError::internal()
    })
}

pub fn facts_of(row: &CaseRow) -> CaseFacts {
    CaseFacts { notification_sent: row.notification_sent_on.is_some(), report_sent: row.report_sent_on.is_some() }
}

pub fn move_error(e: CaseMoveError) -> ApiError {
    match e {
        CaseMoveError::NotPermitted { .. } => ApiError::forbidden(),
        other => ApiError::invalid_stage(other.to_string()),
    }
}

/// Starts a clock of `kind` on `start`; its due date and any calendar warning are kept.
pub fn start_clock(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    case: &CaseRow,
    kind: ClockKind,
    start: NaiveDate,
    request: Option<&InformationRequestRow>,
) -> ApiResult<NaiveDate> {
    let (due, warnings) = kind
        .due(calendar, start)
        .ok_or_else(|| ApiError::malformed("the date is too far in the future to reckon a deadline from"))?;
    store::insert_clock(
        conn,
        &ClockRow {
            tenant_id: case.tenant_id.clone(),
            id: new_id(),
            case_id: case.id.clone(),
            kind: kind.as_str().into(),
            request_id: request.map(|r| r.id.clone()),
            agency_id: request.map(|r| r.agency_id.clone()),
            started_on: start,
            due_on: due,
            met_on: None,
            warnings: to_json(&warnings)?,
        },
    )?;
    Ok(due)
}

/// The due date a clock of `kind` started on `start` would have (for a request's row).
pub fn due_of(calendar: &WorkingCalendar, kind: ClockKind, start: NaiveDate) -> ApiResult<NaiveDate> {
    kind.due(calendar, start)
        .map(|(d, _)| d)
        .ok_or_else(|| ApiError::malformed("the date is too far in the future to reckon a deadline from"))
}

pub fn clock_view(calendar: &WorkingCalendar, today: NaiveDate, row: &ClockRow) -> ApiResult<ClockView> {
    let kind = ClockKind::parse(&row.kind).ok_or_else(|| {
        tracing::error!(kind = %row.kind, "unknown clock kind in database");
        ApiError::internal()
    })?;
    let (status, left) = ClockStatus::of(calendar, today, row.due_on, row.met_on);
    let warnings: Vec<CalendarWarning> = parse_json(&row.warnings)?;
    Ok(ClockView {
        kind,
        case_id: uuid_of(&row.case_id),
        agency_id: row.agency_id.as_deref().map(uuid_of),
        started_on: row.started_on,
        due_on: row.due_on,
        met_on: row.met_on,
        status,
        working_days_left: left,
        warnings,
    })
}

/// A request as answered. `full` adds the answer and the notification it asks about.
pub fn request_view(
    calendar: &WorkingCalendar,
    today: NaiveDate,
    row: &InformationRequestRow,
    (agency_name, case_reference): (&str, &str),
    notification: Option<&str>,
    can_answer: bool,
    full: bool,
) -> ApiResult<InformationRequestView> {
    let status = RequestStatus::parse(&row.status).ok_or_else(|| {
        tracing::error!(status = %row.status, "unknown request status in database");
        ApiError::internal()
    })?;
    let (clock_status, left) = ClockStatus::of(calendar, today, row.due_on, row.submitted_on);
    Ok(InformationRequestView {
        id: uuid_of(&row.id),
        case_id: uuid_of(&row.case_id),
        case_reference: case_reference.to_string(),
        agency_id: uuid_of(&row.agency_id),
        agency_name: agency_name.to_string(),
        sent_on: row.sent_on,
        due_on: row.due_on,
        status,
        clock_status,
        working_days_left: left,
        submitted_on: row.submitted_on,
        reminders: row.reminders.max(0) as u32,
        last_reminded_on: row.last_reminded_on,
        response: if full { row.response.as_deref().map(parse_json).transpose()? } else { None },
        notification: if full { notification.map(parse_json).transpose()? } else { None },
        can_answer: can_answer && status != RequestStatus::Submitted,
    })
}

pub fn summary(row: &CaseRow) -> ApiResult<CaseSummary> {
    Ok(CaseSummary {
        id: uuid_of(&row.id),
        reference: row.reference.clone(),
        stage: stage_of(row)?,
        la_aware_on: row.la_aware_on,
        created_at: utc(row.created_at),
    })
}

fn step(step: &str, on: NaiveDate, label: impl Into<String>) -> DatedStep {
    DatedStep { step: step.into(), on, label: label.into() }
}

/// The whole case as its readers see it.
pub fn case_view(conn: &mut DbConn, calendar: &WorkingCalendar, row: &CaseRow, roles: &[Role]) -> ApiResult<CaseView> {
    let today = today();
    let stage = stage_of(row)?;
    let requests = store::requests_of_case(conn, &row.tenant_id, &row.id)?;
    let clocks = store::clocks_of_case(conn, &row.tenant_id, &row.id)?;
    let notification: Notification = parse_json(&row.notification)?;
    let meeting: Option<RapidReviewMeeting> = row.meeting.as_deref().map(parse_json).transpose()?;
    let decision: Option<CaseDecision> = row.decision.as_deref().map(parse_json).transpose()?;

    let mut timeline = vec![step("aware", row.la_aware_on, "Local authority became aware")];
    if let Some(on) = row.notification_sent_on {
        timeline.push(step("notification_sent", on, "Notification sent to the National Panel"));
    }
    let mut sent_days: Vec<NaiveDate> = requests.iter().map(|(r, _)| r.sent_on).collect();
    sent_days.dedup();
    for on in sent_days {
        let n = requests.iter().filter(|(r, _)| r.sent_on == on).count();
        let agencies = if n == 1 { "agency" } else { "agencies" };
        timeline.push(step("requests_sent", on, format!("Information requested from {n} {agencies}")));
    }
    for (r, agency) in &requests {
        if let Some(on) = r.submitted_on {
            timeline.push(step("information_received", on, format!("Information received from {agency}")));
        }
    }
    if let Some(on) = meeting.as_ref().and_then(|m| m.held_on) {
        timeline.push(step("meeting", on, "Rapid Review meeting"));
    }
    if let (Some(on), Some(outcome)) = (row.decided_on, decision.as_ref().and_then(|d| d.outcome)) {
        timeline.push(step("decision", on, format!("Decision: {}", outcome.label())));
        if outcome == RapidReviewOutcome::LocalCspr {
            timeline.push(step("cspr_opened", on, "Local CSPR opened"));
        }
    }
    if let Some(on) = row.report_sent_on {
        timeline.push(step("report_sent", on, "Rapid Review report sent to the National Panel"));
    }
    timeline.sort_by_key(|s| s.on);

    let request_views = requests
        .iter()
        .map(|(r, agency)| request_view(calendar, today, r, (agency, &row.reference), None, false, true))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(CaseView {
        id: uuid_of(&row.id),
        reference: row.reference.clone(),
        stage,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
        notification,
        notification_sent_on: row.notification_sent_on,
        requests: request_views,
        meeting,
        decision,
        report_sent_on: row.report_sent_on,
        clocks: clocks.iter().map(|c| clock_view(calendar, today, c)).collect::<ApiResult<Vec<_>>>()?,
        timeline,
        allowed_actions: case_actions(stage, facts_of(row), roles),
    })
}
