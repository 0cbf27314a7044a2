//! The timeliness statistics and the quarterly report, counted in SQL.
//!
//! Timeliness: of the deadlines due in each quarter, those decided (met, or past due and not
//! met) and those met on time, per measure, grouped by the quarter's index (`year * 4 +
//! quarter - 1`, [`shared::learning::Quarter::index`]) in one query over `clocks` and
//! `actions`: the only SQL that differs between the databases is how a date's year and month
//! are read.
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::schema::{actions as a, briefings as b, cases, clocks};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Text};
use shared::calendar::ClockKind;
use shared::learning::statistics::Count;
use shared::learning::{AgencyActions, BriefingStatus, Measure, ReviewCounts};

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

fn quarter_of(conn: &DbConn, column: &str) -> String {
    match conn {
        DbConn::Pg(_) => format!(
            "CAST(EXTRACT(YEAR FROM {column}) AS BIGINT) * 4 + (CAST(EXTRACT(MONTH FROM {column}) AS BIGINT) - 1) / 3"
        ),
        DbConn::Sqlite(_) => {
            format!("CAST(substr({column}, 1, 4) AS INTEGER) * 4 + (CAST(substr({column}, 6, 2) AS INTEGER) - 1) / 3")
        }
    }
}

/// The counts of every measure in the quarters from `from` to `to` (days), as decided on `today`.
pub fn timeliness(
    conn: &mut DbConn,
    tenant_id: &str,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> ApiResult<Vec<Count>> {
    let q = quarter_of(conn, "due_on");
    let kinds: Vec<String> =
        Measure::ALL.iter().filter_map(|m| m.clock_kind()).map(|k| format!("'{}'", k.as_str())).collect();
    let sql = format!(
        "SELECT kind AS measure, {q} AS quarter, COUNT(*) AS counted, \
           CAST(SUM(CASE WHEN met_on IS NOT NULL AND met_on <= due_on THEN 1 ELSE 0 END) AS BIGINT) AS on_time \
         FROM clocks WHERE tenant_id = $1 AND due_on >= $2 AND due_on <= $3 AND (met_on IS NOT NULL OR due_on < $4) \
           AND kind IN ({kinds}) \
         GROUP BY kind, {q} \
         UNION ALL \
         SELECT 'actions' AS measure, {q} AS quarter, COUNT(*) AS counted, \
           CAST(SUM(CASE WHEN closed_on IS NOT NULL AND closed_on <= due_on THEN 1 ELSE 0 END) AS BIGINT) AS on_time \
         FROM actions WHERE tenant_id = $1 AND due_on >= $2 AND due_on <= $3 AND (closed_on IS NOT NULL OR due_on < $4) \
         GROUP BY {q}",
        kinds = kinds.join(", "),
    );
    let rows: Vec<CountRow> = diesel::sql_query(sql)
        .into_boxed::<<DbConn as diesel::Connection>::Backend>()
        .bind::<Text, _>(tenant_id)
        .bind::<Date, _>(from)
        .bind::<Date, _>(to)
        .bind::<Date, _>(today)
        .load(conn)?;
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
