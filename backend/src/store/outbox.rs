//! The outbox: every message the system sends, queued here in the same transaction as what
//! it is about, then sent by [`crate::mail::sender`]. Bodies are dropped once a message is
//! sent or has failed (they may hold a one-time link); the error kept is a class, never the
//! server's words.
use crate::columns::Id;
use crate::db::DbConn;
use crate::models::{now, OutboxRow};
use crate::schema::outbox as o;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::mail::{MailKind, OutboxEntry, OutboxState};

/// A message to queue.
pub struct NewMail<'a> {
    pub tenant_id: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub kind: MailKind,
}

/// Queues a message, due at once; answers its id.
pub fn queue(conn: &mut DbConn, mail: NewMail<'_>) -> QueryResult<Id> {
    let at = now();
    let row = OutboxRow {
        tenant_id: mail.tenant_id.into(),
        id: Id::new(),
        recipient: mail.recipient.into(),
        subject: mail.subject.into(),
        body: mail.body.into(),
        kind: mail.kind,
        state: OutboxState::Queued,
        attempts: 0,
        next_attempt_at: at,
        last_error: None,
        created_at: at,
        sent_at: None,
    };
    diesel::insert_into(o::table).values(&row).execute(conn)?;
    Ok(row.id)
}

/// The partnership's messages, newest first, at most `limit`.
pub fn list(conn: &mut DbConn, tenant_id: &str, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    o::table.filter(o::tenant_id.eq(tenant_id)).order((o::created_at.desc(), o::id.desc())).limit(limit).load(conn)
}

pub fn entry(row: OutboxRow) -> OutboxEntry {
    let waiting = matches!(row.state, OutboxState::Queued);
    OutboxEntry {
        id: row.id.uuid(),
        recipient: row.recipient,
        subject: row.subject,
        kind: row.kind,
        state: row.state,
        attempts: row.attempts,
        created_at: row.created_at.and_utc(),
        next_attempt_at: waiting.then(|| row.next_attempt_at.and_utc()),
        sent_at: row.sent_at.map(|t| t.and_utc()),
        last_error: row.last_error,
    }
}

/// Messages due now, oldest due first: queued ones whose time has come, and ones whose
/// sending was claimed but not finished in time (a sender that stopped).
pub fn due(conn: &mut DbConn, at: NaiveDateTime, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    o::table
        .filter(o::state.eq_any([OutboxState::Queued, OutboxState::Sending]))
        .filter(o::next_attempt_at.le(at))
        .order(o::next_attempt_at)
        .limit(limit)
        .load(conn)
}

/// Claims a due message for sending until `until`; false when another sender took it.
pub fn claim(conn: &mut DbConn, row: &OutboxRow, until: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        o::table
            .find((&row.tenant_id, row.id.as_str()))
            .filter(o::state.eq(row.state))
            .filter(o::next_attempt_at.eq(row.next_attempt_at)),
    )
    .set((o::state.eq(OutboxState::Sending), o::next_attempt_at.eq(until)))
    .execute(conn)?;
    Ok(n == 1)
}

/// The message was accepted by the mail server: its body is dropped.
pub fn sent(conn: &mut DbConn, row: &OutboxRow) -> QueryResult<()> {
    let at = now();
    diesel::update(o::table.find((&row.tenant_id, row.id.as_str())))
        .set((
            o::state.eq(OutboxState::Sent),
            o::attempts.eq(row.attempts + 1),
            o::sent_at.eq(Some(at)),
            o::last_error.eq(None::<String>),
            o::body.eq(""),
        ))
        .execute(conn)?;
    Ok(())
}

/// A try failed with the error class `class`: retried at `retry_at`, or given up (its body
/// dropped) when `retry_at` is `None`.
pub fn failed(conn: &mut DbConn, row: &OutboxRow, class: &str, retry_at: Option<NaiveDateTime>) -> QueryResult<()> {
    let target = o::table.find((&row.tenant_id, row.id.as_str()));
    let attempts = row.attempts + 1;
    match retry_at {
        Some(at) => diesel::update(target)
            .set((
                o::state.eq(OutboxState::Queued),
                o::attempts.eq(attempts),
                o::next_attempt_at.eq(at),
                o::last_error.eq(Some(class)),
            ))
            .execute(conn)?,
        None => diesel::update(target)
            .set((
                o::state.eq(OutboxState::Failed),
                o::attempts.eq(attempts),
                o::last_error.eq(Some(class)),
                o::body.eq(""),
            ))
            .execute(conn)?,
    };
    Ok(())
}
