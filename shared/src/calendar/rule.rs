//! Clock rules as data: for each kind of clock, the event that starts it, how long it runs
//! (in working days, calendar days or months), the event that stops it, and the source the
//! rule comes from. The statutory guidance gives the defaults; a partnership may set its
//! own (the seed's "within 5 days of the incident occurring" is 5 calendar days from the
//! incident). A clock keeps the rule it was started under.
use super::clock::ClockKind;
use super::working_days::{CalendarWarning, WorkingCalendar};
use crate::text::MAX_TEXT;
use crate::FieldError;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// The unit a clock's length is counted in.
    pub enum ClockUnit ["snake_case"] {
        WorkingDays,
        CalendarDays,
        Months,
    }
}

impl ClockUnit {
    /// The unit after a number: "5 working days", "6 months" (`one` for a length of 1).
    pub fn words(self, one: bool) -> &'static str {
        match (self, one) {
            (ClockUnit::WorkingDays, false) => "working days",
            (ClockUnit::WorkingDays, true) => "working day",
            (ClockUnit::CalendarDays, false) => "calendar days",
            (ClockUnit::CalendarDays, true) => "calendar day",
            (ClockUnit::Months, false) => "months",
            (ClockUnit::Months, true) => "month",
        }
    }
}

crate::wire::wire_enum! {
    /// Something that happens in a case or a referral and may start or stop a clock.
    pub enum ClockEvent ["snake_case"] {
        /// The serious incident happened (the notification's incident date).
        Incident,
        /// The local authority became aware of the incident.
        LaAware,
        /// The Serious Incident Notification went to the National Panel.
        NotificationSent,
        /// An agency was asked for Additional Information.
        RequestSent,
        /// The agency answered.
        ResponseSubmitted,
        /// The strategic leads decided to initiate a local CSPR.
        CsprDecided,
        /// The Rapid Review report went to the National Panel.
        ReportSent,
        /// The CSPR's final report went to the National Panel.
        FinalReportSent,
        /// The referrer sent the referral for their senior manager's sign-off.
        ReferralSubmitted,
        /// The referral reached the business office.
        ReferralReceived,
        /// The strategic partners decided on the referral.
        ReferralDecided,
        /// An agency's author was assigned to a local CSPR.
        AuthorAssigned,
        /// The agency submitted its chronology and key event analysis.
        AgencyReportSubmitted,
    }
}

impl ClockEvent {
    /// The event in words, after "from" or "until".
    pub fn words(self) -> &'static str {
        match self {
            ClockEvent::Incident => "the incident",
            ClockEvent::LaAware => "the local authority becoming aware",
            ClockEvent::NotificationSent => "the notification going to the National Panel",
            ClockEvent::RequestSent => "the request being sent",
            ClockEvent::ResponseSubmitted => "the agency's answer",
            ClockEvent::CsprDecided => "the decision to initiate the review",
            ClockEvent::ReportSent => "the Rapid Review report going to the National Panel",
            ClockEvent::FinalReportSent => "the final report going to the National Panel",
            ClockEvent::ReferralSubmitted => "the referral being sent for sign-off",
            ClockEvent::ReferralReceived => "the referral reaching the business office",
            ClockEvent::ReferralDecided => "the strategic partners' decision",
            ClockEvent::AuthorAssigned => "the agency's author being assigned",
            ClockEvent::AgencyReportSubmitted => "the agency's report being submitted",
        }
    }
}

/// How one kind of clock runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockRule {
    pub start: ClockEvent,
    /// How many units the clock runs (1 to 366).
    pub length: u32,
    pub unit: ClockUnit,
    pub stop: ClockEvent,
    /// Where the rule comes from (guidance, the partnership's framework), shown beside the clock.
    pub source: String,
}

/// Who sets a partnership's clock rules (everyone in it reads them).
pub const CLOCK_RULE_SETTERS: &[crate::Role] = &[crate::Role::BusinessOffice];

