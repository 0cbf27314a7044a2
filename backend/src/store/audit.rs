//! Append-only audit events: actions, never content. Each partnership's events form a hash
//! chain: event `seq` n carries the SHA-256 of event n−1's hash and its own fields, and the
//! partnership's head (`audit_heads`) holds the last seq and hash, so that [`verify`] finds
//! any event edited, deleted or moved.
//!
//! On PostgreSQL an event is written within its action's own transaction without its place,
//! and *sealed* into the chain a moment later by [`seal_unsealed`] (the server's trail
//! thread, every second), in a short transaction of its own that holds the partnership's
//! head: so no action's transaction ever waits on another's for the chain, and two instances
//! seal one after the other. On SQLite writes already happen one at a time (the server's
//! writer thread, `crate::writer`), so an event is sealed as it is written: sealing later cost
//! the writer a second write of every event (its row and two indexes again), a sixth of its
//! time under a load of draft saves (`cargo xtask bench`). A sealed event cannot be changed
//! and no event can be deleted (triggers).
use crate::db::DbConn;
use crate::models::{now, AuditRow};
use crate::schema::{audit_events as ae, audit_heads as ah, tenants};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

pub struct Event<'a> {
    pub tenant_id: &'a str,
    pub actor_id: Option<&'a str>,
    /// e.g. `referral.create`, `auth.login`.
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<&'a str>,
    pub request_id: Option<&'a str>,
    /// The client's address: sign-in events only.
    pub address: Option<&'a str>,
}

impl Event<'_> {
    fn row(&self) -> AuditRow {
        AuditRow {
            tenant_id: self.tenant_id.to_string(),
            // Time-ordered: a new event's key comes after the others, so the events written
            // together land on the key's last page instead of one page each across it (on
            // SQLite, a page written to the log per event: a quarter of the writer's time
            // under draft saves once the trail held 250k events).
            id: uuid::Uuid::now_v7().to_string(),
            at: now(),
            actor_id: self.actor_id.map(str::to_string),
            action: self.action.to_string(),
            entity_type: self.entity_type.to_string(),
            entity_id: self.entity_id.map(str::to_string),
            request_id: self.request_id.filter(|s| !s.is_empty()).map(str::to_string),
            address: self.address.map(str::to_string),
            seq: None,
            hash: None,
            repeats: 1,
        }
    }
}

