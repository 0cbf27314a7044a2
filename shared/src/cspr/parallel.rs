//! Parallel processes [600–628]: a criminal investigation or prosecution (with the officer
//! in charge's contact details), care proceedings, an inquest, a single-agency review, the
//! LADO, disciplinary proceedings, a case mapping exercise. Each has a status and dated
//! updates. An active prosecution holds publication; while a criminal process has an officer
//! in charge not yet sent the terms of reference and the event date, the office is reminded
//! [616].
use crate::settings::is_email;
use crate::text::{is_blank, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire::wire_enum! {
    pub enum ProcessKind ["snake_case"] {
        CriminalInvestigation,
        Prosecution,
        CareProceedings,
        Inquest,
        SingleAgencyReview,
        Lado,
        Disciplinary,
        CaseMapping,
    }
}

impl ProcessKind {
    pub fn label(self) -> &'static str {
        match self {
            ProcessKind::CriminalInvestigation => "Criminal investigation",
            ProcessKind::Prosecution => "Prosecution",
            ProcessKind::CareProceedings => "Care proceedings",
            ProcessKind::Inquest => "Inquest",
            ProcessKind::SingleAgencyReview => "Single-agency review",
            ProcessKind::Lado => "Local Authority Designated Officer (LADO)",
            ProcessKind::Disciplinary => "Disciplinary proceedings",
            ProcessKind::CaseMapping => "Case mapping exercise",
        }
    }

    /// A criminal process has a police officer in charge.
    pub fn criminal(self) -> bool {
        matches!(self, ProcessKind::CriminalInvestigation | ProcessKind::Prosecution)
    }
}

crate::wire::wire_enum! {
    pub enum ProcessStatus ["snake_case"] {
        Active,
        Paused,
        Concluded,
    }
}

impl ProcessStatus {
    pub fn label(self) -> &'static str {
        match self {
            ProcessStatus::Active => "Active",
            ProcessStatus::Paused => "Paused",
            ProcessStatus::Concluded => "Concluded",
        }
    }
}

/// The police officer in charge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct OfficerInCharge {
    pub name: String,
    pub phone: String,
    pub email: String,
}

/// Add a process, or update one: its status and a dated note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ProcessForm {
    pub kind: ProcessKind,
    pub status: ProcessStatus,
    /// For a criminal process.
    pub officer: Option<OfficerInCharge>,
    pub on: Option<NaiveDate>,
    /// What happened (the update's note).
    pub note: String,
    /// When the officer in charge was sent the terms of reference and the event date.
    pub officer_informed_on: Option<NaiveDate>,
}

impl Default for ProcessForm {
    fn default() -> Self {
        ProcessForm {
            kind: ProcessKind::CriminalInvestigation,
            status: ProcessStatus::Active,
            officer: None,
            on: None,
            note: String::new(),
            officer_informed_on: None,
        }
    }
}

/// A dated update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcessUpdate {
    pub on: NaiveDate,
    pub status: ProcessStatus,
    pub note: String,
}

/// A process as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParallelProcess {
    pub id: Uuid,
    pub kind: ProcessKind,
    pub status: ProcessStatus,
    pub officer: Option<OfficerInCharge>,
    pub officer_informed_on: Option<NaiveDate>,
    /// Oldest first.
    pub updates: Vec<ProcessUpdate>,
}

impl ParallelProcess {
    /// Whether it holds the report's publication: an active (or paused) prosecution.
    pub fn holds(&self) -> bool {
        self.kind == ProcessKind::Prosecution && self.status != ProcessStatus::Concluded
    }

    /// Whether the office is still to send the officer in charge the terms of reference and
    /// the event date.
    pub fn officer_to_inform(&self) -> bool {
        self.kind.criminal() && self.status != ProcessStatus::Concluded && self.officer_informed_on.is_none()
    }

