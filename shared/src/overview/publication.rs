//! After sign-off [257–276]: the report goes to the National Panel (its date stops the
//! CSPR's 6-month clock), the Panel acknowledges it or gives feedback, and the publication
//! plan: the final report to the Panel at least 14 days before, elected members briefed, the
//! press statement about 2 days before, the family told the findings before, publication at
//! about 10:00, and two practitioner de-briefs within a couple of days after. Each step is a
//! clock on the publication date, and all are checked before publication is recorded.
use crate::calendar::ClockStatus;
use crate::text::MAX_TEXT;
use crate::FieldError;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days before publication by which the Panel must have the final report.
pub const PANEL_LEAD_DAYS: u64 = 14;

/// The report sent to the National Panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Submission {
    pub sent_on: NaiveDate,
    /// The signed-off version sent.
    pub version: u32,
    pub recorded_by: String,
}

/// Record the report sent to the Panel: the signed-off version and the day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SubmitForm {
    pub version: u32,
    pub sent_on: Option<NaiveDate>,
}

/// The Panel's acknowledgement or feedback (guidance only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PanelResponse {
    pub acknowledged_on: Option<NaiveDate>,
    pub feedback: String,
}

/// The publication plan as the office keeps it: the publication day and time, and the day
/// each step was done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PublicationPlan {
    pub publication_on: Option<NaiveDate>,
    /// "HH:MM", usually about 10:00.
    pub publication_time: String,
    pub final_to_panel_on: Option<NaiveDate>,
    pub members_briefed_on: Option<NaiveDate>,
    pub press_statement_on: Option<NaiveDate>,
    pub family_told_on: Option<NaiveDate>,
    /// The day it was published (recorded last).
    pub published_on: Option<NaiveDate>,
    /// The de-brief for practitioners directly involved.
    pub debrief_involved_on: Option<NaiveDate>,
    /// The open de-brief for any practitioner.
    pub debrief_open_on: Option<NaiveDate>,
}

crate::wire::wire_enum! {
    /// A step of the publication plan.
    pub enum PlanStep ["snake_case"] {
        FinalToPanel,
        MembersBriefed,
        PressStatement,
        FamilyTold,
        Publication,
        DebriefInvolved,
        DebriefOpen,
    }
}

impl PlanStep {
    pub fn label(self) -> &'static str {
        match self {
            PlanStep::FinalToPanel => "Final report to the National Panel (at least 14 days before)",
            PlanStep::MembersBriefed => "Elected members briefed",
            PlanStep::PressStatement => "Press statement circulated (about 2 days before)",
            PlanStep::FamilyTold => "Family told the findings",
            PlanStep::Publication => "Published on the website (about 10:00)",
            PlanStep::DebriefInvolved => "De-brief for practitioners involved",
            PlanStep::DebriefOpen => "Open de-brief for practitioners",
        }
    }

    /// The plan's field for this step.
    pub fn field(self) -> &'static str {
        match self {
            PlanStep::FinalToPanel => "final_to_panel_on",
            PlanStep::MembersBriefed => "members_briefed_on",
            PlanStep::PressStatement => "press_statement_on",
            PlanStep::FamilyTold => "family_told_on",
            PlanStep::Publication => "published_on",
            PlanStep::DebriefInvolved => "debrief_involved_on",
            PlanStep::DebriefOpen => "debrief_open_on",
        }
    }

    /// The window it is done in, as days from publication (inclusive): its due date is the
    /// window's end.
    fn window(self) -> (i64, i64) {
        match self {
            PlanStep::FinalToPanel => (-3650, -(PANEL_LEAD_DAYS as i64)),
            PlanStep::MembersBriefed | PlanStep::FamilyTold => (-3650, -1),
            PlanStep::PressStatement => (-3, -1),
            PlanStep::Publication => (0, 0),
            PlanStep::DebriefInvolved | PlanStep::DebriefOpen => (0, 2),
        }
    }

    /// Whether it comes before publication (publication is recorded only when these are done).
    pub fn before(self) -> bool {
        self.window().1 < 0
    }
}

impl PublicationPlan {
    pub fn done_on(&self, step: PlanStep) -> Option<NaiveDate> {
        match step {
            PlanStep::FinalToPanel => self.final_to_panel_on,
            PlanStep::MembersBriefed => self.members_briefed_on,
            PlanStep::PressStatement => self.press_statement_on,
            PlanStep::FamilyTold => self.family_told_on,
            PlanStep::Publication => self.published_on,
            PlanStep::DebriefInvolved => self.debrief_involved_on,
            PlanStep::DebriefOpen => self.debrief_open_on,
        }
    }
}

/// One step of the plan as a clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanClock {
    pub step: PlanStep,
    pub label: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub status: ClockStatus,
    /// Days left (negative once overdue).
    pub days_left: i64,
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(d)
    }
}

