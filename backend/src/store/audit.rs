//! Append-only audit events: actions, never content.
use crate::db::DbConn;
use crate::models::{new_id, now, AuditRow};
use crate::schema::audit_events;
use diesel::prelude::*;

pub struct Event<'a> {
    pub tenant_id: &'a str,
    pub actor_id: Option<&'a str>,
    /// e.g. `referral.create`, `auth.login`.
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<&'a str>,
    pub request_id: Option<&'a str>,
}

pub fn record(conn: &mut DbConn, e: Event<'_>) -> QueryResult<()> {
    let row = AuditRow {
        tenant_id: e.tenant_id.to_string(),
        id: new_id(),
        at: now(),
        actor_id: e.actor_id.map(str::to_string),
        action: e.action.to_string(),
        entity_type: e.entity_type.to_string(),
        entity_id: e.entity_id.map(str::to_string),
        request_id: e.request_id.filter(|s| !s.is_empty()).map(str::to_string),
    };
    diesel::insert_into(audit_events::table).values(&row).execute(conn)?;
    Ok(())
}

pub fn list(conn: &mut DbConn, tenant_id: &str, limit: i64) -> QueryResult<Vec<AuditRow>> {
    audit_events::table
        .filter(audit_events::tenant_id.eq(tenant_id))
        .order((audit_events::at.desc(), audit_events::id.desc()))
        .limit(limit)
        .load(conn)
}
