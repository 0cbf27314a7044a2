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

/// What a link is for.
pub const RESET: &str = "reset";
pub const INVITATION: &str = "invitation";

/// Issues a token for the person in the partnership; answers the plain token.
pub fn issue(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<String> {
    issue_for(conn, tenant_id, user_id, RESET, chrono::Duration::minutes(RESET_MINUTES))
}

/// Issues an invitation's token (a new account's first password), valid for
/// [`shared::people::INVITATION_DAYS`].
pub fn issue_invitation(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<String> {
    issue_for(conn, tenant_id, user_id, INVITATION, chrono::Duration::days(shared::people::INVITATION_DAYS))
}

fn issue_for(
    conn: &mut DbConn,
    tenant_id: &str,
    user_id: &str,
    purpose: &str,
    lasts: chrono::Duration,
) -> QueryResult<String> {
    let token = random_token();
    let at = now();
    let row = PasswordResetRow {
        tenant_id: tenant_id.into(),
        id: new_id(),
        user_id: user_id.into(),
        token_hash: hash_refresh(&token),
        created_at: at,
        expires_at: at + lasts,
        used_at: None,
        purpose: purpose.into(),
    };
    diesel::insert_into(pr::table).values(&row).execute(conn)?;
    Ok(token)
}

/// Reset tokens issued to the person (in any partnership) in the last hour.
pub fn issued_last_hour(conn: &mut DbConn, user_id: &str) -> QueryResult<i64> {
    pr::table
        .filter(pr::user_id.eq(user_id))
        .filter(pr::purpose.eq(RESET))
        .filter(pr::created_at.gt(now() - chrono::Duration::hours(1)))
        .count()
        .get_result(conn)
}

/// The link of this token, for this purpose.
pub fn find_for(conn: &mut DbConn, token: &str, purpose: &str) -> QueryResult<Option<PasswordResetRow>> {
    pr::table.filter(pr::token_hash.eq(hash_refresh(token))).filter(pr::purpose.eq(purpose)).first(conn).optional()
}

/// Whether the person has an invitation not yet used (nor expired) in the partnership.
pub fn invitation_pending(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<bool> {
    let n: i64 = pr::table
        .filter(pr::tenant_id.eq(tenant_id))
        .filter(pr::user_id.eq(user_id))
        .filter(pr::purpose.eq(INVITATION))
        .filter(pr::used_at.is_null())
        .filter(pr::expires_at.gt(now()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
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
