//! Dates as people type them: three boxes (day, month, year), as in the GOV.UK date input.
use crate::FieldError;
use chrono::{Datelike, NaiveDate};

/// The three boxes of a date, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateParts {
    pub fn of(date: Option<NaiveDate>) -> DateParts {
        match date {
            Some(d) => DateParts { day: d.day().to_string(), month: d.month().to_string(), year: d.year().to_string() },
            None => DateParts::default(),
        }
    }

    fn is_empty(&self) -> bool {
        self.day.trim().is_empty() && self.month.trim().is_empty() && self.year.trim().is_empty()
    }
}

/// Reads the boxes: `Ok(None)` when all are empty; an error for `field` (a sentence that
/// starts with `label`) when the date is incomplete or not a real date.
pub fn parse_date(parts: &DateParts, field: &str, label: &str) -> Result<Option<NaiveDate>, FieldError> {
    if parts.is_empty() {
        return Ok(None);
    }
    let missing: Vec<&str> = [("day", &parts.day), ("month", &parts.month), ("year", &parts.year)]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(name, _)| name)
        .collect();
    if !missing.is_empty() {
        return Err(FieldError::new(field, "invalid", format!("{label} must include a {}", missing.join(" and "))));
    }
    let number = |s: &str| s.trim().parse::<u32>().ok();
    let real = match (number(&parts.day), number(&parts.month), number(&parts.year)) {
        (Some(d), Some(m), Some(y)) if (1000..=9999).contains(&y) => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    };
    real.map(Some).ok_or_else(|| FieldError::new(field, "invalid", format!("{label} must be a real date")))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as GOV.UK writes it: `5 October 2026`.
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(d: &str, m: &str, y: &str) -> DateParts {
        DateParts { day: d.into(), month: m.into(), year: y.into() }
    }

    #[test]
    fn reads_real_dates_and_empty_boxes() {
        assert_eq!(parse_date(&parts("5", "10", "2026"), "x", "The date"), Ok("2026-10-05".parse().ok()));
        assert_eq!(parse_date(&parts(" 05 ", "1", "2020"), "x", "The date"), Ok("2020-01-05".parse().ok()));
        assert_eq!(parse_date(&parts("", " ", ""), "x", "The date"), Ok(None));
    }

    #[test]
    fn says_what_is_missing_or_wrong() {
        let e = parse_date(&parts("5", "", ""), "child.date_of_birth", "The child's date of birth").unwrap_err();
        assert_eq!(e.field, "child.date_of_birth");
        assert_eq!(e.message, "The child's date of birth must include a month and year");
        let e = parse_date(&parts("31", "2", "2026"), "d", "The date").unwrap_err();
        assert_eq!(e.message, "The date must be a real date");
        assert!(parse_date(&parts("1", "1", "26"), "d", "The date").is_err(), "two-digit year");
        assert!(parse_date(&parts("a", "1", "2026"), "d", "The date").is_err());
    }

    #[test]
    fn round_trips_and_writes_dates_for_people() {
        let d: NaiveDate = "2026-10-05".parse().unwrap();
        assert_eq!(parse_date(&DateParts::of(Some(d)), "d", "The date"), Ok(Some(d)));
        assert_eq!(DateParts::of(None), DateParts::default());
        assert_eq!(long_date(d), "5 October 2026");
        assert_eq!(long_date("2026-12-31".parse().unwrap()), "31 December 2026");
    }
}