/// Whether these roles set the partnership's clock rules.
pub fn sets_clock_rules(roles: &[crate::Role]) -> bool {
    roles.iter().any(|r| CLOCK_RULE_SETTERS.contains(r))
}

/// The longest a clock may run, in any unit.
pub const MAX_LENGTH: u32 = 366;

impl ClockRule {
    /// The due date of a clock started on `start` under this rule, with any calendar warning.
    pub fn due(&self, calendar: &WorkingCalendar, start: NaiveDate) -> Option<(NaiveDate, Vec<CalendarWarning>)> {
        match self.unit {
            ClockUnit::WorkingDays => calendar.add_working_days(start, self.length).map(|r| (r.value, r.warnings)),
            ClockUnit::CalendarDays => {
                start.checked_add_days(Days::new(u64::from(self.length))).map(|d| (d, Vec::new()))
            }
            ClockUnit::Months => WorkingCalendar::add_months(start, self.length).map(|d| (d, Vec::new())),
        }
    }

    /// The rule in words: "15 working days from the local authority becoming aware until
    /// the Rapid Review report going to the National Panel".
    pub fn describe(&self) -> String {
        format!(
            "{} {} from {} until {}",
            self.length,
            self.unit.words(self.length == 1),
            self.start.words(),
            self.stop.words()
        )
    }

    /// The boxes of a rule for `kind`: its events must be ones the kind can start and stop
    /// at, its length 1 to [`MAX_LENGTH`], its source given.
    pub fn check(&self, kind: ClockKind) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !kind.start_events().contains(&self.start) {
            errors.push(FieldError::new(
                "start",
                "invalid",
                format!("This clock can start at: {}", list(kind.start_events())),
            ));
        }
        if !kind.stop_events().contains(&self.stop) {
            errors.push(FieldError::new(
                "stop",
                "invalid",
                format!("This clock can stop at: {}", list(kind.stop_events())),
            ));
        }
        if !(1..=MAX_LENGTH).contains(&self.length) {
            errors.push(FieldError::new("length", "invalid", format!("The length must be 1 to {MAX_LENGTH}")));
        }
        if self.source.trim().is_empty() {
            errors.push(FieldError::new("source", "required", "Say where the rule comes from"));
        } else if self.source.chars().count() > MAX_TEXT {
            errors.push(FieldError::new(
                "source",
                "too_long",
                format!("The source must be {MAX_TEXT} characters or fewer"),
            ));
        }
        errors
    }
}

fn list(events: &[ClockEvent]) -> String {
    events.iter().map(|e| e.words()).collect::<Vec<_>>().join("; ")
}

