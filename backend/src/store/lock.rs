//! Row locks taken first in a multi-step write (read, decide, write back), so that writes of
//! one record wait for each other instead of failing on the version guard.
//!
//! PostgreSQL: `SELECT … FOR UPDATE` of the record's row: a second writer waits until the
//! first commits, then reads what it wrote. SQLite: nothing to do, a write transaction begins
//! `IMMEDIATE` and holds the database's write lock (see `db::write_transaction`).
//!
//! Each record's version (checked by its `update`) stays as the guard of last resort.
use crate::db::DbConn;
use crate::schema::{cases, information_requests, referrals};
use diesel::prelude::*;

/// Locks a case (and with it everything written through it: its local CSPR, agencies'
/// reports, the overview report). Missing rows lock nothing; the read after says 404.
pub fn case(conn: &mut DbConn, tenant_id: &str, id: &str) -> QueryResult<()> {
    if let DbConn::Pg(pg) = conn {
        cases::table.find((tenant_id, id)).select(cases::id).for_update().first::<String>(pg).optional()?;
    }
    Ok(())
}

pub fn referral(conn: &mut DbConn, tenant_id: &str, id: &str) -> QueryResult<()> {
    if let DbConn::Pg(pg) = conn {
        referrals::table.find((tenant_id, id)).select(referrals::id).for_update().first::<String>(pg).optional()?;
    }
    Ok(())
}

pub fn information_request(conn: &mut DbConn, tenant_id: &str, id: &str) -> QueryResult<()> {
    if let DbConn::Pg(pg) = conn {
        information_requests::table
            .find((tenant_id, id))
            .select(information_requests::id)
            .for_update()
            .first::<String>(pg)
            .optional()?;
    }
    Ok(())
}
