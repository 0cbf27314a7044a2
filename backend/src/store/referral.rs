//! Referral rows, always read through the caller's need-to-know scope; by id, many at a
//! time on PostgreSQL ([`batch`]).
pub mod batch;

use crate::columns::Json;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::models::now;
use crate::models::{ReferralRow, ReferralSummaryRow};
use crate::on_backend;
use crate::schema::referrals as r;
use diesel::dsl::count_star;
use diesel::prelude::*;
use shared::referral::{ReferralEffect, ReferralForm, ReferralScope, ReferralStage};

/// The `child_name` column: the child's name as the form has it, within the short-box limit.
pub fn child_name_column(form: &ReferralForm) -> String {
    form.child.name.trim().chars().take(shared::text::MAX_SHORT).collect()
}

pub fn insert(conn: &mut DbConn, row: &ReferralRow) -> QueryResult<()> {
    diesel::insert_into(r::table).values(row).execute(conn).map(|_| ())
}

/// One referral if it exists in the tenant and the caller may see it. The queries are
/// written out per scope (not boxed) so that both databases keep them prepared.
pub fn get(
    conn: &mut DbConn,
    tenant_id: &str,
    id: &str,
    user_id: &str,
    scope: ReferralScope,
) -> QueryResult<Option<ReferralRow>> {
    let q = r::table.filter(r::tenant_id.eq(tenant_id)).filter(r::id.eq(id));
    let draft = ReferralStage::Draft;
    match scope {
        ReferralScope::OwnOnly => {
            on_backend!(conn, |c| q.filter(r::referrer_id.eq(user_id)).first(c).optional())
        }
        ReferralScope::SubmittedAndOwn => {
            on_backend!(conn, |c| q.filter(r::stage.ne(draft).or(r::referrer_id.eq(user_id))).first(c).optional())
        }
    }
}

/// A page of the referrals the caller may see, newest first, and the total.
pub fn list(
    conn: &mut DbConn,
    tenant_id: &str,
    user_id: &str,
    scope: ReferralScope,
    stage: Option<ReferralStage>,
    page: u32,
    per_page: u32,
) -> QueryResult<(Vec<ReferralSummaryRow>, i64)> {
    let limit = i64::from(per_page);
    let offset = i64::from(page - 1) * limit;
    let base = r::table.filter(r::tenant_id.eq(tenant_id));
    let order = (r::created_at.desc(), r::id.desc());
    let columns =
        (r::id, r::referrer_id, r::stage, r::review_type, r::created_at, r::updated_at, r::submitted_at, r::child_name);
    // Four static queries (scope × stage filter), each kept prepared: no SQL literal in
    // them (diesel re-prepares any query holding `sql(…)`). The total comes with the page
    // (a window count), so a page is one query; a page past the end counts apart.
    macro_rules! page_of {
        ($q:expr) => {{
            on_backend!(conn, |c| {
                let rows: Vec<(ReferralSummaryRow, i64)> =
                    $q.order(order).limit(limit).offset(offset).select((columns, count_star().over())).load(c)?;
                let total = match rows.first() {
                    Some((_, total)) => *total,
                    None if offset == 0 => 0,
                    None => $q.count().get_result(c)?,
                };
                Ok((rows.into_iter().map(|(row, _)| row).collect(), total))
            })
        }};
    }
    let draft = ReferralStage::Draft;
    match (scope, stage) {
        (ReferralScope::OwnOnly, None) => page_of!(base.filter(r::referrer_id.eq(user_id))),
        (ReferralScope::OwnOnly, Some(s)) => {
            page_of!(base.filter(r::referrer_id.eq(user_id)).filter(r::stage.eq(s)))
        }
        (ReferralScope::SubmittedAndOwn, None) => {
            page_of!(base.filter(r::stage.ne(draft).or(r::referrer_id.eq(user_id))))
        }
        (ReferralScope::SubmittedAndOwn, Some(s)) => {
            page_of!(base.filter(r::stage.ne(draft).or(r::referrer_id.eq(user_id))).filter(r::stage.eq(s)))
        }
    }
}

