//! Bank holidays imported over the shipped list, each partnership's closure days, and each
//! partnership's working-day calendar kept briefly in memory ([`cache`]).
pub mod cache;

use crate::db::DbConn;
use crate::models::now;
use crate::schema::{bank_holiday_years as y, bank_holidays as h, closure_days as c};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::calendar::{BankHolidays, Division};
use shared::region::Region;

/// The shipped list with every imported list laid over it.
pub fn bank_holidays(conn: &mut DbConn) -> QueryResult<BankHolidays> {
    let mut all = BankHolidays::shipped();
    let years: Vec<(String, i32)> = y::table.select((y::region, y::year)).load(conn)?;
    if years.is_empty() {
        return Ok(all);
    }
    let dates: Vec<(String, NaiveDate)> = h::table.select((h::region, h::holiday)).load(conn)?;
    let mut imported = BankHolidays::default();
    for (region, year) in years {
        if let Some(r) = Region::parse(&region) {
            imported.divisions.entry(r).or_default().years.insert(year);
        }
    }
    for (region, date) in dates {
        if let Some(r) = Region::parse(&region) {
            imported.divisions.entry(r).or_default().dates.insert(date);
        }
    }
    all.overlay(&imported);
    Ok(all)
}

/// Stores a newer list: for each region and year it covers, its dates replace the stored
/// ones. Returns the holidays stored per region.
pub fn import(
    conn: &mut DbConn,
    list: &BankHolidays,
    titles: &dyn Fn(Region, NaiveDate) -> String,
) -> QueryResult<Vec<(Region, usize)>> {
    let at = now();
    let mut counts = Vec::new();
    for (region, division) in &list.divisions {
        let name = region.as_str();
        for year in &division.years {
            let (start, end) = year_bounds(*year);
            diesel::delete(h::table.filter(h::region.eq(name)).filter(h::holiday.between(start, end))).execute(conn)?;
            diesel::delete(y::table.filter(y::region.eq(name)).filter(y::year.eq(*year))).execute(conn)?;
            diesel::insert_into(y::table)
                .values((y::region.eq(name), y::year.eq(*year), y::imported_at.eq(at)))
                .execute(conn)?;
        }
        for date in &division.dates {
            diesel::insert_into(h::table)
                .values((h::region.eq(name), h::holiday.eq(*date), h::title.eq(titles(*region, *date))))
                .execute(conn)?;
        }
        counts.push((*region, division.dates.len()));
    }
    Ok(counts)
}

fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    (start, end)
}

pub fn closures(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Vec<NaiveDate>> {
    c::table.filter(c::tenant_id.eq(tenant_id)).order(c::day).select(c::day).load(conn)
}

/// Replaces the partnership's closure days.
pub fn set_closures(conn: &mut DbConn, tenant_id: &str, days: &[NaiveDate]) -> QueryResult<()> {
    diesel::delete(c::table.filter(c::tenant_id.eq(tenant_id))).execute(conn)?;
    for day in days {
        diesel::insert_into(c::table).values((c::tenant_id.eq(tenant_id), c::day.eq(*day))).execute(conn)?;
    }
    Ok(())
}

/// The division used when a region has no list at all (never with the shipped data).
pub fn empty_division() -> Division {
    Division::default()
}
