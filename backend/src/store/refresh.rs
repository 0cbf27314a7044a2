//! Refresh tokens: stored as hashes, rotated on use; reuse of a rotated token revokes its family.
use crate::auth::tokens::{hash_refresh, random_token, REFRESH_TOKEN_DAYS};
use crate::db::DbConn;
use crate::models::{new_id, now, RefreshTokenRow};
use crate::schema::refresh_tokens as rt;
use diesel::prelude::*;

/// Issues a new token in `family` (a new family when `None`); returns the plain token.
pub fn issue(conn: &mut DbConn, tenant_id: &str, user_id: &str, family: Option<&str>) -> QueryResult<String> {
    let token = random_token();
    let issued = now();
    let row = RefreshTokenRow {
        tenant_id: tenant_id.into(),
        id: new_id(),
        user_id: user_id.into(),
        family_id: family.map_or_else(new_id, str::to_string),
        token_hash: hash_refresh(&token),
        issued_at: issued,
        expires_at: issued + chrono::Duration::days(REFRESH_TOKEN_DAYS),
        used_at: None,
        revoked_at: None,
    };
    diesel::insert_into(rt::table).values(&row).execute(conn)?;
    Ok(token)
}

pub fn find(conn: &mut DbConn, token: &str) -> QueryResult<Option<RefreshTokenRow>> {
    rt::table.filter(rt::token_hash.eq(hash_refresh(token))).first(conn).optional()
}

/// Marks the token used; false when another request used it first.
pub fn mark_used(conn: &mut DbConn, row: &RefreshTokenRow) -> QueryResult<bool> {
    let n = diesel::update(rt::table.find((&row.tenant_id, &row.id)).filter(rt::used_at.is_null()))
        .set(rt::used_at.eq(Some(now())))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke_family(conn: &mut DbConn, tenant_id: &str, family_id: &str) -> QueryResult<usize> {
    diesel::update(
        rt::table
            .filter(rt::tenant_id.eq(tenant_id))
            .filter(rt::family_id.eq(family_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(Some(now())))
    .execute(conn)
}

/// Ends every session of the person, in every partnership: each refresh-token family of
/// theirs is revoked (after a password change or reset).
pub fn end_sessions(conn: &mut DbConn, user_id: &str) -> QueryResult<()> {
    diesel::update(rt::table.filter(rt::user_id.eq(user_id)).filter(rt::revoked_at.is_null()))
        .set(rt::revoked_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}
