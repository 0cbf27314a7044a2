//! An agency's report for a local CSPR: its chronology (Appendix 4c) and its key event
//! analysis (Appendix 4b). The author saves drafts; the agency's senior manager signs the
//! complete draft off (section 1); the author submits it, signing it themself; the lead
//! reviewer may return it for revision, and the revised report is signed off again (the
//! "report revision" sign-off). Every submitted version is kept.
use super::stage::CsprMoveError;
use crate::form_check::Check;
use crate::text::{is_blank, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// One row of the agency's chronology (Appendix 4c).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ChronologyEntry {
    pub date: Option<NaiveDate>,
    /// The time of day, when known (`HH:MM:SS`).
    pub time: Option<NaiveTime>,
    /// What happened.
    pub event: String,
    /// Where the entry comes from (the record it is taken from).
    pub source: String,
    /// The practitioner's role.
    pub practitioner_role: String,
    /// The action taken or the outcome.
    pub outcome: String,
}

/// One key event of the analysis (Appendix 4b): every box is mandatory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct KeyEvent {
    pub date: Option<NaiveDate>,
    pub title: String,
    /// In-depth analysis of the key event.
    pub analysis: String,
    /// The learning.
    pub learning: String,
    /// How the learning has been addressed to date.
    pub addressed: String,
    /// Outstanding action.
    pub outstanding_action: String,
    /// Evidence: "so what" difference has it made.
    pub evidence: String,
}

/// What the author writes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AgencyReportBody {
    pub chronology: Vec<ChronologyEntry>,
    pub key_events: Vec<KeyEvent>,
}

crate::wire::wire_enum! {
    /// Where an agency's report stands.
    pub enum ReportStatus ["snake_case"] {
        /// Being written (not yet submitted).
        Draft,
        Submitted,
        /// Returned by the lead reviewer for revision.
        Returned,
    }
}

impl ReportStatus {
    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::Draft => "Draft",
            ReportStatus::Submitted => "Submitted",
            ReportStatus::Returned => "Returned for revision",
        }
    }

    /// Whether the author may still change it.
    pub fn editable(self) -> bool {
        self != ReportStatus::Submitted
    }
}

/// A sign-off of section 1: name and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignOff {
    pub name: String,
    pub signed_on: NaiveDate,
}

/// A submitted version, kept as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportVersion {
    /// 1, 2, …
    pub version: u32,
    pub body: AgencyReportBody,
    /// The author's sign-off.
    pub author: SignOff,
    /// The agency manager's sign-off (the "report revision" sign-off from version 2 on).
    pub manager: SignOff,
    /// A revision of a returned report.
    pub revision: bool,
    pub submitted_on: NaiveDate,
}

/// The lead reviewer's reason for returning a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReturnForm {
    pub reason: String,
}

impl ReturnForm {
    pub fn problems(&self) -> Vec<FieldError> {
        if is_blank(&self.reason) {
            vec![FieldError::new("reason", "required", "Say what needs revising")]
        } else if self.reason.chars().count() > MAX_TEXT {
            vec![FieldError::new("reason", "too_long", format!("The reason must be {MAX_TEXT} characters or fewer"))]
        } else {
            Vec::new()
        }
    }
}

crate::wire::wire_enum! {
    /// What may be done to an agency's report.
    pub enum ReportAction ["snake_case"] {
        /// Save the draft (the agency's author).
        Save,
        /// Sign the complete draft off (the agency's manager).
        SignOff,
        /// Submit it (the agency's author, once signed off).
        Submit,
        /// Return it for revision (the lead reviewer).
        Return,
        /// Move its due date on, with a reason (the business office), while it is a first draft.
        Extend,
    }
}

/// The most rows of a chronology (a long involvement runs to hundreds of entries).
pub const MAX_ENTRIES: usize = 2_000;
/// The most key events of one analysis.
pub const MAX_KEY_EVENTS: usize = 100;

