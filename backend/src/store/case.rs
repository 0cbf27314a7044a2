//! Cases, their information requests and their clocks: the queries (each within one
//! partnership; the open clocks by a `ClockFilter` that the caller's `CaseScope` made), and
//! the writing of what a step does ([`advance`], [`advance_answer`]: the effects
//! `shared::case` decides).
mod clock_page;

use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, CaseRow, ClockExtensionRow, ClockRow, InformationRequestRow};
use crate::on_backend;
use crate::schema::{agencies, cases as c, clock_extensions as x, clocks as k, information_requests as r, tenants};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::calendar::{ClockExtension, ClockKind, ClockRule, WorkingCalendar};
use shared::case::{
    AnswerEffect, AnswerTransition, CaseDates, CaseEffect, CaseFacts, CaseStage, CaseState, CaseTransition,
    ClockFilter, RequestStatus,
};

/// The next reference of the year in the tenant (`2026-0007`). On PostgreSQL the tenant's
/// row is locked first so that two creations cannot take the same number; SQLite writes
/// one at a time already.
pub fn next_reference(conn: &mut DbConn, tenant_id: &str, year: i32) -> QueryResult<String> {
    if let DbConn::Pg(pg) = conn {
        tenants::table.find(tenant_id).select(tenants::id).for_update().first::<String>(pg)?;
    }
    let prefix = format!("{year}-");
    let taken: i64 = c::table
        .filter(c::tenant_id.eq(tenant_id))
        .filter(c::reference.like(format!("{prefix}%")))
        .count()
        .get_result(conn)?;
    Ok(format!("{prefix}{:04}", taken + 1))
}

pub fn insert(conn: &mut DbConn, row: &CaseRow) -> QueryResult<()> {
    diesel::insert_into(c::table).values(row).execute(conn).map(|_| ())
}

pub fn get(conn: &mut DbConn, tenant_id: &str, id: &str) -> QueryResult<Option<CaseRow>> {
    on_backend!(conn, |x| c::table.find((tenant_id, id)).first(x).optional())
}