/// The plan's clocks, once a publication date is set.
pub fn plan_clocks(plan: &PublicationPlan, today: NaiveDate) -> Vec<PlanClock> {
    let Some(on) = plan.publication_on else { return Vec::new() };
    PlanStep::ALL
        .into_iter()
        .map(|step| {
            let (from, to) = step.window();
            let due_on = shift(on, to);
            let done_on = plan.done_on(step);
            let days_left = (due_on - done_on.unwrap_or(today)).num_days();
            let status = match done_on {
                Some(d) if d >= shift(on, from) && d <= due_on => ClockStatus::MetOnTime,
                Some(_) => ClockStatus::MetLate,
                None if today > due_on => ClockStatus::Overdue,
                None if days_left <= 2 => ClockStatus::DueSoon,
                None => ClockStatus::OnTrack,
            };
            PlanClock { step, label: step.label().into(), due_on, done_on, status, days_left }
        })
        .collect()
}

fn time_ok(t: &str) -> Option<(u32, u32)> {
    let b = t.trim().as_bytes();
    if b.len() != 5 || b[2] != b':' || ![b[0], b[1], b[3], b[4]].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digit = |i: usize| u32::from(b[i] - b'0');
    let (h, m) = (digit(0) * 10 + digit(1), digit(3) * 10 + digit(4));
    (h < 24 && m < 60).then_some((h, m))
}

/// The problems with a plan: a publication date at least 14 days after the report went to
/// the Panel, a time like 10:00 between 09:00 and 11:00, no step done in the future, each
/// step done in its window; publication recorded only when the steps before it are done.
pub fn check_plan(plan: &PublicationPlan, sent_on: Option<NaiveDate>, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let Some(on) = plan.publication_on else {
        errors.push(FieldError::new("publication_on", "required", "Enter the publication date"));
        return errors;
    };
    // the later of the two: a final report typed as sent before the recorded submission does
    // not count earlier than it
    let first = match (plan.final_to_panel_on, sent_on) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    if let Some(sent) = first {
        if shift(on, -(PANEL_LEAD_DAYS as i64)) < sent {
            errors.push(FieldError::new(
                "publication_on",
                "too_soon",
                format!(
                    "Publication must be at least {PANEL_LEAD_DAYS} days after the final report went to the National Panel ({})",
                    sent.format("%-d %B %Y")
                ),
            ));
        }
    }
    match time_ok(&plan.publication_time) {
        None => errors.push(FieldError::new("publication_time", "invalid", "Enter the time like 10:00")),
        Some((h, m)) if !(9..=10).contains(&h) && (h, m) != (11, 0) => errors.push(FieldError::new(
            "publication_time",
            "out_of_hours",
            "Reports are published at about 10:00: enter a time between 09:00 and 11:00",
        )),
        Some(_) => {}
    }
    for step in PlanStep::ALL {
        let Some(done) = plan.done_on(step) else { continue };
        if done > today {
            errors.push(FieldError::new(step.field(), "in_future", "This cannot be in the future"));
            continue;
        }
        let (from, to) = step.window();
        if step != PlanStep::FinalToPanel && (done < shift(on, from) || done > shift(on, to)) {
            errors.push(FieldError::new(
                step.field(),
                "outside_window",
                format!("{}: the date is outside its window", step.label()),
            ));
        }
    }
    if plan.published_on.is_some() {
        for step in PlanStep::ALL.into_iter().filter(|s| s.before()) {
            if step != PlanStep::FinalToPanel && plan.done_on(step).is_none() {
                errors.push(FieldError::new(
                    step.field(),
                    "required",
                    format!("{} before publication is recorded", step.label()),
                ));
            }
        }
        if first.is_none() {
            errors.push(FieldError::new("final_to_panel_on", "required", "The Panel must have the final report first"));
        }
    }
    errors
}

/// Once published, the plan changes only by its de-briefs (held after publication): the
/// problems with a plan that changes anything else.
pub fn check_after_publication(kept: &PublicationPlan, sent: &PublicationPlan) -> Vec<FieldError> {
    let same = PublicationPlan {
        debrief_involved_on: kept.debrief_involved_on,
        debrief_open_on: kept.debrief_open_on,
        ..sent.clone()
    };
    if same == *kept {
        Vec::new()
    } else {
        vec![FieldError::new(
            "published_on",
            "published",
            "The report is published: only the de-briefs can be recorded now",
        )]
    }
}

/// The problems with recording the report sent to the Panel: the day is given, not in the
/// future, and not before the version was saved (`saved_on`).
pub fn check_submission(form: &SubmitForm, saved_on: Option<NaiveDate>, today: NaiveDate) -> Vec<FieldError> {
    match form.sent_on {
        None => vec![FieldError::new("sent_on", "required", "Enter the day it was sent")],
        Some(d) if d > today => vec![FieldError::new("sent_on", "in_future", "This cannot be in the future")],
        Some(d) if saved_on.is_some_and(|s| d < s) => {
            vec![FieldError::new(
                "sent_on",
                "before_saved",
                "The report cannot have been sent before the version was saved",
            )]
        }
        Some(_) => Vec::new(),
    }
}

