//! A partnership's clock rules: its own rule per kind of clock, where it set one (the
//! default from `shared` otherwise). A change applies to clocks started after it; each
//! clock keeps the rule it was started under.
use crate::columns::Json;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::models::ClockRuleRow;
use crate::schema::clock_rules as cr;
use diesel::prelude::*;
use shared::calendar::{ClockKind, ClockRuleView, ClockRules};

fn rows(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Vec<ClockRuleRow>> {
    crate::on_backend!(conn, |c| cr::table.filter(cr::tenant_id.eq(tenant_id)).load(c))
}

/// The rules new clocks start under.
pub fn rules_of(conn: &mut DbConn, tenant_id: &str) -> ApiResult<ClockRules> {
    let own =
        rows(conn, tenant_id)?.into_iter().map(|r| Ok((r.kind, r.rule.decode()?))).collect::<ApiResult<Vec<_>>>()?;
    Ok(ClockRules::new(own))
}

/// Every kind's rule, as the settings page shows it.
pub fn list(conn: &mut DbConn, tenant_id: &str) -> ApiResult<Vec<ClockRuleView>> {
    let own = rows(conn, tenant_id)?;
    ClockKind::ALL
        .into_iter()
        .map(|kind| match own.iter().find(|r| r.kind == kind) {
            Some(r) => Ok(ClockRuleView::of(kind, r.rule.decode()?, Some(r.changed_at))),
            None => Ok(ClockRuleView::of(kind, kind.default_rule(), None)),
        })
        .collect()
}

/// Sets the partnership's rule for a kind (replacing any before it).
pub fn set(conn: &mut DbConn, row: &ClockRuleRow) -> QueryResult<()> {
    diesel::delete(cr::table.filter(cr::tenant_id.eq(&row.tenant_id)).filter(cr::kind.eq(row.kind))).execute(conn)?;
    diesel::insert_into(cr::table).values(row).execute(conn).map(drop)
}

/// A rule stored as JSON.
pub fn encode(rule: &shared::calendar::ClockRule) -> ApiResult<Json<shared::calendar::ClockRule>> {
    Json::encode(rule)
}
