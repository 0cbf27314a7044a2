//! Learning that changes practice (issue 15): the partnership's themes, actions followed to
//! the evidence of their impact, 6-step briefings, the timeliness statistics and quarterly
//! report, and each person's calendar feed.
pub mod actions;
pub mod briefings;
pub mod feed;
pub mod statistics;
pub mod themes;

use crate::error::{ApiError, ApiResult};
use shared::learning::themes::MAX_QUARTERS;
use shared::learning::Quarter;

/// The quarter a query names (`2026-Q4`), or this one.
pub fn quarter_named(text: Option<&str>) -> ApiResult<Quarter> {
    match text {
        None => Ok(Quarter::of(crate::api::today())),
        Some(t) => Quarter::parse(t).ok_or_else(|| ApiError::malformed("a quarter is written as 2026-Q4")),
    }
}

/// The quarters a view over time shows: `count` (1 to 20; `default` when not given) ending with
/// the quarter `to` names, oldest first.
pub fn quarters_shown(to: Option<&str>, count: Option<usize>, default: usize) -> ApiResult<Vec<Quarter>> {
    let last = quarter_named(to)?;
    let count = count.unwrap_or(default);
    if !(1..=MAX_QUARTERS).contains(&count) {
        return Err(ApiError::malformed("quarters must be from 1 to 20"));
    }
    Ok(last.last(count))
}