/// An event's hash: of the previous hash, its place and every field, as one JSON array
/// (unambiguous, whatever the fields hold).
pub fn chain_hash(previous: &str, seq: i64, row: &AuditRow) -> String {
    // A tuple is written as the same JSON array as `json!([...])`, without building a tree.
    let at = row.at.format("%Y-%m-%d %H:%M:%S%.6f").to_string();
    let fields = (
        previous,
        seq,
        &row.tenant_id,
        &row.id,
        at,
        &row.actor_id,
        &row.action,
        &row.entity_type,
        &row.entity_id,
        &row.request_id,
        &row.address,
        row.repeats,
    );
    let text = serde_json::to_vec(&fields).unwrap_or_default();
    hex(&Sha256::digest(&text))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Locks the partnership's head (an UPDATE first: on PostgreSQL the row lock, on SQLite the
/// write lock) and reads it. Every partnership has one from its creation ([`start_chain`]).
fn take_head(conn: &mut DbConn, tenant_id: &str) -> QueryResult<(i64, String)> {
    let n = diesel::update(ah::table.find(tenant_id)).set(ah::seq.eq(ah::seq)).execute(conn)?;
    if n == 0 {
        diesel::insert_into(ah::table)
            .values((ah::tenant_id.eq(tenant_id), ah::seq.eq(0_i64), ah::hash.eq("")))
            .execute(conn)?;
    }
    ah::table.find(tenant_id).select((ah::seq, ah::hash)).first(conn)
}

fn set_head(conn: &mut DbConn, tenant_id: &str, seq: i64, hash: &str) -> QueryResult<()> {
    let moved = crate::kept_update!(ah::table, ah::tenant_id.eq(tenant_id), (ah::seq.eq(seq), ah::hash.eq(hash)));
    crate::on_backend!(conn, |c| moved.execute(c))?;
    Ok(())
}

/// A new partnership's empty chain.
pub fn start_chain(conn: &mut DbConn, tenant_id: &str) -> QueryResult<()> {
    diesel::insert_into(ah::table)
        .values((ah::tenant_id.eq(tenant_id), ah::seq.eq(0_i64), ah::hash.eq("")))
        .execute(conn)?;
    Ok(())
}

pub fn record(conn: &mut DbConn, e: Event<'_>) -> QueryResult<()> {
    insert(conn, e.row())
}

/// Writes one event with a count in `repeats` (reads counted in a batch, records deleted):
/// how many, never what.
pub fn record_counted(conn: &mut DbConn, e: Event<'_>, count: i32) -> QueryResult<()> {
    let mut row = e.row();
    row.repeats = count.max(1);
    insert(conn, row)
}

/// Writes events, in order (one statement each: a multi-row insert is not available over
/// both databases at once), in one transaction.
pub fn record_many(conn: &mut DbConn, events: &[Event<'_>]) -> QueryResult<()> {
    crate::db::write_transaction(conn, |conn| {
        for e in events {
            insert(conn, e.row())?;
        }
        Ok(())
    })
}

/// Writes an event: on PostgreSQL unsealed (the trail thread seals it), on SQLite sealed at
/// once after its partnership's head, which moves on with it (see the module's note). Events
/// left unsealed from before are sealed by [`seal_unsealed`] after it, as on PostgreSQL.
fn insert(conn: &mut DbConn, mut row: AuditRow) -> QueryResult<()> {
    if let DbConn::Sqlite(_) = conn {
        if !crate::db::in_transaction(conn) {
            // the head is read, then moved on: under the write lock
            return crate::db::write_transaction(conn, |conn| insert(conn, row));
        }
        let head: Option<(i64, String)> = crate::on_backend!(conn, |c| ah::table
            .find(&row.tenant_id)
            .select((ah::seq, ah::hash))
            .first(c)
            .optional())?;
        let (seq, hash) = match head {
            Some((seq, hash)) => (seq + 1, chain_hash(&hash, seq + 1, &row)),
            None => {
                start_chain(conn, &row.tenant_id)?;
                (1, chain_hash("", 1, &row))
            }
        };
        row.seq = Some(seq);
        row.hash = Some(hash);
        crate::on_backend!(conn, |c| diesel::insert_into(ae::table).values(&row).execute(c))?;
        return set_head(conn, &row.tenant_id, seq, row.hash.as_deref().unwrap_or_default());
    }
    crate::on_backend!(conn, |c| diesel::insert_into(ae::table).values(&row).execute(c))?;
    Ok(())
}

/// Appends events sealed as they are written (the trail thread's batches of reads): per
/// partnership, in one order, under its head: what requests wrote meanwhile is sealed first,
/// then these go in, 100 rows a statement. All in one transaction.
pub fn append_sealed(conn: &mut DbConn, events: &[Event<'_>]) -> QueryResult<()> {
    let mut by_tenant: std::collections::BTreeMap<&str, Vec<AuditRow>> = std::collections::BTreeMap::new();
    for e in events {
        let rows = by_tenant.entry(e.tenant_id).or_default();
        // The same read of the same record by the same person in this batch: counted, once.
        let same = |r: &&mut AuditRow| {
            r.actor_id.as_deref() == e.actor_id && r.action == e.action && r.entity_id.as_deref() == e.entity_id
        };
        match rows.iter_mut().rev().take(64).find(same) {
            Some(r) => r.repeats = r.repeats.saturating_add(1),
            None => rows.push(e.row()),
        }
    }
    crate::db::write_transaction(conn, |conn| {
        for (tenant_id, rows) in by_tenant {
            let (mut seq, mut hash) = take_head(conn, tenant_id)?;
            (seq, hash) = seal_pending(conn, tenant_id, seq, hash, i64::MAX)?;
            let mut sealed = Vec::with_capacity(rows.len());
            for mut row in rows {
                seq += 1;
                hash = chain_hash(&hash, seq, &row);
                row.seq = Some(seq);
                row.hash = Some(hash.clone());
                sealed.push(row);
            }
            for chunk in sealed.chunks(100) {
                insert_rows(conn, chunk)?;
            }
            set_head(conn, tenant_id, seq, &hash)?;
        }
        Ok(())
    })
}

/// One INSERT of many rows (`$n` placeholders, which both databases read).
fn insert_rows(conn: &mut DbConn, rows: &[AuditRow]) -> QueryResult<()> {
    use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamp};
    use std::fmt::Write;
    const COLUMNS: usize = 12;
    let mut sql = String::from(
        "INSERT INTO audit_events (tenant_id, id, at, actor_id, action, entity_type, entity_id, request_id, \
         address, seq, hash, repeats) VALUES ",
    );
    for i in 0..rows.len() {
        sql.push_str(if i == 0 { "(" } else { ", (" });
        for c in 0..COLUMNS {
            let _ = write!(sql, "{}${}", if c == 0 { "" } else { ", " }, i * COLUMNS + c + 1);
        }
        sql.push(')');
    }
    let mut q = diesel::sql_query(sql).into_boxed::<<DbConn as diesel::Connection>::Backend>();
    for r in rows {
        q = q
            .bind::<Text, _>(&r.tenant_id)
            .bind::<Text, _>(&r.id)
            .bind::<Timestamp, _>(r.at)
            .bind::<Nullable<Text>, _>(&r.actor_id)
            .bind::<Text, _>(&r.action)
            .bind::<Text, _>(&r.entity_type)
            .bind::<Nullable<Text>, _>(&r.entity_id)
            .bind::<Nullable<Text>, _>(&r.request_id)
            .bind::<Nullable<Text>, _>(&r.address)
            .bind::<Nullable<BigInt>, _>(r.seq)
            .bind::<Nullable<Text>, _>(&r.hash)
            .bind::<Integer, _>(r.repeats);
    }
    q.execute(conn)?;
    Ok(())
}

/// Seals a partnership's unsealed events (oldest first) after `seq` and `hash`, its head
/// being held; answers the new end of the chain.
fn seal_pending(
    conn: &mut DbConn,
    tenant_id: &str,
    mut seq: i64,
    mut hash: String,
    limit: i64,
) -> QueryResult<(i64, String)> {
    let rows: Vec<AuditRow> = ae::table
        .filter(ae::tenant_id.eq(tenant_id))
        .filter(ae::seq.is_null())
        .order((ae::at.asc(), ae::id.asc()))
        .limit(limit)
        .load(conn)?;
    for row in &rows {
        seq += 1;
        hash = chain_hash(&hash, seq, row);
        diesel::update(ae::table.find((&row.tenant_id, &row.id)))
            .set((ae::seq.eq(Some(seq)), ae::hash.eq(Some(&hash))))
            .execute(conn)?;
    }
    Ok((seq, hash))
}

/// Seals the events not yet in their partnership's chain (oldest first), one partnership per
/// transaction; the number sealed.
pub fn seal_unsealed(conn: &mut DbConn) -> QueryResult<usize> {
    let mut total = 0;
    loop {
        let n = seal_some(conn, SEAL_CHUNK)?;
        total += n;
        if n == 0 {
            return Ok(total);
        }
    }
}

/// Events sealed per transaction: a short hold of the write lock (SQLite's writer serves
/// other writes between two chunks).
pub const SEAL_CHUNK: i64 = 256;

/// Seals up to `limit` waiting events of each partnership that has some, one partnership per
/// transaction; the number sealed.
pub fn seal_some(conn: &mut DbConn, limit: i64) -> QueryResult<usize> {
    // Partnership by partnership, one probe each of the unsealed events: a DISTINCT over the
    // events themselves walked the whole table on SQLite (its planner chose the covering
    // `audit_events_by_seq`), every second, on the writer: 38% of its time under a load of
    // draft saves with 200k events (`cargo xtask bench`).
    let waiting = ae::table.filter(ae::tenant_id.eq(tenants::id)).filter(ae::seq.is_null());
    let tenants: Vec<String> =
        tenants::table.filter(diesel::dsl::exists(waiting)).select(tenants::id).order(tenants::id).load(conn)?;
    let mut total = 0;
    for tenant_id in tenants {
        total += crate::db::write_transaction(conn, |conn| {
            // The head first: another sealer may have sealed these meanwhile.
            let (before, hash) = take_head(conn, &tenant_id)?;
            let (seq, hash) = seal_pending(conn, &tenant_id, before, hash, limit)?;
            set_head(conn, &tenant_id, seq, &hash)?;
            Ok::<_, diesel::result::Error>(usize::try_from(seq - before).unwrap_or(0))
        })?;
    }
    Ok(total)
}

/// The first event of a partnership's chain that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub tenant: String,
    /// The place where the chain breaks.
    pub seq: i64,
    /// The event found there, if any.
    pub event_id: Option<String>,
    pub why: String,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: event {}", self.tenant, self.seq)?;
        if let Some(id) = &self.event_id {
            write!(f, " ({id})")?;
        }
        write!(f, ": {}", self.why)
    }
}

