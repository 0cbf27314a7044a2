//! "Today" for the partnerships: the date in the UK, GMT in winter and British Summer Time
//! (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
//! October. A deadline or a "not in the future" check near midnight turns on this.
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut d = first_of_next.pred_opt()?;
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt()?;
    }
    Some(d)
}

/// Whether British Summer Time is in force at `at`.
pub fn is_bst(at: DateTime<Utc>) -> bool {
    let year = at.year();
    let (Some(start), Some(end)) = (last_sunday(year, 3), last_sunday(year, 10)) else { return false };
    let from = start.and_hms_opt(1, 0, 0).map(|t| t.and_utc());
    let until = end.and_hms_opt(1, 0, 0).map(|t| t.and_utc());
    matches!((from, until), (Some(f), Some(u)) if at >= f && at < u)
}

/// The date in the UK at `at`.
pub fn uk_date(at: DateTime<Utc>) -> NaiveDate {
    if is_bst(at) {
        (at + Duration::hours(1)).date_naive()
    } else {
        at.date_naive()
    }
}

/// A moment as people in the UK read it: "3 March 2026, 2:05pm GMT" (BST in summer).
pub fn uk_date_time(at: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let (local, zone) = if is_bst(at) { (at + Duration::hours(1), "BST") } else { (at, "GMT") };
    let hour = local.hour();
    let (h12, half) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    format!("{}, {h12}:{:02}{half} {zone}", crate::referral::journey::long_date(local.date_naive()), local.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn summer_evenings_are_already_tomorrow_in_the_uk() {
        assert_eq!(uk_date(at("2026-06-01T23:30:00Z")), d("2026-06-02"));
        assert_eq!(uk_date(at("2026-06-01T22:59:59Z")), d("2026-06-01"));
        assert_eq!(uk_date(at("2026-12-01T23:30:00Z")), d("2026-12-01"));
    }

    #[test]
    fn the_clocks_change_at_one_in_the_morning_utc() {
        // 2026: last Sundays are 29 March and 25 October
        assert!(!is_bst(at("2026-03-29T00:59:59Z")));
        assert!(is_bst(at("2026-03-29T01:00:00Z")));
        assert!(is_bst(at("2026-10-25T00:59:59Z")));
        assert!(!is_bst(at("2026-10-25T01:00:00Z")));
        assert_eq!(uk_date(at("2026-03-28T23:30:00Z")), d("2026-03-28"));
        assert_eq!(uk_date(at("2026-03-29T23:30:00Z")), d("2026-03-30"));
        // 2027: 28 March and 31 October
        assert!(is_bst(at("2027-03-28T01:00:00Z")) && !is_bst(at("2027-03-28T00:00:00Z")));
        assert!(is_bst(at("2027-10-31T00:30:00Z")) && !is_bst(at("2027-10-31T01:30:00Z")));
    }

    #[test]
    fn moments_read_in_uk_local_time() {
        assert_eq!(uk_date_time(at("2026-06-01T23:30:00Z")), "2 June 2026, 12:30am BST");
        assert_eq!(uk_date_time(at("2026-12-01T13:05:00Z")), "1 December 2026, 1:05pm GMT");
        assert_eq!(uk_date_time(at("2026-12-01T12:00:59Z")), "1 December 2026, 12:00pm GMT");
        assert_eq!(uk_date_time(at("2026-12-01T09:45:00Z")), "1 December 2026, 9:45am GMT");
    }
}
