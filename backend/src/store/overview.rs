//! The overview report's rows: the review's report row (guarded by `version`), its saved
//! versions (never changed) and its comment threads (each guarded by its `revision`), and the
//! partnership's own section headings. Every query is within one partnership, except
//! [`drafts_for_scrutineer`], which reads across the partnerships one person belongs to.
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::models::{now, CaseRow, CsprRow, OverviewRow, OverviewThreadRow, OverviewVersionRow};
use crate::schema::{
    cases, csprs, memberships, overview_reports as o, overview_threads as t, overview_versions as v,
    report_headings as h, tenants,
};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::overview::{default_sections, PublicationPlan, Section, VersionSummary};

/// The report's row; a new, empty one (version 0, not stored yet) when nothing is recorded.
pub fn get_or_new(conn: &mut DbConn, case: &CaseRow) -> ApiResult<OverviewRow> {
    let found: Option<OverviewRow> = o::table.find((&case.tenant_id, &case.id)).first(conn).optional()?;
    Ok(match found {
        Some(row) => row,
        None => OverviewRow {
            tenant_id: case.tenant_id.clone(),
            case_id: case.id,
            latest_version: 0,
            latest_saved_on: None,
            signoffs: Json::encode(&Vec::new())?,
            waivers: Json::encode(&Vec::new())?,
            submission: None,
            panel_response: None,
            plan: Json::encode(&PublicationPlan::default())?,
            version: 0,
            updated_at: now(),
        },
    })
}