impl ClockKind {
    /// The events this kind of clock may start at; the first is the default.
    pub fn start_events(self) -> &'static [ClockEvent] {
        use ClockEvent as E;
        match self {
            ClockKind::NotificationToPanel => &[E::LaAware, E::Incident],
            ClockKind::AgencyInformation => &[E::RequestSent],
            ClockKind::RapidReviewReport => &[E::LaAware, E::Incident, E::NotificationSent],
            ClockKind::CsprCompletion => &[E::CsprDecided],
            ClockKind::ReferralDecision => &[E::ReferralReceived, E::ReferralSubmitted],
            ClockKind::AgencyReport => &[E::AuthorAssigned],
        }
    }

    /// The events this kind of clock may stop at; the first is the default.
    pub fn stop_events(self) -> &'static [ClockEvent] {
        use ClockEvent as E;
        match self {
            ClockKind::NotificationToPanel => &[E::NotificationSent],
            ClockKind::AgencyInformation => &[E::ResponseSubmitted],
            ClockKind::RapidReviewReport => &[E::ReportSent],
            ClockKind::CsprCompletion => &[E::FinalReportSent],
            ClockKind::ReferralDecision => &[E::ReferralDecided],
            ClockKind::AgencyReport => &[E::AgencyReportSubmitted],
        }
    }

    /// The rule a partnership starts with: the statutory guidance, or the framework where
    /// the guidance is silent.
    pub fn default_rule(self) -> ClockRule {
        let (length, unit, source) = match self {
            ClockKind::NotificationToPanel => (
                5,
                ClockUnit::WorkingDays,
                "Working Together to Safeguard Children: notify the National Panel within 5 working days \
                 of becoming aware of the incident",
            ),
            ClockKind::AgencyInformation => (
                7,
                ClockUnit::WorkingDays,
                "The partnership's framework: Additional Information within 7 working days of the request",
            ),
            ClockKind::RapidReviewReport => (
                15,
                ClockUnit::WorkingDays,
                "National Panel guidance: the Rapid Review and its decision within 15 working days of the \
                 local authority becoming aware",
            ),
            ClockKind::CsprCompletion => (
                6,
                ClockUnit::Months,
                "Working Together to Safeguard Children: a local review completed within 6 months of the \
                 decision to initiate it",
            ),
            ClockKind::ReferralDecision => (
                15,
                ClockUnit::WorkingDays,
                "National Panel guidance: a decision on all referrals within 15 working days",
            ),
            ClockKind::AgencyReport => (
                30,
                ClockUnit::WorkingDays,
                "The partnership's framework: authors are given a time frame for their chronology and \
                 key event analysis (30 working days unless the partnership sets another)",
            ),
        };
        ClockRule { start: self.start_events()[0], length, unit, stop: self.stop_events()[0], source: source.into() }
    }
}

/// A partnership's rules: its own where it set one, the default otherwise. A case keeps the
/// rules it was opened under (stored as a list of `[kind, rule]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClockRules {
    own: Vec<(ClockKind, ClockRule)>,
}

impl ClockRules {
    pub fn new(own: impl IntoIterator<Item = (ClockKind, ClockRule)>) -> ClockRules {
        ClockRules { own: own.into_iter().collect() }
    }

    /// Every kind's rule as it stands (the defaults written out), to keep with a case.
    pub fn resolved(&self) -> ClockRules {
        ClockRules::new(ClockKind::ALL.into_iter().map(|k| (k, self.of(k))))
    }

    /// The rule these rules hold for `kind` themselves (no default).
    pub fn own(&self, kind: ClockKind) -> Option<&ClockRule> {
        self.own.iter().find(|(k, _)| *k == kind).map(|(_, r)| r)
    }

    /// The rule new clocks of `kind` start under.
    pub fn of(&self, kind: ClockKind) -> ClockRule {
        self.own.iter().find(|(k, _)| *k == kind).map(|(_, r)| r.clone()).unwrap_or_else(|| kind.default_rule())
    }

    /// What happens to the clocks of `kinds` when `event` happens on `on`: each whose rule
    /// starts there starts, each whose rule stops there is met.
    pub fn on_event(&self, kinds: &[ClockKind], event: ClockEvent, on: NaiveDate) -> Vec<ClockChange> {
        let mut changes = Vec::new();
        for kind in kinds {
            let rule = self.of(*kind);
            if rule.stop == event {
                changes.push(ClockChange::Meet { kind: *kind, on });
            }
            if rule.start == event {
                changes.push(ClockChange::Start { kind: *kind, from: on, rule });
            }
        }
        changes
    }
}

/// A clock starting or being met, as an event's consequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockChange {
    Start { kind: ClockKind, from: NaiveDate, rule: ClockRule },
    Meet { kind: ClockKind, on: NaiveDate },
}

/// A clock rule as the settings page shows it: the partnership's rule, the default, and
/// what may be chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockRuleView {
    pub kind: ClockKind,
    pub label: String,
    pub rule: ClockRule,
    /// The rule in words.
    pub description: String,
    pub default: ClockRule,
    /// Whether the partnership set its own rule.
    pub own: bool,
    pub start_events: Vec<ClockEvent>,
    pub stop_events: Vec<ClockEvent>,
    /// When the rule was last changed (UTC), if ever.
    pub changed_at: Option<chrono::NaiveDateTime>,
}