/// The problems with the Panel's response.
pub fn check_response(r: &PanelResponse, sent_on: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match r.acknowledged_on {
        None => errors.push(FieldError::new("acknowledged_on", "required", "Enter the day the Panel answered")),
        Some(d) if d > today => {
            errors.push(FieldError::new("acknowledged_on", "in_future", "This cannot be in the future"))
        }
        Some(d) if d < sent_on => errors.push(FieldError::new(
            "acknowledged_on",
            "before_sent",
            "The Panel answered before the report was sent",
        )),
        _ => {}
    }
    if r.feedback.chars().count() > MAX_TEXT {
        errors.push(FieldError::new("feedback", "too_long", "The feedback is too long"));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn plan() -> PublicationPlan {
        PublicationPlan {
            publication_on: Some(d("2027-06-15")),
            publication_time: "10:00".into(),
            ..Default::default()
        }
    }

    #[test]
    fn publication_is_at_least_14_days_after_the_panel_has_the_report_at_about_ten() {
        assert!(check_plan(&plan(), Some(d("2027-06-01")), d("2027-05-01")).is_empty());
        let e = check_plan(&plan(), Some(d("2027-06-02")), d("2027-05-01"));
        assert_eq!(e[0].code, "too_soon");
        let late = PublicationPlan { publication_time: "14:30".into(), ..plan() };
        assert_eq!(check_plan(&late, None, d("2027-05-01"))[0].code, "out_of_hours");
        for t in ["ten", "+9:00", "9:000", "10-00"] {
            let bad = PublicationPlan { publication_time: t.into(), ..plan() };
            assert_eq!(check_plan(&bad, None, d("2027-05-01"))[0].code, "invalid", "{t}");
        }
        // a final report typed as sent before the recorded submission counts from the submission
        let typed = PublicationPlan { final_to_panel_on: Some(d("2027-05-01")), ..plan() };
        assert_eq!(check_plan(&typed, Some(d("2027-06-10")), d("2027-06-10"))[0].code, "too_soon");
        assert_eq!(check_plan(&PublicationPlan::default(), None, d("2027-05-01"))[0].code, "required");
    }

    #[test]
    fn every_step_is_a_clock_on_the_publication_date() {
        let p = PublicationPlan { press_statement_on: Some(d("2027-06-13")), ..plan() };
        let clocks = plan_clocks(&p, d("2027-06-12"));
        let of = |s: PlanStep| clocks.iter().find(|c| c.step == s).unwrap();
        assert_eq!(of(PlanStep::FinalToPanel).due_on, d("2027-06-01"));
        assert_eq!(of(PlanStep::FinalToPanel).status, ClockStatus::Overdue);
        assert_eq!(of(PlanStep::PressStatement).status, ClockStatus::MetOnTime);
        assert_eq!(of(PlanStep::FamilyTold).due_on, d("2027-06-14"));
        assert_eq!(of(PlanStep::FamilyTold).status, ClockStatus::DueSoon);
        assert_eq!(of(PlanStep::DebriefOpen).due_on, d("2027-06-17"));
        assert!(plan_clocks(&PublicationPlan::default(), d("2027-06-12")).is_empty());
    }

    #[test]
    fn publication_is_recorded_only_when_the_steps_before_it_are_done_in_their_windows() {
        let today = d("2027-06-20");
        let p = PublicationPlan { published_on: Some(d("2027-06-15")), ..plan() };
        let fields: Vec<String> = check_plan(&p, Some(d("2027-05-20")), today).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["members_briefed_on", "press_statement_on", "family_told_on"]);
        let p = PublicationPlan {
            members_briefed_on: Some(d("2027-06-01")),
            press_statement_on: Some(d("2027-06-08")),
            family_told_on: Some(d("2027-06-10")),
            ..p
        };
        let e = check_plan(&p, Some(d("2027-05-20")), today);
        assert_eq!((e.len(), e[0].field.as_str(), e[0].code.as_str()), (1, "press_statement_on", "outside_window"));
        let p =
            PublicationPlan { press_statement_on: Some(d("2027-06-13")), debrief_open_on: Some(d("2027-06-25")), ..p };
        let e = check_plan(&p, Some(d("2027-05-20")), today);
        assert_eq!(e[0].code, "in_future");
    }

    #[test]
    fn a_submission_is_dated_between_the_save_and_today() {
        let form = |on: &str| SubmitForm { version: 2, sent_on: Some(d(on)) };
        let (saved, today) = (Some(d("2027-05-10")), d("2027-05-20"));
        assert!(check_submission(&form("2027-05-12"), saved, today).is_empty());
        assert_eq!(check_submission(&form("2027-05-21"), saved, today)[0].code, "in_future");
        assert_eq!(check_submission(&form("2027-05-09"), saved, today)[0].code, "before_saved");
        assert_eq!(check_submission(&SubmitForm::default(), saved, today)[0].code, "required");
    }

    #[test]
    fn the_panels_answer_comes_after_the_report() {
        assert!(check_response(
            &PanelResponse { acknowledged_on: Some(d("2027-05-25")), feedback: String::new() },
            d("2027-05-20"),
            d("2027-06-01")
        )
        .is_empty());
        let early = PanelResponse { acknowledged_on: Some(d("2027-05-19")), feedback: String::new() };
        assert_eq!(check_response(&early, d("2027-05-20"), d("2027-06-01"))[0].code, "before_sent");
    }
}