/// How many events were checked, and the first break of each partnership. Events written
/// more than a minute ago and still not sealed are a break too (the server seals within a
/// second; `cspr audit verify` seals what is pending before it checks).
pub fn verify(conn: &mut DbConn) -> QueryResult<(usize, Vec<Break>)> {
    let all: Vec<(String, String)> =
        tenants::table.select((tenants::id, tenants::slug)).order(tenants::slug).load(conn)?;
    let stale = now() - chrono::Duration::seconds(60);
    let mut checked = 0;
    let mut breaks = Vec::new();
    for (tenant_id, slug) in all {
        let rows: Vec<AuditRow> = ae::table
            .filter(ae::tenant_id.eq(&tenant_id))
            .filter(ae::seq.is_not_null())
            .order(ae::seq.asc())
            .load(conn)?;
        let head: Option<(i64, String)> =
            ah::table.find(&tenant_id).select((ah::seq, ah::hash)).first(conn).optional()?;
        checked += rows.len();
        let unsealed: i64 = ae::table
            .filter(ae::tenant_id.eq(&tenant_id))
            .filter(ae::seq.is_null())
            .filter(ae::at.lt(stale))
            .count()
            .get_result(conn)?;
        let found = first_break(&slug, &rows, head).or_else(|| {
            (unsealed > 0).then(|| Break {
                tenant: slug.clone(),
                seq: rows.last().and_then(|r| r.seq).unwrap_or(0) + 1,
                event_id: None,
                why: format!("{unsealed} events written over a minute ago were never sealed into the chain"),
            })
        });
        breaks.extend(found);
    }
    Ok((checked, breaks))
}

