//! Statutory clocks: what each one counts, when it is due, and how it stands today.
use super::rule::ClockRule;
use super::working_days::{CalendarWarning, WorkingCalendar};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// The deadlines of a case (DESIGN.md, "Deadlines").
    pub enum ClockKind ["snake_case"] {
        /// Serious Incident Notification to the National Panel: by default 5 working days after
        /// the local authority became aware.
        NotificationToPanel,
        /// An agency's Additional Information: by default 7 working days after the request was sent.
        AgencyInformation,
        /// The Rapid Review, its decision and its report to the National Panel: by default 15
        /// working days after the local authority became aware.
        RapidReviewReport,
        /// Local CSPR completed (its final report to the National Panel): by default 6 calendar
        /// months after the decision to initiate it.
        CsprCompletion,
        /// The strategic partners' decision on a referral: by default 15 working days after it
        /// reached the business office.
        ReferralDecision,
        /// An agency's chronology and key event analysis for a local CSPR: by default 30
        /// working days after its author was assigned.
        AgencyReport,
    }
}

impl ClockKind {
    /// Whether a clock of this kind may have its due date moved on with a reason: a local
    /// CSPR's own, and its agencies' reports.
    pub fn extendable(self) -> bool {
        matches!(self, ClockKind::CsprCompletion | ClockKind::AgencyReport)
    }

    /// What the clock is for, in words for a page.
    pub fn label(self) -> &'static str {
        match self {
            ClockKind::NotificationToPanel => "Serious Incident Notification to the National Panel",
            ClockKind::AgencyInformation => "Additional information from an agency",
            ClockKind::RapidReviewReport => "Rapid Review report to the National Panel",
            ClockKind::CsprCompletion => "Child Safeguarding Practice Review completed",
            ClockKind::ReferralDecision => "Decision on the referral",
            ClockKind::AgencyReport => "An agency's chronology and key event analysis",
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
    /// The case, for a case's clock.
    pub case_id: Option<uuid::Uuid>,
    /// The referral, for a referral's clock.
    pub referral_id: Option<uuid::Uuid>,
    /// The agency asked, for an agency's information clock.
    pub agency_id: Option<uuid::Uuid>,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    pub status: ClockStatus,
    pub working_days_left: i64,
    /// Set when the due date may be wrong (a year without known bank holidays).
    pub warnings: Vec<CalendarWarning>,
    /// The rule the clock was started under.
    pub rule: ClockRule,
    /// The rule in words.
    pub rule_description: String,
    /// Extensions of its due date, oldest first (a CSPR's clock).
    #[serde(default)]
    pub extensions: Vec<ClockExtension>,
}

/// A clock's due date moved on, with the reason and whether the National Panel was advised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockExtension {
    pub previous_due_on: NaiveDate,
    pub due_on: NaiveDate,
    pub reason: String,
    pub panel_advised: bool,
    pub panel_advised_on: Option<NaiveDate>,
    pub recorded_on: NaiveDate,
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
    fn kinds_round_trip() {
        for k in ClockKind::ALL {
            assert_eq!(ClockKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }
}
