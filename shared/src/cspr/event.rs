//! The practitioner event (Appendix 3): its date and format, who is invited (by agency and
//! team: the police officer in charge, the allocated social worker and their team manager
//! when known [616, 620]), the questions circulated in advance [590], attendance, the support
//! offered before and after, one-to-one meetings with the lead reviewer for those who cannot
//! attend [468, 564], and a senior service manager only with a recorded reason [463, 560].
use crate::text::{is_blank, MAX_ROWS, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire::wire_enum! {
    pub enum EventFormat ["snake_case"] {
        InPerson,
        Virtual,
    }
}

crate::wire::wire_enum! {
    /// Why a person is invited.
    pub enum InviteeRole ["snake_case"] {
        /// A practitioner who worked with the family.
        Practitioner,
        /// The police officer in charge of the investigation.
        OfficerInCharge,
        /// The allocated social worker.
        SocialWorker,
        /// The social worker's team manager.
        TeamManager,
        /// A senior service manager: only with a recorded reason.
        SeniorServiceManager,
    }
}

impl EventFormat {
    pub fn label(self) -> &'static str {
        match self {
            EventFormat::InPerson => "In person",
            EventFormat::Virtual => "Virtual",
        }
    }
}

impl InviteeRole {
    pub fn label(self) -> &'static str {
        match self {
            InviteeRole::Practitioner => "Practitioner",
            InviteeRole::OfficerInCharge => "Police officer in charge",
            InviteeRole::SocialWorker => "Allocated social worker",
            InviteeRole::TeamManager => "Social worker's team manager",
            InviteeRole::SeniorServiceManager => "Senior service manager",
        }
    }
}

/// A person invited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Invitee {
    pub name: String,
    pub agency_id: Option<Uuid>,
    pub team: String,
    pub role: InviteeRole,
    /// Why a senior service manager is invited (needed for one).
    pub reason: String,
    /// Whether they attended; unknown until the event.
    pub attended: Option<bool>,
    /// A one-to-one with the lead reviewer instead, for one who could not attend.
    pub one_to_one_on: Option<NaiveDate>,
}

impl Default for Invitee {
    fn default() -> Self {
        Invitee {
            name: String::new(),
            agency_id: None,
            team: String::new(),
            role: InviteeRole::Practitioner,
            reason: String::new(),
            attended: None,
            one_to_one_on: None,
        }
    }
}

/// The event as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PractitionerEvent {
    pub held_on: Option<NaiveDate>,
    pub format: Option<EventFormat>,
    pub invitees: Vec<Invitee>,
    /// When the questions went to the invitees.
    pub questions_sent_on: Option<NaiveDate>,
    pub questions: String,
    /// The support offered before the event.
    pub support_before: String,
    /// The support offered after it.
    pub support_after: String,
}

/// The boxes: a date and format, invitees with a name and an agency of the partnership
/// (`agencies`), a reason for a senior service manager, a one-to-one only for one who did not
/// attend, questions sent before the event.
pub fn check_event(e: &PractitionerEvent, agencies: &[Uuid]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if e.held_on.is_none() {
        errors.push(FieldError::new("held_on", "required", "Enter the date of the event"));
    }
    if e.format.is_none() {
        errors.push(FieldError::new("format", "required", "Choose whether the event is in person or virtual"));
    }
    if let (Some(q), Some(h)) = (e.questions_sent_on, e.held_on) {
        if q > h {
            errors.push(FieldError::new(
                "questions_sent_on",
                "after_event",
                "The questions are circulated before the event",
            ));
        }
    }
    for (field, value) in
        [("questions", &e.questions), ("support_before", &e.support_before), ("support_after", &e.support_after)]
    {
        if value.chars().count() > MAX_TEXT {
            errors.push(FieldError::new(field, "too_long", format!("This box must be {MAX_TEXT} characters or fewer")));
        }
    }
    if e.invitees.len() > MAX_ROWS {
        errors.push(FieldError::new("invitees", "too_many", format!("At most {MAX_ROWS} invitees")));
        return errors;
    }
    for (i, p) in e.invitees.iter().enumerate() {
        let at = |f: &str| format!("invitees[{i}].{f}");
        if is_blank(&p.name) {
            errors.push(FieldError::new(at("name"), "required", "Enter the invitee's name"));
        }
        for (f, v) in [("name", &p.name), ("team", &p.team), ("reason", &p.reason)] {
            if v.chars().count() > MAX_SHORT {
                errors.push(FieldError::new(
                    at(f),
                    "too_long",
                    format!("This box must be {MAX_SHORT} characters or fewer"),
                ));
            }
        }
        match p.agency_id {
            None => errors.push(FieldError::new(at("agency_id"), "required", "Choose the invitee's agency")),
            Some(a) if !agencies.contains(&a) => {
                errors.push(FieldError::new(at("agency_id"), "invalid", "Choose one of the partnership's agencies"))
            }
            _ => {}
        }
        if p.role == InviteeRole::SeniorServiceManager && is_blank(&p.reason) {
            errors.push(FieldError::new(
                at("reason"),
                "required",
                "A senior service manager is invited only with a reason: say why",
            ));
        }
        if p.one_to_one_on.is_some() && p.attended != Some(false) {
            errors.push(FieldError::new(
                at("one_to_one_on"),
                "attended",
                "A one-to-one with the lead reviewer is for an invitee who could not attend",
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_senior_manager_needs_a_reason_and_a_one_to_one_an_absence() {
        let police = Uuid::from_u128(1);
        let invitee = |role| Invitee { name: "A".into(), agency_id: Some(police), role, ..Invitee::default() };
        let mut e = PractitionerEvent {
            held_on: Some(d("2026-12-01")),
            format: Some(EventFormat::Virtual),
            invitees: vec![invitee(InviteeRole::OfficerInCharge), invitee(InviteeRole::SeniorServiceManager)],
            ..PractitionerEvent::default()
        };
        let fields = |e: &PractitionerEvent| check_event(e, &[police]).into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(&e), vec!["invitees[1].reason"]);
        e.invitees[1].reason = "Only they can speak to the service's capacity".into();
        e.invitees[0].one_to_one_on = Some(d("2026-12-03"));
        assert_eq!(fields(&e), vec!["invitees[0].one_to_one_on"]);
        e.invitees[0].attended = Some(false);
        assert!(fields(&e).is_empty());
        e.questions_sent_on = Some(d("2026-12-02"));
        assert_eq!(fields(&e), vec!["questions_sent_on"]);
        assert_eq!(fields(&PractitionerEvent::default()), vec!["held_on", "format"]);
    }
}
