//! Housekeeping: what can no longer be used is deleted. A refresh token or a password-reset
//! or invitation link past its end is never accepted again, so keeping it only keeps a hash
//! for nothing. A day's grace lets a session that has just ended still be recognised.
use crate::db::DbConn;
use crate::schema::{password_resets as pr, refresh_tokens as rt};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// How long after its end a token or link is kept.
pub const GRACE: chrono::Duration = chrono::Duration::days(1);

/// How many of each were deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub refresh_tokens: usize,
    pub links: usize,
}

/// Deletes the refresh tokens and links that ended a day or more before `at`.
pub fn expired(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<Purged> {
    let before = at - GRACE;
    crate::db::write_transaction(conn, |conn| {
        let refresh_tokens = diesel::delete(rt::table.filter(rt::expires_at.lt(before))).execute(conn)?;
        let links = diesel::delete(pr::table.filter(pr::expires_at.lt(before))).execute(conn)?;
        Ok(Purged { refresh_tokens, links })
    })
}

/// Runs [`expired`] now and then every hour, on a thread of its own; says the counts (never
/// whose).
pub fn start(pool: crate::db::Pool) {
    let spawned = std::thread::Builder::new().name("purge".into()).spawn(move || loop {
        match crate::db::checkout(&pool) {
            Ok(mut conn) => match expired(&mut conn, crate::models::now()) {
                Ok(p) if p.refresh_tokens + p.links > 0 => {
                    tracing::info!(
                        refresh_tokens = p.refresh_tokens,
                        links = p.links,
                        "purged expired tokens and links"
                    )
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "purging expired tokens failed; trying again in an hour"),
            },
            Err(e) => tracing::warn!(error = %e, "no connection to purge expired tokens; trying again in an hour"),
        }
        std::thread::sleep(std::time::Duration::from_secs(3600));
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the purge of expired tokens");
    }
}