/// The boxes of a report on `today`. A draft (`strict` false) checks lengths and dates only;
/// a report to sign off or submit needs every box, at least one chronology entry and one key
/// event.
pub fn check_report(body: &AgencyReportBody, today: NaiveDate, strict: bool) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today, strict, prefix: "" };
    if body.chronology.len() > MAX_ENTRIES {
        c.errors.push(FieldError::new(
            "chronology",
            "too_many",
            format!("A chronology can have at most {MAX_ENTRIES} entries"),
        ));
    } else if strict && body.chronology.is_empty() {
        c.errors.push(FieldError::new("chronology", "required", "Add at least one chronology entry"));
    }
    if body.key_events.len() > MAX_KEY_EVENTS {
        c.errors.push(FieldError::new(
            "key_events",
            "too_many",
            format!("An analysis can have at most {MAX_KEY_EVENTS} key events"),
        ));
    } else if strict && body.key_events.is_empty() {
        c.errors.push(FieldError::new("key_events", "required", "Add at least one key event"));
    }
    if !c.errors.is_empty() {
        return c.errors;
    }
    for (i, e) in body.chronology.iter().enumerate() {
        let prefix = format!("chronology[{i}]");
        c.nested(&prefix, |c| {
            c.date("date", e.date, "The date");
            c.text("event", &e.event, MAX_TEXT, "The event");
            c.text("source", &e.source, MAX_SHORT, "The source");
            c.text("practitioner_role", &e.practitioner_role, MAX_SHORT, "The practitioner's role");
            c.text("outcome", &e.outcome, MAX_TEXT, "The action or outcome");
        });
    }
    for (i, k) in body.key_events.iter().enumerate() {
        let prefix = format!("key_events[{i}]");
        c.nested(&prefix, |c| {
            c.date("date", k.date, "The date of the key event");
            c.text("title", &k.title, MAX_SHORT, "The title of the key event");
            c.text("analysis", &k.analysis, MAX_TEXT, "The in-depth analysis");
            c.text("learning", &k.learning, MAX_TEXT, "The learning");
            c.text("addressed", &k.addressed, MAX_TEXT, "How the learning has been addressed to date");
            c.text("outstanding_action", &k.outstanding_action, MAX_TEXT, "The outstanding action");
            c.text("evidence", &k.evidence, MAX_TEXT, "The evidence (so what)");
        });
    }
    c.errors
}

/// Who is asking, as a report sees them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportRole {
    /// Writes for the report's agency.
    pub author: bool,
    /// Signs off for the report's agency.
    pub manager: bool,
    /// Leads the review.
    pub lead: bool,
    /// The business office.
    pub office: bool,
}

/// The status a report moves to, or why it cannot. `signed` says whether the current draft
/// carries its manager's sign-off.
pub fn next_report_status(
    status: ReportStatus,
    signed: bool,
    action: ReportAction,
    who: ReportRole,
) -> Result<ReportStatus, CsprMoveError> {
    use ReportAction as A;
    let permitted = match action {
        A::Save | A::Submit => who.author,
        A::SignOff => who.manager,
        A::Return => who.lead,
        A::Extend => who.office,
    };
    if !permitted {
        return Err(CsprMoveError::NotPermitted);
    }
    match (status, action) {
        (s, A::Save) if s.editable() => Ok(s),
        (s, A::SignOff) if s.editable() && signed => Err(CsprMoveError::Already("the draft is signed off already")),
        (s, A::SignOff) if s.editable() => Ok(s),
        (s, A::Submit) if s.editable() && !signed => {
            Err(CsprMoveError::Needs("the agency's senior manager must sign the report off before it is submitted"))
        }
        (s, A::Submit) if s.editable() => Ok(ReportStatus::Submitted),
        (ReportStatus::Submitted, A::Return) => Ok(ReportStatus::Returned),
        // its clock runs until the first submission
        (ReportStatus::Draft, A::Extend) => Ok(ReportStatus::Draft),
        _ => Err(CsprMoveError::Needs(match action {
            A::Return => "only a submitted report can be returned",
            A::Extend => "the report was submitted: its deadline is met",
            _ => "the report is submitted: the lead reviewer may return it for revision",
        })),
    }
}

