//! "N working days after D": the N-th working day strictly after D, skipping weekends,
//! the region's bank holidays and the partnership's closure days.
use super::bank_holidays::Division;
use crate::region::Region;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Something the reader of a due date must know: today, only that the date lies in a year
/// whose bank holidays are not known, so a holiday may have been counted as a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarWarning {
    /// Stable code: `holidays_unknown`.
    pub code: String,
    /// The year whose bank holidays are not known.
    pub year: i32,
    pub message: String,
}

impl CalendarWarning {
    pub const HOLIDAYS_UNKNOWN: &'static str = "holidays_unknown";

    fn holidays_unknown(region: Region, year: i32) -> CalendarWarning {
        CalendarWarning {
            code: Self::HOLIDAYS_UNKNOWN.into(),
            year,
            message: format!(
                "The bank holidays of {} in {year} are not known: days in {year} were counted as working days \
                 unless they fall on a weekend or a closure day. Import a newer bank-holiday list.",
                region.as_str()
            ),
        }
    }
}

/// A date reckoned on the calendar, with what may make it wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reckoning<T> {
    pub value: T,
    pub warnings: Vec<CalendarWarning>,
}

/// One partnership's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCalendar {
    region: Region,
    holidays: BTreeSet<NaiveDate>,
    known_years: BTreeSet<i32>,
    closures: BTreeSet<NaiveDate>,
}

impl WorkingCalendar {
    pub fn new(region: Region, division: &Division, closures: impl IntoIterator<Item = NaiveDate>) -> Self {
        WorkingCalendar {
            region,
            holidays: division.dates.clone(),
            known_years: division.years.clone(),
            closures: closures.into_iter().collect(),
        }
    }

    pub fn region(&self) -> Region {
        self.region
    }

    pub fn is_weekend(date: NaiveDate) -> bool {
        matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !Self::is_weekend(date) && !self.holidays.contains(&date) && !self.closures.contains(&date)
    }

    fn warn_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<CalendarWarning> {
        (from.year()..=to.year())
            .filter(|y| !self.known_years.contains(y))
            .map(|y| CalendarWarning::holidays_unknown(self.region, y))
            .collect()
    }

    /// The `n`-th working day strictly after `from` (`from` itself when `n` is 0), warned
    /// when a year it passes through has no known bank holidays. `None` only past the end
    /// of the calendar (year 262143).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Option<Reckoning<NaiveDate>> {
        let mut date = from;
        let mut left = n;
        while left > 0 {
            date = date.succ_opt()?;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        let warnings = if n == 0 { Vec::new() } else { self.warn_years(from.succ_opt()?, date) };
        Some(Reckoning { value: date, warnings })
    }

    /// Working days `d` with `from < d <= to`; negative (the days in `to < d <= from`)
    /// when `to` is before `from`. From today to a due date it is the working days left.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let Some(start) = from.succ_opt() else { return 0 };
        if to < start {
            return 0;
        }
        let weekdays = weekdays_in(start, to);
        let off = self
            .holidays
            .range(start..=to)
            .chain(self.closures.range(start..=to).filter(|d| !self.holidays.contains(d)))
            .filter(|d| !Self::is_weekend(**d))
            .count() as i64;
        weekdays - off
    }

    /// Calendar months after `from` (the 6-month clock of a local CSPR); the day is kept,
    /// or the month's last day when the month is shorter.
    pub fn add_months(from: NaiveDate, months: u32) -> Option<NaiveDate> {
        from.checked_add_months(Months::new(months))
    }

    /// Days after `from` in the calendar (not working days).
    pub fn add_days(from: NaiveDate, days: u64) -> Option<NaiveDate> {
        from.checked_add_days(Days::new(days))
    }
}

/// Monday-to-Friday days in `start..=end` (`start <= end`).
fn weekdays_in(start: NaiveDate, end: NaiveDate) -> i64 {
    let days = (end - start).num_days() + 1;
    let full_weeks = days / 7;
    let mut count = full_weeks * 5;
    let mut d = start + chrono::Duration::days(full_weeks * 7);
    while d <= end {
        if !WorkingCalendar::is_weekend(d) {
            count += 1;
        }
        d = match d.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    count
}

#[cfg(test)]
#[path = "working_days_tests.rs"]
mod tests;
