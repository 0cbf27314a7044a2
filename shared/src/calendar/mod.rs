//! The working-day calendar: weekends, the bank holidays of a partnership's region and
//! the partnership's own closure days. Statutory clocks (5, 7 and 15 working days) are
//! reckoned here, once, for the server and the browser alike.
pub mod answer;
pub mod bank_holidays;
pub mod clock;
pub mod rule;
pub mod uk_date;
pub mod working_days;

pub use answer::{ClosureDays, WorkingDaysAnswer};
pub use bank_holidays::{BankHolidays, Division, HolidayListError};
pub use clock::{ClockExtension, ClockKind, ClockStatus, ClockView};
pub use rule::{
    sets_clock_rules, ClockChange, ClockEvent, ClockRule, ClockRuleView, ClockRules, ClockUnit, CLOCK_RULE_SETTERS,
};
pub use uk_date::{uk_date, uk_date_time};
pub use working_days::{CalendarWarning, Reckoning, WorkingCalendar};
