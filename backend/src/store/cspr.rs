//! A local CSPR's records and its agencies' reports: the queries (each within one
//! partnership) and the writes, each guarded against a lost update (the review's `version`,
//! a report's `revision` and status).
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::models::{now, AgencyReportRow, CaseRow, ClockRow, CsprRow};
use crate::schema::{agencies, agency_reports as ar, clocks as k, csprs as cs, users};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::calendar::{ClockKind, ClockRule, WorkingCalendar};

/// The review's row; a new, empty one (version 0, not stored yet) when nothing is recorded.
pub fn get_or_new(conn: &mut DbConn, case: &CaseRow) -> ApiResult<CsprRow> {
    let found: Option<CsprRow> = cs::table.find((&case.tenant_id, &case.id)).first(conn).optional()?;
    Ok(match found {
        Some(row) => row,
        None => CsprRow {
            tenant_id: case.tenant_id.clone(),
            case_id: case.id,
            commission: None,
            review_group: Json::encode(&Vec::new())?,
            group_set_on: None,
            terms: Json::encode(&Vec::new())?,
            agreement: None,
            briefing: None,
            chronology_shared_on: None,
            event: None,
            family: None,
            processes: Json::encode(&Vec::new())?,
            version: 0,
            updated_at: now(),
        },
    })
}

