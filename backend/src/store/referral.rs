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
    let [s1, s2, s3, s4] = AT_OFFICE;
    match scope {
        ReferralScope::OwnOnly => {
            on_backend!(conn, |c| q
                .filter(r::referrer_id.eq(user_id).or(r::manager_id.eq(user_id)))
                .first(c)
                .optional())
        }
        ReferralScope::SubmittedAndOwn => {
            on_backend!(conn, |conn| q
                .filter(
                    r::stage
                        .eq(s1)
                        .or(r::stage.eq(s2))
                        .or(r::stage.eq(s3))
                        .or(r::stage.eq(s4))
                        .or(r::referrer_id.eq(user_id))
                        .or(r::manager_id.eq(user_id))
                )
                .first(conn)
                .optional())
        }
    }
}

/// The stages of a referral that has reached the business office.
const AT_OFFICE: [ReferralStage; 4] =
    [ReferralStage::Submitted, ReferralStage::Returned, ReferralStage::Recommended, ReferralStage::Decided];

#[test]
fn at_office_is_the_shared_rule() {
    let ours: Vec<_> = AT_OFFICE.to_vec();
    let shared: Vec<_> = ReferralStage::ALL.into_iter().filter(|s| s.at_office()).collect();
    assert_eq!(ours, shared);
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
    let [s1, s2, s3, s4] = AT_OFFICE;
    let own = r::referrer_id.eq(user_id).or(r::manager_id.eq(user_id));
    let seen = r::stage.eq(s1).or(r::stage.eq(s2)).or(r::stage.eq(s3)).or(r::stage.eq(s4)).or(own);
    match (scope, stage) {
        (ReferralScope::OwnOnly, None) => page_of!(base.filter(own)),
        (ReferralScope::OwnOnly, Some(s)) => page_of!(base.filter(own).filter(r::stage.eq(s))),
        (ReferralScope::SubmittedAndOwn, None) => page_of!(base.filter(seen)),
        (ReferralScope::SubmittedAndOwn, Some(s)) => page_of!(base.filter(seen).filter(r::stage.eq(s))),
    }
}

/// Writes the row back, only if it is still in `expected_stage` and at the version it was
/// read at (no lost updates), raising the version.
pub fn update(conn: &mut DbConn, row: &mut ReferralRow, expected_stage: ReferralStage) -> QueryResult<bool> {
    let read_at = row.version;
    row.version += 1;
    let here = r::tenant_id
        .eq(&row.tenant_id)
        .and(r::id.eq(&row.id))
        .and(r::stage.eq(expected_stage))
        .and(r::version.eq(read_at));
    let written = crate::kept_update!(
        r::table,
        here,
        (
            r::version.eq(row.version),
            r::stage.eq(&row.stage),
            r::review_type.eq(&row.review_type),
            r::form.eq(&row.form),
            r::return_reason.eq(&row.return_reason),
            r::recommendation.eq(&row.recommendation),
            r::decision.eq(&row.decision),
            r::updated_at.eq(row.updated_at),
            r::submitted_at.eq(row.submitted_at),
            r::child_name.eq(&row.child_name),
            r::manager_id.eq(&row.manager_id),
            r::manager_name.eq(&row.manager_name),
            r::manager_agency.eq(&row.manager_agency),
            r::signed_off_at.eq(row.signed_off_at),
        )
    );
    let n = crate::on_backend!(conn, |c| written.execute(c))?;
    Ok(n == 1)
}

/// Writes what a move does into the row (written back by the caller with its stage).
pub fn apply(row: &mut ReferralRow, effects: Vec<ReferralEffect>) -> ApiResult<()> {
    apply_with(row, effects, None)
}

/// [`apply`], with the JSON of the form an edit saves made beforehand (`form`: the very form of
/// the command whose effects these are), so that it is not made again.
pub fn apply_with(
    row: &mut ReferralRow,
    effects: Vec<ReferralEffect>,
    mut form_json: Option<Json<ReferralForm>>,
) -> ApiResult<()> {
    for effect in effects {
        match effect {
            ReferralEffect::Form(form) => {
                row.review_type = form.review_type;
                row.child_name = child_name_column(&form);
                row.form = match form_json.take() {
                    Some(json) => json,
                    None => Json::encode(&*form)?,
                };
            }
            ReferralEffect::SentForSignOff(m) => {
                row.manager_id = Some(m.id.to_string());
                row.manager_name = Some(m.name);
                row.manager_agency = Some(m.agency);
                row.signed_off_at = None;
                row.return_reason = None;
            }
            ReferralEffect::SignedOff => row.signed_off_at = Some(now()),
            // The referral reaches the business office: the referral clock starts here.
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
    crate::on_backend!(conn, |c| rc::table
        .filter(rc::tenant_id.eq(tenant_id))
        .filter(rc::referral_id.eq(referral_id))
        .filter(rc::kind.eq(shared::calendar::ClockKind::ReferralDecision))
        .first(c)
        .optional())
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

/// Records the Rapid Review case opened from the referral; false when one was opened already.
pub fn link_case(conn: &mut DbConn, tenant_id: &str, id: &str, case_id: &str) -> QueryResult<bool> {
    let n = diesel::update(r::table.find((tenant_id, id)).filter(r::case_id.is_null()))
        .set(r::case_id.eq(case_id))
        .execute(conn)?;
    Ok(n == 1)
}

/// The members of `agency_id` in the tenant who sign off its referrals (not removed, not
/// disabled), by name: the people a referrer of that agency may send a referral to.
pub fn managers_of(
    conn: &mut DbConn,
    tenant_id: &str,
    agency_id: &str,
    except: &str,
) -> QueryResult<Vec<shared::referral::SignOffManager>> {
    use crate::schema::{agencies as a, memberships as m, users as u};
    let rows: Vec<(String, String, String, String)> = m::table
        .inner_join(u::table.on(u::id.eq(m::user_id)))
        .inner_join(a::table.on(a::tenant_id.eq(m::tenant_id).and(a::id.nullable().eq(m::agency_id))))
        .filter(m::tenant_id.eq(tenant_id))
        .filter(m::agency_id.eq(agency_id))
        .filter(m::removed_at.is_null())
        .filter(u::disabled.eq(false))
        .filter(m::user_id.ne(except))
        .select((u::id, u::name, m::roles, a::name))
        .order((u::name, u::id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, roles, _)| {
            let roles = shared::Role::parse_list(roles).unwrap_or_default();
            shared::referral::may_sign_off_for(&roles, Some(agency_id), Some(agency_id), false)
        })
        .filter_map(|(id, name, _, agency)| {
            Some(shared::referral::SignOffManager { id: id.parse().ok()?, name, agency })
        })
        .collect())
}
