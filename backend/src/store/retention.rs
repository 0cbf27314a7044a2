//! Retention: the partnership's period, its closed cases, and the deletion of a case with
//! everything written about it.
use crate::db::DbConn;
use crate::schema::{
    agency_reports, case_themes, cases, clock_extensions, clocks, csprs, information_requests, overview_reports,
    overview_threads, overview_versions, referral_clocks, referrals, retention_settings as rs,
};
use diesel::prelude::*;
use shared::case::CaseStage;

pub fn months(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Option<i32>> {
    rs::table.find(tenant_id).select(rs::months).first(conn).optional()
}

/// Sets the period (none: removes it, nothing is due).
pub fn set_months(conn: &mut DbConn, tenant_id: &str, months: Option<i32>) -> QueryResult<()> {
    diesel::delete(rs::table.find(tenant_id)).execute(conn)?;
    if let Some(m) = months {
        diesel::insert_into(rs::table)
            .values((rs::tenant_id.eq(tenant_id), rs::months.eq(m), rs::updated_at.eq(crate::models::now())))
            .execute(conn)?;
    }
    Ok(())
}

/// A case decided or reported on: its id, reference, stage and the dates that close it.
pub type ClosedCase = (String, String, CaseStage, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>);

/// The partnership's cases past their Rapid Review (the rule of which are closed is
/// `shared::retention::closed_on`).
pub fn decided_cases(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Vec<ClosedCase>> {
    cases::table
        .filter(cases::tenant_id.eq(tenant_id))
        .filter(cases::decided_on.is_not_null())
        .select((cases::id, cases::reference, cases::stage, cases::decided_on, cases::final_report_sent_on))
        .order(cases::reference)
        .load(conn)
}

/// Deletes a case and everything written about it (the referral it came from with its
/// clocks, its requests, clocks and their extensions, its local CSPR, the agencies' reports,
/// the overview report's versions and threads); the number of rows deleted. The audit trail
/// keeps its events (actions, never content).
pub fn delete_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<usize> {
    let referral: Option<Option<String>> =
        cases::table.find((tenant_id, case_id)).select(cases::referral_id).first(conn).optional()?;
    let Some(referral) = referral else { return Ok(0) };
    let case_clocks = clocks::table.filter(clocks::tenant_id.eq(tenant_id)).filter(clocks::case_id.eq(case_id));
    let mut n = diesel::delete(
        clock_extensions::table
            .filter(clock_extensions::tenant_id.eq(tenant_id))
            .filter(clock_extensions::clock_id.eq_any(case_clocks.select(clocks::id))),
    )
    .execute(conn)?;
    n += diesel::delete(case_clocks).execute(conn)?;
    n += diesel::delete(
        information_requests::table
            .filter(information_requests::tenant_id.eq(tenant_id))
            .filter(information_requests::case_id.eq(case_id)),
    )
    .execute(conn)?;
    n += diesel::delete(
        overview_threads::table
            .filter(overview_threads::tenant_id.eq(tenant_id))
            .filter(overview_threads::case_id.eq(case_id)),
    )
    .execute(conn)?;
    n += diesel::delete(
        overview_versions::table
            .filter(overview_versions::tenant_id.eq(tenant_id))
            .filter(overview_versions::case_id.eq(case_id)),
    )
    .execute(conn)?;
    n += diesel::delete(overview_reports::table.find((tenant_id, case_id))).execute(conn)?;
    n += diesel::delete(
        agency_reports::table
            .filter(agency_reports::tenant_id.eq(tenant_id))
            .filter(agency_reports::case_id.eq(case_id)),
    )
    .execute(conn)?;
    n += diesel::delete(csprs::table.find((tenant_id, case_id))).execute(conn)?;
    n += diesel::delete(
        case_themes::table.filter(case_themes::tenant_id.eq(tenant_id)).filter(case_themes::case_id.eq(case_id)),
    )
    .execute(conn)?;
    n += crate::store::learning::delete_of_case(conn, tenant_id, case_id)?;
    n += diesel::delete(cases::table.find((tenant_id, case_id))).execute(conn)?;
    if let Some(r) = referral {
        n += diesel::delete(
            referral_clocks::table
                .filter(referral_clocks::tenant_id.eq(tenant_id))
                .filter(referral_clocks::referral_id.eq(&r)),
        )
        .execute(conn)?;
        n += diesel::delete(referrals::table.find((tenant_id, r.as_str()))).execute(conn)?;
    }
    Ok(n)
}