/// Writes the review back if it is still at the version it was read at (`row.version`),
/// raising the version; `false` when another write came first.
pub fn save(conn: &mut DbConn, row: &mut CsprRow) -> QueryResult<bool> {
    let read_at = row.version;
    row.version += 1;
    row.updated_at = now();
    if read_at == 0 {
        let exists: i64 = cs::table
            .filter(cs::tenant_id.eq(&row.tenant_id))
            .filter(cs::case_id.eq(&row.case_id))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Ok(false);
        }
        return diesel::insert_into(cs::table).values(&*row).execute(conn).map(|n| n == 1);
    }
    let n = diesel::update(cs::table.find((&row.tenant_id, &row.case_id)).filter(cs::version.eq(read_at)))
        .set((
            cs::commission.eq(&row.commission),
            cs::review_group.eq(&row.review_group),
            cs::group_set_on.eq(row.group_set_on),
            cs::terms.eq(&row.terms),
            cs::agreement.eq(&row.agreement),
            cs::briefing.eq(&row.briefing),
            cs::chronology_shared_on.eq(row.chronology_shared_on),
            cs::event.eq(&row.event),
            cs::family.eq(&row.family),
            cs::processes.eq(&row.processes),
            cs::version.eq(row.version),
            cs::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// A report with its agency's name and its author's name.
pub type ReportWithNames = (AgencyReportRow, String, String);

/// The case's reports, by agency name.
pub fn reports_of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<ReportWithNames>> {
    ar::table
        .inner_join(agencies::table.on(agencies::tenant_id.eq(ar::tenant_id).and(agencies::id.eq(ar::agency_id))))
        .inner_join(users::table.on(users::id.eq(ar::author_id)))
        .filter(ar::tenant_id.eq(tenant_id))
        .filter(ar::case_id.eq(case_id))
        .order((agencies::name.asc(), ar::agency_id.asc()))
        .select((ar::all_columns, agencies::name, users::name))
        .load(conn)
}

/// One agency's report on a case.
pub fn report(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
    agency_id: &str,
) -> QueryResult<Option<ReportWithNames>> {
    ar::table
        .inner_join(agencies::table.on(agencies::tenant_id.eq(ar::tenant_id).and(agencies::id.eq(ar::agency_id))))
        .inner_join(users::table.on(users::id.eq(ar::author_id)))
        .filter(ar::tenant_id.eq(tenant_id))
        .filter(ar::case_id.eq(case_id))
        .filter(ar::agency_id.eq(agency_id))
        .select((ar::all_columns, agencies::name, users::name))
        .first(conn)
        .optional()
}

/// A submitted report of a case as the merged chronology needs it: its agency's id and name,
/// and when it last changed.
pub type ChronologySource = (Id, String, chrono::NaiveDateTime);

/// The case's submitted reports, for the merged chronology (their entries are read only when
/// they changed: [`crate::store::chronology_cache`]).
pub fn chronology_sources(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<ChronologySource>> {
    crate::on_backend!(conn, |x| ar::table
        .inner_join(agencies::table.on(agencies::tenant_id.eq(ar::tenant_id).and(agencies::id.eq(ar::agency_id))))
        .filter(ar::tenant_id.eq(tenant_id))
        .filter(ar::case_id.eq(case_id))
        .filter(ar::submitted_on.is_not_null())
        .select((ar::agency_id, agencies::name, ar::updated_at))
        .load(x))
}

/// One agency's latest submitted chronology (JSON).
pub fn chronology_of(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
    agency_id: &str,
) -> QueryResult<Json<Vec<shared::cspr::ChronologyEntry>>> {
    crate::on_backend!(conn, |x| ar::table
        .find((tenant_id, case_id, agency_id))
        .select(ar::current_chronology)
        .first(x))
}

/// Whether the case is there (`None` when not) and when its merged chronology was shared
/// with the review group (`Some(None)`: not yet, or no review recorded): one query.
pub fn case_shared_on(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Option<Option<NaiveDate>>> {
    use crate::schema::cases as c;
    crate::on_backend!(conn, |x| c::table
        .left_join(cs::table.on(cs::tenant_id.eq(c::tenant_id).and(cs::case_id.eq(c::id))))
        .filter(c::tenant_id.eq(tenant_id))
        .filter(c::id.eq(case_id))
        .select(cs::chronology_shared_on.nullable())
        .first::<Option<NaiveDate>>(x)
        .optional())
}

/// An agency's latest submitted chronology: its id, name and entries (JSON).
pub type AgencyChronology = (Id, String, Json<Vec<shared::cspr::ChronologyEntry>>);

/// The latest submitted chronology of each agency of the case.
pub fn chronologies(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<AgencyChronology>> {
    crate::on_backend!(conn, |x| ar::table
        .inner_join(agencies::table.on(agencies::tenant_id.eq(ar::tenant_id).and(agencies::id.eq(ar::agency_id))))
        .filter(ar::tenant_id.eq(tenant_id))
        .filter(ar::case_id.eq(case_id))
        .filter(ar::submitted_on.is_not_null())
        .select((ar::agency_id, agencies::name, ar::current_chronology))
        .load(x))
}

/// The agencies whose people may open the review: those writing a report for it.
pub fn report_agencies(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<uuid::Uuid>> {
    let ids: Vec<Id> = crate::on_backend!(conn, |x| ar::table
        .filter(ar::tenant_id.eq(tenant_id))
        .filter(ar::case_id.eq(case_id))
        .select(ar::agency_id)
        .load(x))?;
    Ok(ids.iter().map(Id::uuid).collect())
}

pub fn insert_report(conn: &mut DbConn, row: &AgencyReportRow) -> QueryResult<()> {
    diesel::insert_into(ar::table).values(row).execute(conn).map(drop)
}

/// Writes the report back if its draft is still at `read_revision` and its status at
/// `read_status`; `false` when another write came first.
pub fn update_report(
    conn: &mut DbConn,
    row: &AgencyReportRow,
    read_revision: i32,
    read_status: shared::cspr::ReportStatus,
) -> QueryResult<bool> {
    let n = diesel::update(
        ar::table
            .find((&row.tenant_id, &row.case_id, &row.agency_id))
            .filter(ar::revision.eq(read_revision))
            .filter(ar::status.eq(read_status)),
    )
    .set((
        ar::status.eq(row.status),
        ar::draft.eq(&row.draft),
        ar::revision.eq(row.revision),
        ar::manager_sign_off.eq(&row.manager_sign_off),
        ar::submitted.eq(&row.submitted),
        ar::current_chronology.eq(&row.current_chronology),
        ar::returned_reason.eq(&row.returned_reason),
        ar::submitted_on.eq(row.submitted_on),
        ar::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Starts the clock of an agency's report on `start` under `rule`.
pub fn start_report_clock(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    case: &CaseRow,
    agency: Id,
    start: NaiveDate,
    rule: &ClockRule,
) -> ApiResult<()> {
    let (due, warnings) = crate::store::case::due(calendar, rule, start)?;
    let clock = ClockRow {
        tenant_id: case.tenant_id.clone(),
        id: Id::new(),
        case_id: case.id,
        kind: ClockKind::AgencyReport,
        request_id: None,
        agency_id: Some(agency),
        started_on: start,
        due_on: due,
        met_on: None,
        warnings: Json::encode(&warnings)?,
        rule: Json::encode(rule)?,
    };
    crate::store::case::insert_clock(conn, &clock)?;
    Ok(())
}

/// Stops the open clock of an agency's report.
pub fn meet_report_clock(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
    agency: &str,
    on: NaiveDate,
) -> QueryResult<usize> {
    diesel::update(
        k::table
            .filter(k::tenant_id.eq(tenant_id))
            .filter(k::case_id.eq(case_id))
            .filter(k::kind.eq(ClockKind::AgencyReport))
            .filter(k::agency_id.eq(agency))
            .filter(k::met_on.is_null()),
    )
    .set(k::met_on.eq(on))
    .execute(conn)
}

/// The clocks of the case's agency reports.
pub fn report_clocks(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<ClockRow>> {
    k::table
        .filter(k::tenant_id.eq(tenant_id))
        .filter(k::case_id.eq(case_id))
        .filter(k::kind.eq(ClockKind::AgencyReport))
        .load(conn)
}

/// The partnership's open local CSPRs that have a review recorded, with their rows.
pub fn open_reviews(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Vec<(CaseRow, CsprRow)>> {
    use crate::schema::cases as c;
    c::table
        .inner_join(cs::table.on(cs::tenant_id.eq(c::tenant_id).and(cs::case_id.eq(c::id))))
        .filter(c::tenant_id.eq(tenant_id))
        .filter(c::stage.eq(shared::case::CaseStage::LocalCspr))
        .filter(c::final_report_sent_on.is_null())
        .order(c::created_at.asc())
        .select((c::all_columns, cs::all_columns))
        .load(conn)
}

/// The review's family engagement, if the case has a review that recorded one.
pub fn family_of(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
) -> crate::error::ApiResult<Option<shared::cspr::FamilyEngagement>> {
    let raw: Option<Option<crate::columns::Json<shared::cspr::FamilyEngagement>>> = crate::schema::csprs::table
        .find((tenant_id, case_id))
        .select(crate::schema::csprs::family)
        .first(conn)
        .optional()?;
    raw.flatten().map(|j| j.decode()).transpose()
}
