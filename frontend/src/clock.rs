//! Today's date in the browser (the person's own time zone), for the `shared` checks.
use chrono::NaiveDate;

pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or(NaiveDate::MIN)
}