impl ClockRuleView {
    pub fn of(kind: ClockKind, rule: ClockRule, changed_at: Option<chrono::NaiveDateTime>) -> ClockRuleView {
        let default = kind.default_rule();
        ClockRuleView {
            kind,
            label: kind.label().into(),
            description: rule.describe(),
            own: rule != default,
            default,
            rule,
            start_events: kind.start_events().to_vec(),
            stop_events: kind.stop_events().to_vec(),
            changed_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::BankHolidays;
    use crate::region::Region;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cal() -> WorkingCalendar {
        WorkingCalendar::new(
            Region::EnglandAndWales,
            BankHolidays::shipped().division(Region::EnglandAndWales).unwrap(),
            [],
        )
    }

    #[test]
    fn the_defaults_are_the_statutory_periods() {
        let c = cal();
        let start = d("2026-11-09");
        let due = |k: ClockKind| k.default_rule().due(&c, start).unwrap().0;
        assert_eq!(due(ClockKind::NotificationToPanel), d("2026-11-16"));
        assert_eq!(due(ClockKind::AgencyInformation), d("2026-11-18"));
        assert_eq!(due(ClockKind::RapidReviewReport), d("2026-11-30"));
        assert_eq!(due(ClockKind::ReferralDecision), d("2026-11-30"));
        assert_eq!(due(ClockKind::CsprCompletion), d("2027-05-09"));
        for k in ClockKind::ALL {
            assert!(k.default_rule().check(k).is_empty(), "{k:?}");
        }
        assert_eq!(ClockKind::RapidReviewReport.default_rule().start, ClockEvent::LaAware);
    }

    #[test]
    fn calendar_days_count_weekends_and_holidays() {
        let rule = ClockRule {
            start: ClockEvent::Incident,
            length: 5,
            unit: ClockUnit::CalendarDays,
            stop: ClockEvent::NotificationSent,
            source: "seed".into(),
        };
        // Christmas 2026: Friday 25th and Monday 28th are bank holidays.
        assert_eq!(rule.due(&cal(), d("2026-12-24")).unwrap().0, d("2026-12-29"));
        assert_eq!(
            rule.describe(),
            "5 calendar days from the incident until the notification going to the National Panel"
        );
        assert!(rule.check(ClockKind::NotificationToPanel).is_empty());
    }

    #[test]
    fn a_rule_names_what_is_wrong() {
        let bad = ClockRule {
            start: ClockEvent::ReportSent,
            length: 0,
            unit: ClockUnit::WorkingDays,
            stop: ClockEvent::Incident,
            source: " ".into(),
        };
        let fields: Vec<_> = bad.check(ClockKind::NotificationToPanel).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["start", "stop", "length", "source"]);
    }

    #[test]
    fn an_event_starts_and_meets_by_the_partnerships_rules() {
        let own = ClockRule { start: ClockEvent::Incident, ..ClockKind::NotificationToPanel.default_rule() };
        let rules = ClockRules::new([(ClockKind::NotificationToPanel, own.clone())]);
        let kinds = [ClockKind::NotificationToPanel, ClockKind::RapidReviewReport];
        let on = d("2026-11-02");
        assert_eq!(
            rules.on_event(&kinds, ClockEvent::Incident, on),
            vec![ClockChange::Start { kind: ClockKind::NotificationToPanel, from: on, rule: own }]
        );
        assert_eq!(
            rules.on_event(&kinds, ClockEvent::LaAware, on),
            vec![ClockChange::Start {
                kind: ClockKind::RapidReviewReport,
                from: on,
                rule: ClockKind::RapidReviewReport.default_rule()
            }]
        );
        assert_eq!(
            rules.on_event(&kinds, ClockEvent::NotificationSent, on),
            vec![ClockChange::Meet { kind: ClockKind::NotificationToPanel, on }]
        );
    }
}
