//! Sessions and their refresh tokens. A session is one sign-in, with an absolute end; its
//! refresh tokens are stored as hashes and rotated on use, each living only until the idle
//! limit or the session's end, whichever is first. Using a rotated token again ends the
//! session with every token in it, including any issued after the reuse.
use crate::auth::tokens::{hash_refresh, random_token};
use crate::config::Sessions;
use crate::db::DbConn;
use crate::models::{new_id, now, RefreshTokenRow, SessionRow};
use crate::schema::{refresh_tokens as rt, sessions as s};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

fn secs(n: u64) -> Duration {
    Duration::seconds(i64::try_from(n).unwrap_or(i64::MAX / 2_000))
}

/// A refresh token's end: the idle limit from now, or the session's end if sooner. The
/// idle limit is at least twice an access token's life, so an open page can refresh.
fn token_end(limits: &Sessions, session: &SessionRow, at: NaiveDateTime) -> NaiveDateTime {
    let idle = limits.idle_secs.max(2 * shared::auth::ACCESS_TOKEN_SECONDS);
    (at + secs(idle)).min(session.ends_at)
}

fn issue_in(conn: &mut DbConn, limits: &Sessions, session: &SessionRow) -> QueryResult<String> {
    let token = random_token();
    let issued = now();
    let row = RefreshTokenRow {
        tenant_id: session.tenant_id.clone(),
        id: new_id(),
        user_id: session.user_id.clone(),
        family_id: session.id.clone(),
        token_hash: hash_refresh(&token),
        issued_at: issued,
        expires_at: token_end(limits, session, issued),
        used_at: None,
        revoked_at: None,
    };
    diesel::insert_into(rt::table).values(&row).execute(conn)?;
    Ok(token)
}

/// Starts a session (a sign-in) and issues its first refresh token.
pub fn start(
    conn: &mut DbConn,
    limits: &Sessions,
    tenant_id: &str,
    user_id: &str,
    enrolling: bool,
) -> QueryResult<(SessionRow, String)> {
    let started = now();
    let session = SessionRow {
        tenant_id: tenant_id.into(),
        id: new_id(),
        user_id: user_id.into(),
        started_at: started,
        ends_at: started + secs(limits.max_secs),
        revoked_at: None,
        enrolling,
    };
    crate::db::write_transaction(conn, |conn| {
        diesel::insert_into(s::table).values(&session).execute(conn)?;
        let token = issue_in(conn, limits, &session)?;
        Ok((session, token))
    })
}

/// What a refresh came to.
pub enum Rotation {
    /// A new token in the same session, and the person's epoch as it was then (read under
    /// the token's lock: a reuse detected after it raises the epoch past it).
    Rotated { session: SessionRow, token: String, epoch: i64 },
    /// Unknown, expired, revoked, or its session ended.
    Invalid,
    /// Already used: the session has been ended.
    Reused { session: SessionRow },
}

/// Exchanges a refresh token for the next one, in one transaction. The token is marked
/// used first (on PostgreSQL that takes its row lock, so two refreshes of one token run one
/// after the other and the second finds it used; on SQLite the transaction holds the write
/// lock from its start).
pub fn rotate(conn: &mut DbConn, limits: &Sessions, token: &str) -> QueryResult<Rotation> {
    let hash = hash_refresh(token);
    crate::db::write_transaction(conn, |conn| {
        let at = now();
        let first_use = diesel::update(rt::table.filter(rt::token_hash.eq(&hash)).filter(rt::used_at.is_null()))
            .set(rt::used_at.eq(Some(at)))
            .execute(conn)?
            == 1;
        let Some(row) = rt::table.filter(rt::token_hash.eq(&hash)).first::<RefreshTokenRow>(conn).optional()? else {
            return Ok(Rotation::Invalid);
        };
        let Some(session) = s::table.find((&row.tenant_id, &row.family_id)).first::<SessionRow>(conn).optional()?
        else {
            return Ok(Rotation::Invalid);
        };
        if !first_use {
            end(conn, &session.tenant_id, &session.id)?;
            return Ok(Rotation::Reused { session });
        }
        if row.revoked_at.is_some() || row.expires_at <= at || session.revoked_at.is_some() || session.ends_at <= at {
            return Ok(Rotation::Invalid);
        }
        let token = issue_in(conn, limits, &session)?;
        let epoch: i64 = crate::schema::users::table
            .find(&session.user_id)
            .select(crate::schema::users::session_epoch)
            .first(conn)?;
        Ok(Rotation::Rotated { session, token, epoch })
    })
}

