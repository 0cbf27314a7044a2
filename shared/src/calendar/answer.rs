//! What the calendar API takes and answers.
use super::working_days::CalendarWarning;
use crate::region::Region;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `from` plus `days` working days, on the partnership's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkingDaysAnswer {
    pub from: NaiveDate,
    pub days: u32,
    /// The `days`-th working day strictly after `from`.
    pub due: NaiveDate,
    pub region: Region,
    pub warnings: Vec<CalendarWarning>,
}

/// The most working days the calendar API reckons at once (about four years).
pub const MAX_DAYS: u32 = 1000;

/// A partnership's own closure days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClosureDays {
    pub days: Vec<NaiveDate>,
}

/// The most closure days a partnership may set.
pub const MAX_CLOSURE_DAYS: usize = 366;