/// Writes the row back, only if it is still in `expected_stage` (no lost updates).
pub fn update(conn: &mut DbConn, row: &ReferralRow, expected_stage: ReferralStage) -> QueryResult<bool> {
    let n = diesel::update(r::table.find((&row.tenant_id, &row.id)).filter(r::stage.eq(expected_stage)))
        .set((
            r::stage.eq(&row.stage),
            r::review_type.eq(&row.review_type),
            r::form.eq(&row.form),
            r::return_reason.eq(&row.return_reason),
            r::recommendation.eq(&row.recommendation),
            r::decision.eq(&row.decision),
            r::updated_at.eq(row.updated_at),
            r::submitted_at.eq(row.submitted_at),
            r::child_name.eq(&row.child_name),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Writes what a move does into the row (written back by the caller with its stage).
pub fn apply(row: &mut ReferralRow, effects: Vec<ReferralEffect>) -> ApiResult<()> {
    for effect in effects {
        match effect {
            ReferralEffect::Form(form) => {
                row.review_type = form.review_type;
                row.child_name = child_name_column(&form);
                row.form = Json::encode(&*form)?;
            }
            ReferralEffect::Submitted => {
                row.submitted_at = Some(now());
                row.return_reason = None;
            }
            ReferralEffect::Returned { reason } => row.return_reason = Some(reason),
            ReferralEffect::Recommendation(r) => row.recommendation = Some(Json::encode(&r)?),
            ReferralEffect::Decision(d) => row.decision = Some(Json::encode(&d)?),
        }
    }
    Ok(())
}

/// A referral's clock (the decision on it), once it reached the business office.
pub fn clock_of(
    conn: &mut DbConn,
    tenant_id: &str,
    referral_id: &str,
) -> QueryResult<Option<crate::models::ReferralClockRow>> {
    use crate::schema::referral_clocks as rc;
    rc::table
        .filter(rc::tenant_id.eq(tenant_id))
        .filter(rc::referral_id.eq(referral_id))
        .filter(rc::kind.eq(shared::calendar::ClockKind::ReferralDecision))
        .first(conn)
        .optional()
}

/// Applies the clock changes of a move: a clock starts once (a referral returned and sent
/// again keeps the clock of its first arrival), and is met once.
pub fn apply_clocks(
    conn: &mut DbConn,
    calendar: &shared::calendar::WorkingCalendar,
    row: &ReferralRow,
    changes: Vec<shared::calendar::ClockChange>,
) -> ApiResult<()> {
    use crate::schema::referral_clocks as rc;
    use shared::calendar::ClockChange;
    for change in changes {
        match change {
            ClockChange::Start { kind, from, rule } => {
                let exists: i64 = rc::table
                    .filter(rc::tenant_id.eq(&row.tenant_id))
                    .filter(rc::referral_id.eq(&row.id))
                    .filter(rc::kind.eq(kind))
                    .count()
                    .get_result(conn)?;
                if exists > 0 {
                    continue;
                }
                let (due_on, warnings) = crate::store::case::due(calendar, &rule, from)?;
                let clock = crate::models::ReferralClockRow {
                    tenant_id: row.tenant_id.clone(),
                    referral_id: crate::columns::Id::parse(&row.id).ok_or_else(crate::error::ApiError::internal)?,
                    kind,
                    started_on: from,
                    due_on,
                    met_on: None,
                    warnings: Json::encode(&warnings)?,
                    rule: Json::encode(&rule)?,
                };
                diesel::insert_into(rc::table).values(&clock).execute(conn)?;
            }
            ClockChange::Meet { kind, on } => {
                diesel::update(
                    rc::table
                        .filter(rc::tenant_id.eq(&row.tenant_id))
                        .filter(rc::referral_id.eq(&row.id))
                        .filter(rc::kind.eq(kind))
                        .filter(rc::met_on.is_null()),
                )
                .set(rc::met_on.eq(on))
                .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// A referral's clock as answers show it.
pub fn clock_view(
    calendar: &shared::calendar::WorkingCalendar,
    today: chrono::NaiveDate,
    c: &crate::models::ReferralClockRow,
) -> ApiResult<shared::calendar::ClockView> {
    use shared::calendar::{ClockStatus, ClockView};
    let (status, left) = ClockStatus::of(calendar, today, c.due_on, c.met_on);
    let rule = c.rule.decode()?;
    Ok(ClockView {
        kind: c.kind,
        case_id: None,
        referral_id: Some(c.referral_id.uuid()),
        agency_id: None,
        started_on: c.started_on,
        due_on: c.due_on,
        met_on: c.met_on,
        status,
        working_days_left: left,
        warnings: c.warnings.decode()?,
        rule_description: rule.describe(),
        rule,
        extensions: Vec::new(),
    })
}