fn first_break(tenant: &str, rows: &[AuditRow], head: Option<(i64, String)>) -> Option<Break> {
    let at = |seq: i64, row: Option<&AuditRow>, why: &str| Break {
        tenant: tenant.to_string(),
        seq,
        event_id: row.map(|r| r.id.clone()),
        why: why.to_string(),
    };
    let (mut expected, mut previous) = (1_i64, String::new());
    for row in rows {
        let seq = row.seq.unwrap_or(0);
        if seq > expected {
            return Some(at(expected, None, &format!("events {expected} to {} are missing (deleted)", seq - 1)));
        }
        if row.hash.as_deref() != Some(chain_hash(&previous, seq, row).as_str()) {
            return Some(at(seq, Some(row), "its hash does not match: the event was changed, or moved from its place"));
        }
        previous = row.hash.clone().unwrap_or_default();
        expected = seq + 1;
    }
    let last = expected - 1;
    match head {
        // Every partnership has a head from its creation: none means it was deleted.
        None => Some(at(last + 1, None, "the chain's head is missing (deleted)")),
        Some((seq, _)) if seq > last => {
            Some(at(last + 1, None, &format!("events {} to {seq} are missing (deleted)", last + 1)))
        }
        Some((seq, _)) if seq < last => {
            Some(at(seq + 1, rows.get(seq as usize), "the chain's head is behind its events"))
        }
        Some((_, hash)) if hash != previous => {
            Some(at(last, rows.last(), "the chain's head does not match its last event"))
        }
        _ => None,
    }
}

