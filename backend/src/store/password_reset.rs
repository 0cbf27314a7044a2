//! Password-reset tokens: stored as hashes (like refresh tokens), one use, short-lived.
use crate::auth::tokens::{hash_refresh, random_token};
use crate::db::DbConn;
use crate::models::{new_id, now, PasswordResetRow};
use crate::schema::password_resets as pr;
use diesel::prelude::*;

/// A reset link works this long.
pub const RESET_MINUTES: i64 = 30;
/// Reset links sent per account per hour, at most.
pub const RESETS_PER_HOUR: i64 = 3;

/// Issues a token for the person in the partnership; answers the plain token.
pub fn issue(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<String> {
    let token = random_token();
    let at = now();
    let row = PasswordResetRow {
        tenant_id: tenant_id.into(),
        id: new_id(),
        user_id: user_id.into(),
        token_hash: hash_refresh(&token),
        created_at: at,
        expires_at: at + chrono::Duration::minutes(RESET_MINUTES),
        used_at: None,
    };
    diesel::insert_into(pr::table).values(&row).execute(conn)?;
    Ok(token)
}

/// Tokens issued to the person (in any partnership) in the last hour.
pub fn issued_last_hour(conn: &mut DbConn, user_id: &str) -> QueryResult<i64> {
    pr::table
        .filter(pr::user_id.eq(user_id))
        .filter(pr::created_at.gt(now() - chrono::Duration::hours(1)))
        .count()
        .get_result(conn)
}

pub fn find(conn: &mut DbConn, token: &str) -> QueryResult<Option<PasswordResetRow>> {
    pr::table.filter(pr::token_hash.eq(hash_refresh(token))).first(conn).optional()
}

/// Uses the token: false when it was used already (by another request too).
pub fn use_token(conn: &mut DbConn, row: &PasswordResetRow) -> QueryResult<bool> {
    let n = diesel::update(pr::table.find((&row.tenant_id, &row.id)).filter(pr::used_at.is_null()))
        .set(pr::used_at.eq(Some(now())))
        .execute(conn)?;
    Ok(n == 1)
}

/// Every token of the person not yet used stops working (after a new password is set).
pub fn use_all(conn: &mut DbConn, user_id: &str) -> QueryResult<()> {
    diesel::update(pr::table.filter(pr::user_id.eq(user_id)).filter(pr::used_at.is_null()))
        .set(pr::used_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}
