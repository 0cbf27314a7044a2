//! Reminders of actions, every hour: each partnership's open actions due within 5 working
//! days, or overdue, get a message to their owner through the outbox
//! ([`crate::api::learning::actions::send_reminders`]). Logs hold counts only.
use crate::state::AppState;
use actix_web::web;
use diesel::prelude::*;

/// How often the reminders run (the first run a minute after the start).
const EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Starts the hourly round in a thread of its own.
pub fn start(state: web::Data<AppState>) {
    let spawned = std::thread::Builder::new().name("reminders".into()).spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(60));
        loop {
            if let Err(e) = round(&state) {
                tracing::warn!(code = ?e.body().code, "action reminders failed; trying again in an hour");
            }
            std::thread::sleep(EVERY);
        }
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the action reminders");
    }
}

fn round(state: &AppState) -> crate::error::ApiResult<()> {
    let tenants: Vec<String> = {
        let mut conn = crate::db::checkout(&state.pool)?;
        crate::schema::tenants::table.select(crate::schema::tenants::id).load(&mut conn)?
    };
    let base = state.link_base();
    for tenant in tenants {
        let mut conn = crate::db::checkout_for(&state.pool, Some(&tenant))?;
        let sent = crate::db::write_transaction(&mut conn, |conn| {
            crate::api::learning::actions::send_reminders(conn, state, &tenant, &base)
        })?;
        if sent.due_soon + sent.overdue > 0 {
            tracing::info!(due_soon = sent.due_soon, overdue = sent.overdue, "action reminders queued");
        }
    }
    Ok(())
}