/// What the business office may filter the trail by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor_id: Option<String>,
    pub entity_id: Option<String>,
}

/// The newest events first.
pub fn list(conn: &mut DbConn, tenant_id: &str, filter: &Filter, limit: i64) -> QueryResult<Vec<AuditRow>> {
    let mut q = ae::table.filter(ae::tenant_id.eq(tenant_id)).into_boxed();
    if let Some(actor) = &filter.actor_id {
        q = q.filter(ae::actor_id.eq(actor));
    }
    if let Some(entity) = &filter.entity_id {
        q = q.filter(ae::entity_id.eq(entity));
    }
    q.order((ae::at.desc(), ae::id.desc())).limit(limit).load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(i: i64) -> AuditRow {
        AuditRow {
            tenant_id: "t".into(),
            id: format!("id{i}"),
            at: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap(),
            actor_id: Some("u".into()),
            action: "case.read".into(),
            entity_type: "case".into(),
            entity_id: Some(format!("c{i}")),
            request_id: None,
            address: None,
            seq: None,
            hash: None,
            repeats: 1,
        }
    }

    fn chain(n: i64) -> (Vec<AuditRow>, (i64, String)) {
        let mut prev = String::new();
        let rows: Vec<AuditRow> = (1..=n)
            .map(|i| {
                let mut r = row(i);
                prev = chain_hash(&prev, i, &r);
                r.seq = Some(i);
                r.hash = Some(prev.clone());
                r
            })
            .collect();
        (rows, (n, prev))
    }

    #[test]
    fn the_hash_covers_the_fields_as_one_json_array() {
        let mut r = row(1);
        r.address = Some("192.0.2.1".into());
        let text = serde_json::json!([
            "prev",
            7,
            r.tenant_id,
            r.id,
            "2026-01-01 00:00:00.000000",
            r.actor_id,
            r.action,
            r.entity_type,
            r.entity_id,
            r.request_id,
            r.address,
            r.repeats,
        ])
        .to_string();
        assert_eq!(chain_hash("prev", 7, &r), hex(&Sha256::digest(text.as_bytes())));
        assert_eq!(hex(&[0x00, 0xab, 0xff]), "00abff");
    }

    #[test]
    fn an_honest_chain_holds_and_each_tampering_names_its_place() {
        let (rows, head) = chain(5);
        assert_eq!(first_break("t", &rows, Some(head.clone())), None);
        let mut edited = rows.clone();
        edited[2].action = "case.update".into();
        assert_eq!(first_break("t", &edited, Some(head.clone())).unwrap().seq, 3);
        let mut deleted = rows.clone();
        deleted.remove(1);
        let b = first_break("t", &deleted, Some(head.clone())).unwrap();
        assert_eq!((b.seq, b.event_id), (2, None));
        let tail = rows[..4].to_vec();
        assert_eq!(first_break("t", &tail, Some(head.clone())).unwrap().seq, 5);
        let mut swapped = rows.clone();
        swapped[1].seq = Some(3);
        swapped[2].seq = Some(2);
        swapped.sort_by_key(|r| r.seq);
        assert_eq!(first_break("t", &swapped, Some(head)).unwrap().seq, 2);
        assert!(chain_hash("", 1, &row(1)) != chain_hash("x", 1, &row(1)));
    }
}
