//! Referral rows, always read through the caller's need-to-know scope.
use crate::db::DbConn;
use crate::models::ReferralRow;
use crate::schema::referrals as r;
use diesel::prelude::*;
use shared::referral::{ReferralScope, ReferralStage};

pub fn insert(conn: &mut DbConn, row: &ReferralRow) -> QueryResult<()> {
    diesel::insert_into(r::table).values(row).execute(conn).map(|_| ())
}

/// One referral if it exists in the tenant and the caller may see it.
pub fn get(
    conn: &mut DbConn,
    tenant_id: &str,
    id: &str,
    user_id: &str,
    scope: ReferralScope,
) -> QueryResult<Option<ReferralRow>> {
    let q = r::table.filter(r::tenant_id.eq(tenant_id)).filter(r::id.eq(id)).into_boxed();
    let q = match scope {
        ReferralScope::OwnOnly => q.filter(r::referrer_id.eq(user_id)),
        ReferralScope::SubmittedAndOwn => {
            q.filter(r::stage.ne(ReferralStage::Draft.as_str()).or(r::referrer_id.eq(user_id)))
        }
    };
    q.first(conn).optional()
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
) -> QueryResult<(Vec<ReferralRow>, i64)> {
    let filtered = || {
        let mut q = r::table.filter(r::tenant_id.eq(tenant_id)).into_boxed();
        q = match scope {
            ReferralScope::OwnOnly => q.filter(r::referrer_id.eq(user_id)),
            ReferralScope::SubmittedAndOwn => {
                q.filter(r::stage.ne(ReferralStage::Draft.as_str()).or(r::referrer_id.eq(user_id)))
            }
        };
        if let Some(s) = stage {
            q = q.filter(r::stage.eq(s.as_str()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((r::created_at.desc(), r::id.desc()))
        .limit(i64::from(per_page))
        .offset(i64::from(page - 1) * i64::from(per_page))
        .load(conn)?;
    Ok((rows, total))
}

/// Writes the row back, only if it is still in `expected_stage` (no lost updates).
pub fn update(conn: &mut DbConn, row: &ReferralRow, expected_stage: &str) -> QueryResult<bool> {
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
        ))
        .execute(conn)?;
    Ok(n == 1)
}
