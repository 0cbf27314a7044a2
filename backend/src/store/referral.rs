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