/// Writes the case back, only if it is still at `expected_stage` and at the version it was
/// read at (no lost updates: two steps read at once cannot both be written), raising the
/// version.
pub fn update(conn: &mut DbConn, row: &mut CaseRow, expected_stage: CaseStage) -> QueryResult<bool> {
    let read_at = row.version;
    row.version += 1;
    let n = diesel::update(
        c::table.find((&row.tenant_id, &row.id)).filter(c::stage.eq(expected_stage)).filter(c::version.eq(read_at)),
    )
    .set((
        c::version.eq(row.version),
        c::stage.eq(&row.stage),
        c::notification_sent_on.eq(row.notification_sent_on),
        c::meeting.eq(&row.meeting),
        c::decision.eq(&row.decision),
        c::decided_on.eq(row.decided_on),
        c::report_sent_on.eq(row.report_sent_on),
        c::observations.eq(&row.observations),
        c::final_report_sent_on.eq(row.final_report_sent_on),
        c::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A page of the tenant's cases, newest first, and the total.
pub fn list(
    conn: &mut DbConn,
    tenant_id: &str,
    stage: Option<CaseStage>,
    page: u32,
    per_page: u32,
) -> QueryResult<(Vec<CaseRow>, i64)> {
    let limit = i64::from(per_page);
    let offset = i64::from(page - 1) * limit;
    let mut q = c::table.filter(c::tenant_id.eq(tenant_id)).into_boxed();
    let mut count = c::table.filter(c::tenant_id.eq(tenant_id)).into_boxed();
    if let Some(s) = stage {
        q = q.filter(c::stage.eq(s));
        count = count.filter(c::stage.eq(s));
    }
    let rows = q.order((c::created_at.desc(), c::id.desc())).limit(limit).offset(offset).load(conn)?;
    let total = count.count().get_result(conn)?;
    Ok((rows, total))
}

pub fn insert_request(conn: &mut DbConn, row: &InformationRequestRow) -> QueryResult<()> {
    diesel::insert_into(r::table).values(row).execute(conn).map(|_| ())
}

/// A case's requests with the name of the agency asked.
pub fn requests_of_case(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
) -> QueryResult<Vec<(InformationRequestRow, String)>> {
    r::table
        .inner_join(agencies::table.on(agencies::tenant_id.eq(r::tenant_id).and(agencies::id.eq(r::agency_id))))
        .filter(r::tenant_id.eq(tenant_id))
        .filter(r::case_id.eq(case_id))
        .order((r::sent_on.asc(), agencies::name.asc()))
        .select((r::all_columns, agencies::name))
        .load(conn)
}

/// Requests to one agency (its authors' list), soonest due first, with the case reference
/// and the agency's name.
pub fn requests_of_agency(
    conn: &mut DbConn,
    tenant_id: &str,
    agency_id: &str,
) -> QueryResult<Vec<(InformationRequestRow, String, String)>> {
    r::table
        .inner_join(agencies::table.on(agencies::tenant_id.eq(r::tenant_id).and(agencies::id.eq(r::agency_id))))
        .inner_join(c::table.on(c::tenant_id.eq(r::tenant_id).and(c::id.eq(r::case_id))))
        .filter(r::tenant_id.eq(tenant_id))
        .filter(r::agency_id.eq(agency_id))
        .order((r::due_on.asc(), r::id.asc()))
        .select((r::all_columns, c::reference, agencies::name))
        .load(conn)
}

pub fn get_request(
    conn: &mut DbConn,
    tenant_id: &str,
    id: &str,
) -> QueryResult<Option<(InformationRequestRow, String)>> {
    r::table
        .inner_join(agencies::table.on(agencies::tenant_id.eq(r::tenant_id).and(agencies::id.eq(r::agency_id))))
        .filter(r::tenant_id.eq(tenant_id))
        .filter(r::id.eq(id))
        .select((r::all_columns, agencies::name))
        .first(conn)
        .optional()
}

/// Writes the request back, only if it is still at `expected_status`.
pub fn update_request(
    conn: &mut DbConn,
    row: &InformationRequestRow,
    expected_status: RequestStatus,
) -> QueryResult<bool> {
    let n = diesel::update(r::table.find((&row.tenant_id, &row.id)).filter(r::status.eq(expected_status)))
        .set((
            r::status.eq(&row.status),
            r::response.eq(&row.response),
            r::submitted_on.eq(row.submitted_on),
            r::reminders.eq(row.reminders),
            r::last_reminded_on.eq(row.last_reminded_on),
            r::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Writes the agency's answer back if the request is still at the status and version it was
/// read at, raising the version (a reminder leaves the version alone: it changes nothing the
/// agency wrote); `false` when another write came first.
fn update_answer(
    conn: &mut DbConn,
    row: &mut InformationRequestRow,
    expected_status: RequestStatus,
) -> QueryResult<bool> {
    let read_at = row.version;
    row.version += 1;
    let n = diesel::update(
        r::table.find((&row.tenant_id, &row.id)).filter(r::status.eq(expected_status)).filter(r::version.eq(read_at)),
    )
    .set((
        r::status.eq(&row.status),
        r::response.eq(&row.response),
        r::submitted_on.eq(row.submitted_on),
        r::updated_at.eq(row.updated_at),
        r::version.eq(row.version),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn insert_clock(conn: &mut DbConn, row: &ClockRow) -> QueryResult<()> {
    diesel::insert_into(k::table).values(row).execute(conn).map(|_| ())
}

/// Stops the open clocks of a kind on a case (of one request, when given).
pub fn meet_clocks(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
    kind: ClockKind,
    request_id: Option<&str>,
    on: NaiveDate,
) -> QueryResult<usize> {
    let q = k::table
        .filter(k::tenant_id.eq(tenant_id))
        .filter(k::case_id.eq(case_id))
        .filter(k::kind.eq(kind))
        .filter(k::met_on.is_null());
    match request_id {
        Some(rid) => diesel::update(q.filter(k::request_id.eq(rid))).set(k::met_on.eq(on)).execute(conn),
        None => diesel::update(q).set(k::met_on.eq(on)).execute(conn),
    }
}

pub fn clocks_of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<ClockRow>> {
    k::table
        .filter(k::tenant_id.eq(tenant_id))
        .filter(k::case_id.eq(case_id))
        .order((k::due_on.asc(), k::id.asc()))
        .load(conn)
}

/// An open clock with its case's reference and stage.
pub type OpenClock = (ClockRow, String, CaseStage);

/// The tenant's open clocks, soonest due first, with the case's reference and stage; one
/// page and the total. The plain dashboard (no filter) is one prepared statement
/// ([`clock_page`]). With an agency or kind filter the clocks are read alone (in the
/// order of the partial index of open clocks) and their cases after, by id: a plain join
/// made PostgreSQL read every case of the tenant (seen with `EXPLAIN ANALYZE` under
/// `cargo xtask bench`).
pub fn open_clocks(
    conn: &mut DbConn,
    tenant_id: &str,
    filter: &ClockFilter,
    page: u32,
    per_page: u32,
) -> QueryResult<(Vec<OpenClock>, i64)> {
    if filter.stage.is_some() {
        return open_clocks_of_stage(conn, tenant_id, filter, page, per_page);
    }
    let limit = i64::from(per_page);
    let offset = i64::from(page - 1) * limit;
    let open = k::table.filter(k::tenant_id.eq(tenant_id)).filter(k::met_on.is_null());
    let agency = filter.agency.map(|a| a.to_string());
    if agency.is_none() && filter.kinds.is_none() {
        let page = clock_page::OpenClockPage { tenant_id, limit, offset };
        let rows: Vec<clock_page::PageRow> = on_backend!(conn, |x| page.load(x))?;
        let total = match rows.first() {
            Some((_, _, _, total)) => *total,
            None if offset == 0 => 0,
            None => on_backend!(conn, |x| open.count().get_result(x))?,
        };
        return Ok((rows.into_iter().map(|(clock, reference, stage, _)| (clock, reference, stage)).collect(), total));
    }
    macro_rules! filtered {
        () => {{
            let mut q = k::table.filter(k::tenant_id.eq(tenant_id)).filter(k::met_on.is_null()).into_boxed();
            if let Some(a) = &agency {
                q = q.filter(k::agency_id.eq(a.clone()));
            }
            if let Some(kinds) = &filter.kinds {
                q = q.filter(k::kind.eq_any(kinds.clone()));
            }
            q
        }};
    }
    let rows: Vec<ClockRow> =
        filtered!().order((k::due_on.asc(), k::id.asc())).limit(limit).offset(offset).load(conn)?;
    let total = if offset == 0 && (rows.len() as i64) < limit {
        rows.len() as i64
    } else {
        filtered!().count().get_result(conn)?
    };
    let mut ids: Vec<&str> = rows.iter().map(|r| r.case_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let of_ids =
        c::table.filter(c::tenant_id.eq(tenant_id)).filter(c::id.eq_any(&ids)).select((c::id, c::reference, c::stage));
    let found: Vec<(String, String, CaseStage)> = on_backend!(conn, |x| of_ids.load(x))?;
    let cases: std::collections::HashMap<String, (String, CaseStage)> =
        found.into_iter().map(|(id, reference, stage)| (id, (reference, stage))).collect();
    let rows = rows
        .into_iter()
        .filter_map(|r| {
            let (reference, stage) = cases.get(r.case_id.as_str())?.clone();
            Some((r, reference, stage))
        })
        .collect();
    Ok((rows, total))
}

/// The open clocks of cases at one stage (a join: the stage is the case's).
fn open_clocks_of_stage(
    conn: &mut DbConn,
    tenant_id: &str,
    filter: &ClockFilter,
    page: u32,
    per_page: u32,
) -> QueryResult<(Vec<OpenClock>, i64)> {
    let limit = i64::from(per_page);
    let offset = i64::from(page - 1) * limit;
    let agency = filter.agency.map(|a| a.to_string());
    macro_rules! filtered {
        () => {{
            let mut q = k::table
                .inner_join(c::table.on(c::tenant_id.eq(k::tenant_id).and(c::id.eq(k::case_id))))
                .filter(k::tenant_id.eq(tenant_id))
                .filter(k::met_on.is_null())
                .into_boxed();
            if let Some(s) = &filter.stage {
                q = q.filter(c::stage.eq(*s));
            }
            if let Some(a) = &agency {
                q = q.filter(k::agency_id.eq(a.clone()));
            }
            if let Some(kinds) = &filter.kinds {
                q = q.filter(k::kind.eq_any(kinds.clone()));
            }
            q
        }};
    }
    let rows = filtered!()
        .order((k::due_on.asc(), k::id.asc()))
        .limit(limit)
        .offset(offset)
        .select((k::all_columns, c::reference, c::stage))
        .load(conn)?;
    let total = if offset == 0 && (rows.len() as i64) < limit {
        rows.len() as i64
    } else {
        filtered!().count().get_result(conn)?
    };
    Ok((rows, total))
}

/// The agencies a case has asked already.
pub fn asked_agencies(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<uuid::Uuid>> {
    let ids: Vec<Id> =
        r::table.filter(r::tenant_id.eq(tenant_id)).filter(r::case_id.eq(case_id)).select(r::agency_id).load(conn)?;
    Ok(ids.iter().map(Id::uuid).collect())
}

/// Starts a clock of `kind` on `start` for the case under `rule`; its due date and any
/// calendar warning are kept, with the rule.
fn start_clock(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    case: &CaseRow,
    kind: ClockKind,
    start: NaiveDate,
    rule: &ClockRule,
) -> ApiResult<()> {
    // A clock of a kind starts once per case (its rules never start one twice; this keeps
    // it so whatever the data says).
    let started: i64 = k::table
        .filter(k::tenant_id.eq(&case.tenant_id))
        .filter(k::case_id.eq(&case.id))
        .filter(k::kind.eq(kind))
        .count()
        .get_result(conn)?;
    if started > 0 {
        return Ok(());
    }
    insert_clock_due(conn, case, (kind, rule), start, due(calendar, rule, start)?, None)
}

/// Inserts a clock whose due date (and any calendar warning) is reckoned already.
fn insert_clock_due(
    conn: &mut DbConn,
    case: &CaseRow,
    (kind, rule): (ClockKind, &ClockRule),
    start: NaiveDate,
    (due, warnings): (NaiveDate, Vec<shared::calendar::CalendarWarning>),
    request: Option<&InformationRequestRow>,
) -> ApiResult<()> {
    let clock = ClockRow {
        tenant_id: case.tenant_id.clone(),
        id: Id::new(),
        case_id: case.id,
        kind,
        request_id: request.map(|r| r.id),
        agency_id: request.map(|r| r.agency_id),
        started_on: start,
        due_on: due,
        met_on: None,
        warnings: Json::encode(&warnings)?,
        rule: Json::encode(rule)?,
    };
    insert_clock(conn, &clock)?;
    Ok(())
}

/// The due date of a clock started on `start` under `rule`.
pub fn due(
    calendar: &WorkingCalendar,
    rule: &ClockRule,
    start: NaiveDate,
) -> ApiResult<(NaiveDate, Vec<shared::calendar::CalendarWarning>)> {
    rule.due(calendar, start)
        .ok_or_else(|| ApiError::malformed("the date is too far in the future to reckon a deadline from"))
}

/// The open clock of a kind on a case, if any.
fn open_clock(conn: &mut DbConn, tenant_id: &str, case_id: &str, kind: ClockKind) -> QueryResult<Option<ClockRow>> {
    k::table
        .filter(k::tenant_id.eq(tenant_id))
        .filter(k::case_id.eq(case_id))
        .filter(k::kind.eq(kind))
        .filter(k::met_on.is_null())
        .first(conn)
        .optional()
}

/// Moves the due date of the case's open clock of a kind, keeping the extension.
fn extend_clock(conn: &mut DbConn, case: &CaseRow, kind: ClockKind, e: ClockExtension) -> ApiResult<()> {
    let clock = open_clock(conn, &case.tenant_id, &case.id, kind)?
        .ok_or_else(|| ApiError::invalid_stage("the review has no open clock to extend"))?;
    move_due(conn, &clock, e)
}

/// Moves an open clock's due date, keeping the extension: refused when the clock was met or
/// moved meanwhile.
pub fn move_due(conn: &mut DbConn, clock: &ClockRow, e: ClockExtension) -> ApiResult<()> {
    let moved = diesel::update(
        k::table
            .filter(k::tenant_id.eq(&clock.tenant_id))
            .filter(k::id.eq(&clock.id))
            .filter(k::due_on.eq(e.previous_due_on))
            .filter(k::met_on.is_null()),
    )
    .set(k::due_on.eq(e.due_on))
    .execute(conn)?;
    if moved != 1 {
        return Err(ApiError::invalid_stage("the clock changed meanwhile: reload the case and try again"));
    }
    let row = ClockExtensionRow {
        tenant_id: clock.tenant_id.clone(),
        id: Id::new(),
        clock_id: clock.id,
        previous_due_on: e.previous_due_on,
        due_on: e.due_on,
        reason: e.reason,
        panel_advised: e.panel_advised,
        panel_advised_on: e.panel_advised_on,
        recorded_on: e.recorded_on,
        created_at: now(),
    };
    diesel::insert_into(x::table).values(&row).execute(conn)?;
    Ok(())
}

/// The extensions of these clocks, oldest first (the dashboard's page of clocks).
pub fn extensions_of_clocks(
    conn: &mut DbConn,
    tenant_id: &str,
    clock_ids: &[&str],
) -> QueryResult<Vec<ClockExtensionRow>> {
    if clock_ids.is_empty() {
        return Ok(Vec::new());
    }
    on_backend!(conn, |c| x::table
        .filter(x::tenant_id.eq(tenant_id))
        .filter(x::clock_id.eq_any(clock_ids))
        .order((x::created_at.asc(), x::id.asc()))
        .load(c))
}

/// The extensions of a case's clocks, oldest first.
pub fn extensions_of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<ClockExtensionRow>> {
    x::table
        .inner_join(k::table.on(k::tenant_id.eq(x::tenant_id).and(k::id.eq(x::clock_id))))
        .filter(x::tenant_id.eq(tenant_id))
        .filter(k::case_id.eq(case_id))
        .order((x::created_at.asc(), x::id.asc()))
        .select(x::all_columns)
        .load(conn)
}

/// Writes what a step of the case does: the case's own records go into `case` (written
/// back by the caller with its stage), requests and clocks are inserted or met here.
pub fn apply(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    case: &mut CaseRow,
    effects: Vec<CaseEffect>,
) -> ApiResult<()> {
    for effect in effects {
        match effect {
            CaseEffect::Notification(n) => case.notification = Json::encode(&n)?,
            CaseEffect::NotificationSent(on) => case.notification_sent_on = Some(on),
            CaseEffect::Meeting(m) => case.meeting = Some(Json::encode(&m)?),
            CaseEffect::Decision { decision, on } => {
                crate::store::learning::actions::from_learning(
                    conn,
                    &case.tenant_id,
                    (Some((&case.id, &case.reference)), None),
                    &decision.actions,
                    shared::learning::ActionSource::RapidReview,
                    on,
                )?;
                case.decision = Some(Json::encode(&decision)?);
                case.decided_on = Some(on);
            }
            CaseEffect::ReportSent(on) => case.report_sent_on = Some(on),
            CaseEffect::Observation(o) => {
                let mut all = case.observations.decode()?;
                all.push(o);
                case.observations = Json::encode(&all)?;
            }
            CaseEffect::FinalReportSent(on) => case.final_report_sent_on = Some(on),
            CaseEffect::ClockRules(rules) => case.clock_rules = Json::encode(&rules)?,
            CaseEffect::StartClock { kind, from, rule } => start_clock(conn, calendar, case, kind, from, &rule)?,
            CaseEffect::ExtendClock { kind, extension } => extend_clock(conn, case, kind, extension)?,
            CaseEffect::MeetClock { kind, on } => {
                meet_clocks(conn, &case.tenant_id, &case.id, kind, None, on)?;
            }
            CaseEffect::Ask { agency, sent_on, clock, rule } => {
                let reckoned = due(calendar, &rule, sent_on)?;
                let t = now();
                let request = InformationRequestRow {
                    tenant_id: case.tenant_id.clone(),
                    id: Id::new(),
                    case_id: case.id,
                    agency_id: Id::from(agency),
                    sent_on,
                    due_on: reckoned.0,
                    status: RequestStatus::Sent,
                    response: None,
                    submitted_on: None,
                    reminders: 0,
                    last_reminded_on: None,
                    created_at: t,
                    updated_at: t,
                    version: 0,
                };
                insert_request(conn, &request)?;
                insert_clock_due(conn, case, (clock, &rule), sent_on, reckoned, Some(&request))?;
            }
            CaseEffect::Remind { request, status, on } => {
                let (mut row, _) =
                    get_request(conn, &case.tenant_id, &request.to_string())?.ok_or_else(ApiError::not_found)?;
                row.reminders += 1;
                row.last_reminded_on = Some(on);
                row.updated_at = now();
                if !update_request(conn, &row, status)? {
                    return Err(ApiError::invalid_stage("the request changed meanwhile: reload it and try again"));
                }
            }
        }
    }
    Ok(())
}

/// What has been recorded on the case besides its stage.
pub fn facts(row: &CaseRow) -> CaseFacts {
    CaseFacts {
        notification_sent: row.notification_sent_on.is_some(),
        report_sent: row.report_sent_on.is_some(),
        final_report_sent: row.final_report_sent_on.is_some(),
    }
}

/// The case as its steps see it: with its unanswered requests and its review's due date.
pub fn state(conn: &mut DbConn, row: &CaseRow) -> ApiResult<CaseState> {
    let outstanding: i64 = r::table
        .filter(r::tenant_id.eq(&row.tenant_id))
        .filter(r::case_id.eq(&row.id))
        .filter(r::status.ne(RequestStatus::Submitted))
        .count()
        .get_result(conn)?;
    let review_due = open_clock(conn, &row.tenant_id, &row.id, ClockKind::CsprCompletion)?.map(|c| c.due_on);
    Ok(CaseState {
        stage: row.stage,
        dates: CaseDates { la_aware_on: row.la_aware_on, decided_on: row.decided_on },
        facts: facts(row),
        outstanding: usize::try_from(outstanding).unwrap_or(usize::MAX),
        review_due,
    })
}

/// Moves a case by a transition: applies its effects, sets the new stage and writes the row
/// back, only if its stage is still the one read (no lost updates).
pub fn advance(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    case: &mut CaseRow,
    transition: CaseTransition,
) -> ApiResult<()> {
    let from = case.stage;
    apply(conn, calendar, case, transition.effects)?;
    case.stage = transition.to;
    case.updated_at = now();
    if !update(conn, case, from)? {
        return Err(ApiError::edit_conflict());
    }
    Ok(())
}

/// Answers a request by a step of its answer, written back only if its status is still
/// the one read.
pub fn advance_answer(
    conn: &mut DbConn,
    request: &mut InformationRequestRow,
    transition: AnswerTransition,
) -> ApiResult<()> {
    let from = request.status;
    apply_answer(conn, request, transition.effects)?;
    request.status = transition.status;
    request.updated_at = now();
    if !update_answer(conn, request, from)? {
        return Err(ApiError::edit_conflict());
    }
    Ok(())
}

/// Who opens a case, in which partnership, and what it begins from.
pub struct Opening<'a> {
    pub tenant_id: &'a str,
    pub created_by: &'a str,
    /// The day the local authority became aware.
    pub la_aware_on: NaiveDate,
    /// The referral it was raised from.
    pub referral_id: Option<Id>,
}

/// Inserts a newly opened case with what opening it does (`shared::case::open`): its next
/// reference of the year, its own records, then the row, then its clocks (which refer to it).
pub fn insert_opened(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    opening: Opening<'_>,
    opened: CaseTransition,
) -> ApiResult<CaseRow> {
    let t = now();
    let mut case = CaseRow {
        tenant_id: opening.tenant_id.to_string(),
        id: Id::new(),
        reference: next_reference(conn, opening.tenant_id, chrono::Datelike::year(&t.date()))?,
        stage: opened.to,
        referral_id: opening.referral_id,
        la_aware_on: opening.la_aware_on,
        notification: Json::encode(&shared::case::Notification::default())?,
        notification_sent_on: None,
        meeting: None,
        decision: None,
        decided_on: None,
        report_sent_on: None,
        created_by: opening.created_by.to_string(),
        created_at: t,
        updated_at: t,
        observations: Json::encode(&Vec::new())?,
        final_report_sent_on: None,
        clock_rules: Json::encode(&shared::calendar::ClockRules::default())?,
        version: 0,
    };
    let (records, rest): (Vec<_>, Vec<_>) = opened.effects.into_iter().partition(CaseEffect::is_record);
    apply(conn, calendar, &mut case, records)?;
    insert(conn, &case)?;
    apply(conn, calendar, &mut case, rest)?;
    Ok(case)
}

/// Writes what a step of an agency's answer does to its request (written back by the
/// caller with its status).
pub fn apply_answer(
    conn: &mut DbConn,
    request: &mut InformationRequestRow,
    effects: Vec<AnswerEffect>,
) -> ApiResult<()> {
    for effect in effects {
        match effect {
            AnswerEffect::Response(a) => request.response = Some(Json::encode(&*a)?),
            AnswerEffect::Submitted(on) => request.submitted_on = Some(on),
            AnswerEffect::MeetClock { kind, on } => {
                meet_clocks(conn, &request.tenant_id, &request.case_id, kind, Some(&request.id), on)?;
            }
        }
    }
    Ok(())
}
