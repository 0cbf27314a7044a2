//! Learning (issue 15): themes, actions, briefings, the statistics and the calendar feeds.
pub mod actions;
pub mod briefings;
pub mod feed;
pub mod statistics;
pub mod themes;

pub use themes::{ensure_seeded, save_themes, tag_case, tags_between, themes, themes_of_case};

use crate::db::DbConn;
use diesel::QueryResult;

/// Deletes what a case's learning holds (retention): its actions and briefings.
pub fn delete_of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<usize> {
    Ok(actions::delete_of_case(conn, tenant_id, case_id)? + briefings::delete_of_case(conn, tenant_id, case_id)?)
}
