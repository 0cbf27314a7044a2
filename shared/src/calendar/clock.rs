//! Statutory clocks: what each one counts, when it is due, and how it stands today.
use super::working_days::{CalendarWarning, WorkingCalendar};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// The deadlines of a case (DESIGN.md, "Deadlines").
    pub enum ClockKind ["snake_case"] {
        /// Serious Incident Notification to the National Panel: 5 working days after the local
        /// authority became aware.
        NotificationToPanel,
        /// An agency's Additional Information: 7 working days after the request was sent.
        AgencyInformation,
        /// Rapid Review report to the National Panel: 15 working days after the notification.
        RapidReviewReport,
        /// Local CSPR completed: 6 calendar months after the decision to initiate it.
        CsprCompletion,
    }
}

/// How long a clock runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    WorkingDays(u32),
    CalendarMonths(u32),
}

impl ClockKind {
    pub fn period(self) -> Period {
        match self {
            ClockKind::NotificationToPanel => Period::WorkingDays(5),
            ClockKind::AgencyInformation => Period::WorkingDays(7),
            ClockKind::RapidReviewReport => Period::WorkingDays(15),
            ClockKind::CsprCompletion => Period::CalendarMonths(6),
        }
    }

    /// What the clock is for, in words for a page.
    pub fn label(self) -> &'static str {
        match self {
            ClockKind::NotificationToPanel => "Serious Incident Notification to the National Panel",
            ClockKind::AgencyInformation => "Additional information from an agency",
            ClockKind::RapidReviewReport => "Rapid Review report to the National Panel",
            ClockKind::CsprCompletion => "Child Safeguarding Practice Review completed",
        }
    }

    /// The due date of a clock started on `start`, with any calendar warning.
    pub fn due(self, calendar: &WorkingCalendar, start: NaiveDate) -> Option<(NaiveDate, Vec<CalendarWarning>)> {
        match self.period() {
            Period::WorkingDays(n) => calendar.add_working_days(start, n).map(|r| (r.value, r.warnings)),
            Period::CalendarMonths(m) => WorkingCalendar::add_months(start, m).map(|d| (d, Vec::new())),
        }
    }
}

crate::wire::wire_enum! {
    /// How a clock stands.
    pub enum ClockStatus ["snake_case"] {
        OnTrack,
        /// Due within 2 working days (today included).
        DueSoon,
        Overdue,
        MetOnTime,
        MetLate,
    }
}

/// Working days left at which an open clock counts as due soon.
pub const DUE_SOON_WORKING_DAYS: i64 = 2;

impl ClockStatus {
    /// The status on `today` of a clock due on `due`, met on `met` if it has been; and the
    /// working days left (negative once overdue; for a met clock, left when it was met).
    pub fn of(
        calendar: &WorkingCalendar,
        today: NaiveDate,
        due: NaiveDate,
        met: Option<NaiveDate>,
    ) -> (ClockStatus, i64) {
        match met {
            Some(m) => {
                let left = calendar.working_days_between(m, due);
                (if m <= due { ClockStatus::MetOnTime } else { ClockStatus::MetLate }, left)
            }
            None => {
                let left = calendar.working_days_between(today, due);
                let status = if today > due {
                    ClockStatus::Overdue
                } else if left <= DUE_SOON_WORKING_DAYS {
                    ClockStatus::DueSoon
                } else {
                    ClockStatus::OnTrack
                };
                (status, left)
            }
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, ClockStatus::OnTrack | ClockStatus::DueSoon | ClockStatus::Overdue)
    }
}

/// One clock as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockView {
    pub kind: ClockKind,
    pub case_id: uuid::Uuid,
    /// The agency asked, for an agency's information clock.
    pub agency_id: Option<uuid::Uuid>,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    pub status: ClockStatus,
    pub working_days_left: i64,
    /// Set when the due date may be wrong (a year without known bank holidays).
    pub warnings: Vec<CalendarWarning>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::BankHolidays;
    use crate::region::Region;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal() -> WorkingCalendar {
        WorkingCalendar::new(
            Region::EnglandAndWales,
            BankHolidays::shipped().division(Region::EnglandAndWales).unwrap(),
            [],
        )
    }

    #[test]
    fn status_on_each_side_of_the_due_date() {
        let c = cal();
        let due = d("2026-12-04"); // a Friday
        assert_eq!(ClockStatus::of(&c, d("2026-11-30"), due, None), (ClockStatus::OnTrack, 4));
        assert_eq!(ClockStatus::of(&c, d("2026-12-02"), due, None), (ClockStatus::DueSoon, 2));
        assert_eq!(ClockStatus::of(&c, d("2026-12-04"), due, None), (ClockStatus::DueSoon, 0));
        assert_eq!(ClockStatus::of(&c, d("2026-12-05"), due, None), (ClockStatus::Overdue, 0));
        assert_eq!(ClockStatus::of(&c, d("2026-12-08"), due, None), (ClockStatus::Overdue, -2));
        assert_eq!(ClockStatus::of(&c, d("2026-12-20"), due, Some(d("2026-12-03"))), (ClockStatus::MetOnTime, 1));
        assert_eq!(ClockStatus::of(&c, d("2026-12-20"), due, Some(d("2026-12-07"))), (ClockStatus::MetLate, -1));
        assert!(ClockStatus::Overdue.is_open() && !ClockStatus::MetLate.is_open());
    }

    #[test]
    fn each_kind_reckons_its_period() {
        let c = cal();
        let start = d("2026-11-09");
        assert_eq!(ClockKind::NotificationToPanel.due(&c, start).unwrap().0, d("2026-11-16"));
        assert_eq!(ClockKind::AgencyInformation.due(&c, start).unwrap().0, d("2026-11-18"));
        assert_eq!(ClockKind::RapidReviewReport.due(&c, start).unwrap().0, d("2026-11-30"));
        assert_eq!(ClockKind::CsprCompletion.due(&c, start).unwrap().0, d("2027-05-09"));
        for k in ClockKind::ALL {
            assert_eq!(ClockKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }
}
