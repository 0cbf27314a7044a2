//! The timeliness statistics and the quarterly report, counted in SQL.
//!
//! Timeliness: of the deadlines due in each quarter, those decided (met, or past due and not
//! met) and those met on time, per measure, grouped by the quarter's index (`year * 4 +
//! quarter - 1`, [`shared::learning::Quarter::index`]) in one query over `clocks` and
//! `actions`, the same SQL in both databases.
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::schema::{actions as a, briefings as b, cases, clocks};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Text};
use shared::calendar::ClockKind;
use shared::learning::statistics::Count;
use shared::learning::{AgencyActions, BriefingStatus, Measure, Quarter, ReviewCounts};

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = Text)]
    measure: String,
    #[diesel(sql_type = BigInt)]
    quarter: i64,
    #[diesel(sql_type = BigInt)]
    counted: i64,
    #[diesel(sql_type = BigInt)]
    on_time: i64,
}

/// The quarter's index of `due_on`, as a `CASE` over the quarters' first days (bound as `$1`
/// on, the second quarter's first day first): comparisons of dates, the same SQL in both
/// databases, and cheaper than reading a date's year and month (PostgreSQL's `EXTRACT`
/// answers a `numeric`). SQLite numbers `$n` parameters in the order they first appear, so
/// they appear in the order of their numbers.
fn quarter_case(quarters: &[Quarter]) -> String {
    if quarters.len() < 2 {
        return quarters.first().map(|q| q.index()).unwrap_or_default().to_string();
    }
    let mut sql = String::from("CASE");
    for (i, before) in quarters.iter().enumerate().take(quarters.len().saturating_sub(1)) {
        sql.push_str(&format!(" WHEN due_on < ${} THEN {}", i + 1, before.index()));
    }
    sql.push_str(&format!(" ELSE {} END", quarters.last().map(|q| q.index()).unwrap_or_default()));
    sql
}

/// The counts of every measure in `quarters` (oldest first, consecutive), as decided on `today`.
pub fn timeliness(conn: &mut DbConn, tenant_id: &str, quarters: &[Quarter], today: NaiveDate) -> ApiResult<Vec<Count>> {
    let (Some(first), Some(last)) = (quarters.first(), quarters.last()) else { return Ok(Vec::new()) };
    let q = quarter_case(quarters);
    // after the quarters' boundaries: the partnership, the first and last days, today
    let n = quarters.len() - 1;
    let (tenant, from, to, now) = (n + 1, n + 2, n + 3, n + 4);
    let kinds: Vec<String> =
        Measure::ALL.iter().filter_map(|m| m.clock_kind()).map(|k| format!("'{}'", k.as_str())).collect();
    let sql = format!(
        "SELECT kind AS measure, CAST({q} AS BIGINT) AS quarter, COUNT(*) AS counted, \
           CAST(SUM(CASE WHEN met_on <= due_on THEN 1 ELSE 0 END) AS BIGINT) AS on_time \
         FROM clocks WHERE tenant_id = ${tenant} AND due_on >= ${from} AND due_on <= ${to} \
           AND (met_on IS NOT NULL OR due_on < ${now}) \
           AND kind IN ({kinds}) \
         GROUP BY 1, 2 \
         UNION ALL \
         SELECT 'actions' AS measure, CAST({q} AS BIGINT) AS quarter, COUNT(*) AS counted, \
           CAST(SUM(CASE WHEN closed_on <= due_on THEN 1 ELSE 0 END) AS BIGINT) AS on_time \
         FROM actions WHERE tenant_id = ${tenant} AND due_on >= ${from} AND due_on <= ${to} \
           AND (closed_on IS NOT NULL OR due_on < ${now}) \
         GROUP BY 1, 2",
        kinds = kinds.join(", "),
    );
    let mut query = diesel::sql_query(sql).into_boxed::<<DbConn as diesel::Connection>::Backend>();
    for q in &quarters[1..] {
        query = query.bind::<Date, _>(q.first_day());
    }
    let query = query
        .bind::<Text, _>(tenant_id)
        .bind::<Date, _>(first.first_day())
        .bind::<Date, _>(last.last_day())
        .bind::<Date, _>(today);
    let rows: Vec<CountRow> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let measure = if r.measure == "actions" {
                Measure::Actions
            } else {
                let kind = ClockKind::ALL.into_iter().find(|k| k.as_str() == r.measure)?;
                Measure::ALL.into_iter().find(|m| m.clock_kind() == Some(kind))?
            };
            Some((measure, r.quarter, r.counted, r.on_time))
        })
        .collect())
}

/// Each agency's actions in a quarter (`from`..=`to`): opened, closed, and overdue at `cut`
/// (the quarter's end, or today if sooner).
pub fn actions_by_agency(
    conn: &mut DbConn,
    tenant_id: &str,
    from: NaiveDate,
    to: NaiveDate,
    cut: NaiveDate,
) -> ApiResult<Vec<AgencyActions>> {
    let rows: Vec<(String, NaiveDate, Option<NaiveDate>, NaiveDate)> = a::table
        .filter(a::tenant_id.eq(tenant_id))
        .filter(a::created_on.le(to))
        .filter(a::closed_on.is_null().or(a::closed_on.ge(from)))
        .select((a::owner_agency, a::created_on, a::closed_on, a::due_on))
        .load(conn)?;
    let mut out: Vec<AgencyActions> = Vec::new();
    for (agency, created, closed, due) in rows {
        let opened = (from..=to).contains(&created);
        let closed_in = closed.is_some_and(|c| (from..=to).contains(&c));
        let overdue = created <= cut && due < cut && closed.is_none_or(|c| c > cut);
        if !(opened || closed_in || overdue) {
            continue;
        }
        let row = match out.iter_mut().find(|r| r.agency == agency) {
            Some(r) => r,
            None => {
                out.push(AgencyActions { agency, opened: 0, closed: 0, overdue: 0 });
                out.last_mut().expect("just pushed")
            }
        };
        row.opened += i64::from(opened);
        row.closed += i64::from(closed_in);
        row.overdue += i64::from(overdue);
    }
    out.sort_by(|x, y| x.agency.cmp(&y.agency));
    Ok(out)
}

/// Briefings published in the quarter.
pub fn briefings_published(conn: &mut DbConn, tenant_id: &str, from: NaiveDate, to: NaiveDate) -> ApiResult<i64> {
    Ok(b::table
        .filter(b::tenant_id.eq(tenant_id))
        .filter(b::status.eq(BriefingStatus::Published))
        .filter(b::published_on.between(from, to))
        .count()
        .get_result(conn)?)
}

/// Reviews started and finished in the quarter.
pub fn reviews(conn: &mut DbConn, tenant_id: &str, from: NaiveDate, to: NaiveDate) -> ApiResult<ReviewCounts> {
    let of_tenant = || cases::table.filter(cases::tenant_id.eq(tenant_id));
    Ok(ReviewCounts {
        rapid_reviews_started: of_tenant().filter(cases::la_aware_on.between(from, to)).count().get_result(conn)?,
        rapid_reviews_finished: of_tenant().filter(cases::report_sent_on.between(from, to)).count().get_result(conn)?,
        csprs_started: clocks::table
            .filter(clocks::tenant_id.eq(tenant_id))
            .filter(clocks::kind.eq(ClockKind::CsprCompletion.as_str()))
            .filter(clocks::started_on.between(from, to))
            .count()
            .get_result(conn)?,
        csprs_finished: of_tenant().filter(cases::final_report_sent_on.between(from, to)).count().get_result(conn)?,
    })
}