/// The actions a person may take on a report as it stands.
pub fn report_actions(status: ReportStatus, signed: bool, who: ReportRole) -> Vec<ReportAction> {
    ReportAction::ALL.into_iter().filter(|a| next_report_status(status, signed, *a, who).is_ok()).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub(crate) fn entry(date: &str, time: Option<&str>, event: &str) -> ChronologyEntry {
        ChronologyEntry {
            date: Some(d(date)),
            time: time.map(|t| t.parse().unwrap()),
            event: event.into(),
            source: "Case record".into(),
            practitioner_role: "Social worker".into(),
            outcome: "Referred on".into(),
        }
    }

    pub(crate) fn key_event() -> KeyEvent {
        KeyEvent {
            date: Some(d("2026-05-01")),
            title: "Home visit".into(),
            analysis: "a".into(),
            learning: "b".into(),
            addressed: "c".into(),
            outstanding_action: "d".into(),
            evidence: "e".into(),
        }
    }

    pub(crate) fn complete() -> AgencyReportBody {
        AgencyReportBody {
            chronology: vec![entry("2026-05-01", Some("10:30:00"), "Visit")],
            key_events: vec![key_event()],
        }
    }

    #[test]
    fn every_box_of_a_key_event_is_mandatory_when_signed_off_or_submitted() {
        let today = d("2026-11-20");
        assert!(check_report(&complete(), today, true).is_empty());
        assert!(check_report(&AgencyReportBody::default(), today, false).is_empty(), "a draft may be empty");
        let fields: Vec<_> =
            check_report(&AgencyReportBody::default(), today, true).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["chronology", "key_events"]);
        let mut body = complete();
        body.key_events[0] = KeyEvent { date: None, ..KeyEvent::default() };
        let fields: Vec<_> = check_report(&body, today, true).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "key_events[0].date",
                "key_events[0].title",
                "key_events[0].analysis",
                "key_events[0].learning",
                "key_events[0].addressed",
                "key_events[0].outstanding_action",
                "key_events[0].evidence"
            ]
        );
        let mut body = complete();
        body.chronology[0].date = Some(d("2026-12-01"));
        assert_eq!(check_report(&body, today, false)[0].code, "in_future");
    }

    #[test]
    fn a_report_is_signed_off_submitted_returned_and_revised() {
        let author = ReportRole { author: true, ..ReportRole::default() };
        let manager = ReportRole { manager: true, ..ReportRole::default() };
        let lead = ReportRole { lead: true, ..ReportRole::default() };
        use ReportAction as A;
        use ReportStatus as S;
        assert_eq!(report_actions(S::Draft, false, author), vec![A::Save]);
        assert!(matches!(next_report_status(S::Draft, false, A::Submit, author), Err(CsprMoveError::Needs(_))));
        assert_eq!(report_actions(S::Draft, false, manager), vec![A::SignOff]);
        assert_eq!(next_report_status(S::Draft, true, A::Submit, author), Ok(S::Submitted));
        assert_eq!(report_actions(S::Submitted, true, author), vec![]);
        assert_eq!(next_report_status(S::Submitted, true, A::Return, lead), Ok(S::Returned));
        assert_eq!(next_report_status(S::Draft, true, A::Return, author), Err(CsprMoveError::NotPermitted));
        assert_eq!(report_actions(S::Returned, false, author), vec![A::Save]);
        assert_eq!(next_report_status(S::Returned, true, A::Submit, author), Ok(S::Submitted));
        let office = ReportRole { office: true, ..ReportRole::default() };
        assert_eq!(report_actions(S::Draft, false, office), vec![A::Extend]);
        assert!(matches!(next_report_status(S::Returned, false, A::Extend, office), Err(CsprMoveError::Needs(_))));
        assert_eq!(next_report_status(S::Draft, false, A::Extend, author), Err(CsprMoveError::NotPermitted));
    }
}