    /// Applies an update of `form` (of the same kind).
    pub fn apply(&mut self, form: ProcessForm, on: NaiveDate) {
        self.status = form.status;
        if form.officer.is_some() {
            self.officer = form.officer;
        }
        if form.officer_informed_on.is_some() {
            self.officer_informed_on = form.officer_informed_on;
        }
        self.updates.push(ProcessUpdate { on, status: form.status, note: form.note.trim().to_string() });
    }
}

/// Whether any of the processes holds publication.
pub fn holds_publication(processes: &[ParallelProcess]) -> bool {
    processes.iter().any(ParallelProcess::holds)
}

/// The boxes: a criminal process names its officer in charge with a way to reach them; the
/// dates are not in the future; an update of a process keeps its kind (`existing`).
pub fn check_process(form: &ProcessForm, existing: Option<ProcessKind>, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if existing.is_some_and(|k| k != form.kind) {
        errors.push(FieldError::new("kind", "invalid", "A process keeps its kind: add a new one instead"));
    }
    if form.kind.criminal() && existing.is_none() || form.officer.is_some() {
        match &form.officer {
            None => {
                errors.push(FieldError::new("officer", "required", "Enter the officer in charge's contact details"))
            }
            Some(o) => {
                if is_blank(&o.name) {
                    errors.push(FieldError::new("officer.name", "required", "Enter the officer in charge's name"));
                }
                if is_blank(&o.phone) && is_blank(&o.email) {
                    errors.push(FieldError::new(
                        "officer.phone",
                        "required",
                        "Enter a phone number or an email address",
                    ));
                }
                if !is_blank(&o.email) && !is_email(&o.email) {
                    errors.push(FieldError::new(
                        "officer.email",
                        "invalid",
                        "Enter an email address like name@example.org",
                    ));
                }
                if [&o.name, &o.phone, &o.email].iter().any(|v| v.chars().count() > MAX_SHORT) {
                    errors.push(FieldError::new("officer.name", "too_long", "A box is too long"));
                }
            }
        }
    }
    for (field, d) in [("on", form.on), ("officer_informed_on", form.officer_informed_on)] {
        if d.is_some_and(|d| d > today) {
            errors.push(FieldError::new(field, "in_future", "The date must be today or in the past"));
        }
    }
    if form.note.chars().count() > MAX_TEXT {
        errors.push(FieldError::new("note", "too_long", format!("The note must be {MAX_TEXT} characters or fewer")));
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
    fn a_criminal_process_names_its_officer_and_a_prosecution_holds_publication() {
        let form = ProcessForm { kind: ProcessKind::Prosecution, ..ProcessForm::default() };
        assert_eq!(check_process(&form, None, d("2026-11-20"))[0].field, "officer");
        let officer =
            OfficerInCharge { name: "DC Example".into(), phone: "".into(), email: "dc@police.example".into() };
        let form = ProcessForm { officer: Some(officer), ..form };
        assert!(check_process(&form, None, d("2026-11-20")).is_empty());
        let care = ProcessForm { kind: ProcessKind::CareProceedings, ..ProcessForm::default() };
        assert!(check_process(&care, None, d("2026-11-20")).is_empty());
        assert_eq!(check_process(&care, Some(ProcessKind::Inquest), d("2026-11-20"))[0].field, "kind");
        let mut p = ParallelProcess {
            id: Uuid::from_u128(1),
            kind: ProcessKind::Prosecution,
            status: ProcessStatus::Active,
            officer: form.officer.clone(),
            officer_informed_on: None,
            updates: vec![],
        };
        assert!(p.holds() && p.officer_to_inform() && holds_publication(std::slice::from_ref(&p)));
        p.apply(ProcessForm { status: ProcessStatus::Concluded, note: "Sentenced".into(), ..form }, d("2026-11-20"));
        assert!(!p.holds() && !p.officer_to_inform());
        assert_eq!(p.updates.len(), 1);
    }
}
