//! Referrals by id, many in one PostgreSQL round trip, each read through its own
//! caller's need-to-know scope: the same rule as [`super::get`], applied per
//! key inside the query; each with its decision clock ([`super::clock_of`]) in the same
//! query (read after it, the clock's round trip held the worker: by id measured 0.08 of
//! `/health` instead of 0.42). Written as a query of its own (not `sql_query`) so that diesel
//! keeps it prepared.
use crate::db::DbConn;
use crate::models::{ReferralClockRow, ReferralRow};
use diesel::pg::{Pg, PgConnection};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Array, BigInt, Bool, Date, Nullable, Text, Timestamp};
use shared::referral::{ReferralScope, ReferralStage};

/// One lookup: a referral of a tenant, as one caller may see it.
#[derive(Debug, Clone)]
pub struct ReferralKey {
    pub tenant_id: String,
    pub id: String,
    pub user_id: String,
    pub scope: ReferralScope,
}

/// Whether the caller sees only referrals they made, whatever the stage.
fn own_only(scope: ReferralScope) -> bool {
    match scope {
        ReferralScope::OwnOnly => true,
        ReferralScope::SubmittedAndOwn => false,
    }
}

/// The query: the keys as parallel arrays, unnested with their position, joined to the
/// referrals they name and filtered by each key's scope.
struct ScopedReferrals<'a> {
    tenants: Vec<&'a str>,
    ids: Vec<&'a str>,
    users: Vec<&'a str>,
    own_only: Vec<bool>,
    /// The stages of a referral that has reached the office.
    at_office: Vec<&'static str>,
}

/// The statement-cache identity of [`ScopedReferrals`] (its SQL never changes).
struct ScopedReferralsId;

impl QueryId for ScopedReferrals<'_> {
    type QueryId = ScopedReferralsId;
    const HAS_STATIC_QUERY_ID: bool = true;
}

type RowSql = (
    Text,
    Text,
    Text,
    Text,
    Nullable<Text>,
    Text,
    Nullable<Text>,
    Nullable<Text>,
    Nullable<Text>,
    Timestamp,
    Timestamp,
    Nullable<Timestamp>,
    Text,
    Nullable<Text>,
    Nullable<Text>,
    Nullable<Text>,
    Nullable<Timestamp>,
    Nullable<Text>,
    diesel::sql_types::Integer,
);

/// The clock's columns (all null when the referral has none).
type ClockSql = (Text, Text, Text, Date, Date, Nullable<Date>, Text, Text);

impl Query for ScopedReferrals<'_> {
    type SqlType = (BigInt, RowSql, Nullable<ClockSql>);
}

/// A referral as read, with its decision clock once it reached the office.
pub type ReferralRead = (ReferralRow, Option<ReferralClockRow>);

impl QueryFragment<Pg> for ScopedReferrals<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql(
            "SELECT k.n, r.tenant_id, r.id, r.referrer_id, r.stage, r.review_type, r.form, \
             r.return_reason, r.recommendation, r.decision, r.created_at, r.updated_at, \
             r.submitted_at, r.child_name, r.manager_id, r.manager_name, r.manager_agency, \
             r.signed_off_at, r.case_id, r.version, c.tenant_id, c.referral_id, c.kind, \
             c.started_on, c.due_on, c.met_on, c.warnings, c.rule FROM unnest(",
        );
        out.push_bind_param::<Array<Text>, _>(&self.tenants)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&self.ids)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&self.users)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Bool>, _>(&self.own_only)?;
        out.push_sql(
            ") WITH ORDINALITY AS k(tenant_id, id, user_id, own_only, n) \
             JOIN referrals r ON r.tenant_id = k.tenant_id AND r.id = k.id \
             LEFT JOIN referral_clocks c ON c.tenant_id = r.tenant_id AND c.referral_id = r.id \
             AND c.kind = 'referral_decision' \
             WHERE r.referrer_id = k.user_id OR r.manager_id = k.user_id \
             OR (NOT k.own_only AND r.stage = ANY(",
        );
        out.push_bind_param::<Array<Text>, _>(&self.at_office)?;
        out.push_sql("))");
        Ok(())
    }
}

impl RunQueryDsl<PgConnection> for ScopedReferrals<'_> {}

/// The referral each key names, when its caller may see it, with its clock; in the keys'
/// order.
pub fn get_many_pg(conn: &mut PgConnection, keys: &[ReferralKey]) -> QueryResult<Vec<Option<ReferralRead>>> {
    let query = ScopedReferrals {
        tenants: keys.iter().map(|k| k.tenant_id.as_str()).collect(),
        ids: keys.iter().map(|k| k.id.as_str()).collect(),
        users: keys.iter().map(|k| k.user_id.as_str()).collect(),
        own_only: keys.iter().map(|k| own_only(k.scope)).collect(),
        at_office: ReferralStage::ALL.into_iter().filter(|s| s.at_office()).map(ReferralStage::as_str).collect(),
    };
    let rows: Vec<(i64, ReferralRow, Option<ReferralClockRow>)> = query.load(conn)?;
    let mut out: Vec<Option<ReferralRead>> = vec![None; keys.len()];
    for (n, row, clock) in rows {
        // WITH ORDINALITY counts from 1.
        if let Some(slot) = usize::try_from(n).ok().and_then(|n| n.checked_sub(1)).and_then(|i| out.get_mut(i)) {
            *slot = Some((row, clock));
        }
    }
    Ok(out)
}

/// The same on either database: one round trip on PostgreSQL, a query or two per key on
/// SQLite.
pub fn get_many(conn: &mut DbConn, keys: &[ReferralKey]) -> QueryResult<Vec<Option<ReferralRead>>> {
    match conn {
        DbConn::Pg(c) => get_many_pg(c, keys),
        DbConn::Sqlite(_) => keys.iter().map(|k| get_one(conn, k)).collect(),
    }
}

/// One referral and its clock (a draft has none: no query for it).
pub fn get_one(conn: &mut DbConn, k: &ReferralKey) -> QueryResult<Option<ReferralRead>> {
    let Some(row) = super::get(conn, &k.tenant_id, &k.id, &k.user_id, k.scope)? else { return Ok(None) };
    let clock = match row.submitted_at {
        Some(_) => super::clock_of(conn, &k.tenant_id, &row.id)?,
        None => None,
    };
    Ok(Some((row, clock)))
}