/// The session a refresh token belongs to (used or not).
pub fn session_of(conn: &mut DbConn, token: &str) -> QueryResult<Option<SessionRow>> {
    let found: Option<(String, String)> = rt::table
        .filter(rt::token_hash.eq(hash_refresh(token)))
        .select((rt::tenant_id, rt::family_id))
        .first(conn)
        .optional()?;
    match found {
        Some((tenant_id, id)) => s::table.find((tenant_id, id)).first(conn).optional(),
        None => Ok(None),
    }
}

/// Ends one session and every refresh token in it.
pub fn end(conn: &mut DbConn, tenant_id: &str, session_id: &str) -> QueryResult<()> {
    let at = Some(now());
    diesel::update(s::table.find((tenant_id, session_id)).filter(s::revoked_at.is_null()))
        .set(s::revoked_at.eq(at))
        .execute(conn)?;
    diesel::update(
        rt::table
            .filter(rt::tenant_id.eq(tenant_id))
            .filter(rt::family_id.eq(session_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(at))
    .execute(conn)?;
    Ok(())
}

/// Ends every session of the person in one partnership.
pub fn end_sessions_in(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<()> {
    let at = Some(now());
    diesel::update(
        s::table.filter(s::tenant_id.eq(tenant_id)).filter(s::user_id.eq(user_id)).filter(s::revoked_at.is_null()),
    )
    .set(s::revoked_at.eq(at))
    .execute(conn)?;
    diesel::update(
        rt::table.filter(rt::tenant_id.eq(tenant_id)).filter(rt::user_id.eq(user_id)).filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(at))
    .execute(conn)?;
    Ok(())
}

/// Ends every session of the person in every partnership, and every access token they hold
/// (their epoch is raised: `auth::revocation`; another instance notices within its cache time).
pub fn end_sessions(conn: &mut DbConn, user_id: &str) -> QueryResult<()> {
    crate::store::directory::bump_epoch(conn, user_id)?;
    let at = Some(now());
    diesel::update(s::table.filter(s::user_id.eq(user_id)).filter(s::revoked_at.is_null()))
        .set(s::revoked_at.eq(at))
        .execute(conn)?;
    diesel::update(rt::table.filter(rt::user_id.eq(user_id)).filter(rt::revoked_at.is_null()))
        .set(rt::revoked_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Ends the person's sessions that may only enrol (once they have enrolled).
pub fn end_enrolling(conn: &mut DbConn, user_id: &str) -> QueryResult<()> {
    let ids: Vec<(String, String)> = s::table
        .filter(s::user_id.eq(user_id))
        .filter(s::enrolling.eq(true))
        .filter(s::revoked_at.is_null())
        .select((s::tenant_id, s::id))
        .load(conn)?;
    for (tenant_id, id) in ids {
        end(conn, &tenant_id, &id)?;
    }
    Ok(())
}

/// From now on the session may only enrol a second factor.
pub fn set_enrolling(conn: &mut DbConn, session: &SessionRow) -> QueryResult<()> {
    diesel::update(s::table.find((&session.tenant_id, &session.id))).set(s::enrolling.eq(true)).execute(conn)?;
    Ok(())
}

/// The session of a refresh token that still works (not used, revoked or expired, in a
/// session that has not ended).
pub fn live_session_of(conn: &mut DbConn, token: &str) -> QueryResult<Option<SessionRow>> {
    let at = now();
    let live: Option<(String, String)> = rt::table
        .filter(rt::token_hash.eq(hash_refresh(token)))
        .filter(rt::used_at.is_null())
        .filter(rt::revoked_at.is_null())
        .filter(rt::expires_at.gt(at))
        .select((rt::tenant_id, rt::family_id))
        .first(conn)
        .optional()?;
    let Some((tenant_id, id)) = live else { return Ok(None) };
    s::table.find((tenant_id, id)).filter(s::revoked_at.is_null()).filter(s::ends_at.gt(at)).first(conn).optional()
}