/// Writes the row back if it is still at the version it was read at, raising the version;
/// `false` when another write came first.
pub fn save(conn: &mut DbConn, row: &mut OverviewRow) -> QueryResult<bool> {
    let read_at = row.version;
    row.version += 1;
    row.updated_at = now();
    if read_at == 0 {
        let exists: i64 = o::table
            .filter(o::tenant_id.eq(&row.tenant_id))
            .filter(o::case_id.eq(&row.case_id))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Ok(false);
        }
        return diesel::insert_into(o::table).values(&*row).execute(conn).map(|n| n == 1);
    }
    let n = diesel::update(o::table.find((&row.tenant_id, &row.case_id)).filter(o::version.eq(read_at)))
        .set((
            o::latest_version.eq(row.latest_version),
            o::latest_saved_on.eq(row.latest_saved_on),
            o::signoffs.eq(&row.signoffs),
            o::waivers.eq(&row.waivers),
            o::submission.eq(&row.submission),
            o::panel_response.eq(&row.panel_response),
            o::plan.eq(&row.plan),
            o::version.eq(row.version),
            o::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Keeps a new version (the report's row, saved first in the same transaction, guards the
/// number).
pub fn insert_version(conn: &mut DbConn, row: &OverviewVersionRow) -> QueryResult<()> {
    diesel::insert_into(v::table).values(row).execute(conn).map(|_| ())
}

/// One version.
pub fn version(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
    version: i32,
) -> QueryResult<Option<OverviewVersionRow>> {
    v::table.find((tenant_id, case_id, version)).first(conn).optional()
}

/// Every version, oldest first, without their text.
pub fn versions(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<VersionSummary>> {
    let rows: Vec<(i32, String, NaiveDate)> = v::table
        .filter(v::tenant_id.eq(tenant_id))
        .filter(v::case_id.eq(case_id))
        .order(v::version.asc())
        .select((v::version, v::saved_by, v::saved_on))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(version, saved_by, saved_on)| VersionSummary { version: version as u32, saved_by, saved_on })
        .collect())
}

/// The report's threads, oldest first.
pub fn threads(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<OverviewThreadRow>> {
    t::table
        .filter(t::tenant_id.eq(tenant_id))
        .filter(t::case_id.eq(case_id))
        .order((t::created_at.asc(), t::id.asc()))
        .load(conn)
}

/// One thread.
pub fn thread(conn: &mut DbConn, tenant_id: &str, case_id: &str, id: &str) -> QueryResult<Option<OverviewThreadRow>> {
    t::table.find((tenant_id, case_id, id)).first(conn).optional()
}

pub fn insert_thread(conn: &mut DbConn, row: &OverviewThreadRow) -> QueryResult<()> {
    diesel::insert_into(t::table).values(row).execute(conn).map(|_| ())
}

/// Writes a thread back if no other write came first (its `revision`), raising it.
pub fn update_thread(conn: &mut DbConn, row: &mut OverviewThreadRow) -> QueryResult<bool> {
    let read_at = row.revision;
    row.revision += 1;
    row.updated_at = now();
    let n = diesel::update(t::table.find((&row.tenant_id, &row.case_id, &row.id)).filter(t::revision.eq(read_at)))
        .set((
            t::thread.eq(&row.thread),
            t::open.eq(row.open),
            t::revision.eq(row.revision),
            t::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Re-attaches every thread of the report to the words of `version` (`sections`), each
/// written back if no other write came first; `false` when one came.
pub fn reanchor_threads(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
    sections: &[Section],
    version: u32,
) -> ApiResult<bool> {
    for mut row in threads(conn, tenant_id, case_id)? {
        let mut thread = row.thread.decode()?;
        shared::overview::reanchor(&mut thread, sections, version);
        row.thread = Json::encode(&thread)?;
        if !update_thread(conn, &mut row)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The partnership's headings for a first draft, or the framework's.
pub fn headings(conn: &mut DbConn, tenant_id: &str) -> ApiResult<Vec<Section>> {
    let raw: Option<Json<Vec<Section>>> = h::table.find(tenant_id).select(h::headings).first(conn).optional()?;
    Ok(match raw {
        Some(j) => j.decode()?,
        None => default_sections(),
    })
}

/// Stores the partnership's headings (inside the caller's write transaction).
pub fn set_headings(conn: &mut DbConn, tenant_id: &str, sections: &[Section]) -> ApiResult<()> {
    let headings = Json::encode(&sections.to_vec())?;
    let n = diesel::update(h::table.find(tenant_id))
        .set((h::headings.eq(&headings), h::updated_at.eq(now())))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(h::table)
            .values((h::tenant_id.eq(tenant_id), h::headings.eq(&headings), h::updated_at.eq(now())))
            .execute(conn)?;
    }
    Ok(())
}

/// A draft in progress in one of the person's partnerships: the partnership's slug and
/// name, the case, the review's records (its commission names the scrutineer), the report
/// row.
pub type DraftSource = (String, String, CaseRow, CsprRow, OverviewRow);

/// Every overview report with a version and not yet sent to the Panel, in the partnerships
/// where `user_id` holds a membership (the caller checks the roles and the commission).
pub fn drafts_for_scrutineer(conn: &mut DbConn, user_id: &str) -> QueryResult<Vec<(String, DraftSource)>> {
    let rows: Vec<(String, String, String, CaseRow, CsprRow, OverviewRow)> = o::table
        .inner_join(cases::table.on(cases::tenant_id.eq(o::tenant_id).and(cases::id.eq(o::case_id))))
        .inner_join(csprs::table.on(csprs::tenant_id.eq(o::tenant_id).and(csprs::case_id.eq(o::case_id))))
        .inner_join(tenants::table.on(tenants::id.eq(o::tenant_id)))
        .inner_join(memberships::table.on(memberships::tenant_id.eq(o::tenant_id)))
        .filter(memberships::user_id.eq(user_id))
        .filter(memberships::removed_at.is_null())
        .filter(o::latest_version.gt(0))
        .filter(o::submission.is_null())
        .order((tenants::name.asc(), o::latest_saved_on.desc()))
        .select((
            memberships::roles,
            tenants::slug,
            tenants::name,
            cases::all_columns,
            csprs::all_columns,
            o::all_columns,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(roles, tid, tname, case, cspr, report)| (roles, (tid, tname, case, cspr, report)))
        .collect())
}

/// How many threads are open on each of the cases.
pub fn open_threads(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<i64> {
    t::table
        .filter(t::tenant_id.eq(tenant_id))
        .filter(t::case_id.eq(case_id))
        .filter(t::open.eq(true))
        .count()
        .get_result(conn)
}

/// A new id for a thread.
pub fn new_thread_id() -> Id {
    Id::new()
}
