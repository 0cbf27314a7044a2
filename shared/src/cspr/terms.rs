//! The terms of reference and key lines of enquiry: versioned text that the lead reviewer
//! writes, on which the Independent Scrutineer and the review group's members observe, and
//! which the review group agrees at a recorded meeting: who, when, which version [209, 233].
use crate::role::Role;
use crate::text::{is_blank, MAX_ROWS, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A new version, as the lead reviewer writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TermsForm {
    pub text: String,
    /// The key lines of enquiry, one per line of the list.
    pub key_lines: Vec<String>,
}

/// A version as kept: never changed once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermsVersion {
    /// 1, 2, …
    pub version: u32,
    pub text: String,
    pub key_lines: Vec<String>,
    pub written_by: String,
    pub written_on: NaiveDate,
    pub observations: Vec<TermsObservation>,
}

/// An observation on a version by the scrutineer or a member of the review group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermsObservation {
    pub by: String,
    /// The role they observe in (the scrutineer, or a member's).
    pub role: Role,
    pub on: NaiveDate,
    pub text: String,
}

/// The review group's agreement, as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AgreementForm {
    /// The version agreed.
    pub version: u32,
    /// The day of the review group's meeting.
    pub agreed_on: Option<NaiveDate>,
    /// Who was at the meeting.
    pub attendees: Vec<String>,
}

/// The agreement as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermsAgreement {
    pub version: u32,
    pub agreed_on: NaiveDate,
    pub attendees: Vec<String>,
    pub recorded_by: String,
}

fn lines(field: &str, lines: &[String], label: &str, required: bool, errors: &mut Vec<FieldError>) {
    if lines.len() > MAX_ROWS {
        errors.push(FieldError::new(field, "too_many", format!("There can be at most {MAX_ROWS} {label}")));
        return;
    }
    if required && lines.iter().all(|l| is_blank(l)) {
        errors.push(FieldError::new(field, "required", format!("Add at least one of the {label}")));
    }
    for (i, l) in lines.iter().enumerate() {
        if l.chars().count() > MAX_SHORT * 4 {
            errors.push(FieldError::new(format!("{field}[{i}]"), "too_long", "This line is too long"));
        }
    }
}

/// The boxes of a new version: the text and at least one key line of enquiry.
pub fn check_terms(form: &TermsForm) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if is_blank(&form.text) {
        errors.push(FieldError::new("text", "required", "Enter the terms of reference"));
    } else if form.text.chars().count() > MAX_TEXT {
        errors.push(FieldError::new("text", "too_long", format!("The terms must be {MAX_TEXT} characters or fewer")));
    }
    lines("key_lines", &form.key_lines, "key lines of enquiry", true, &mut errors);
    errors
}

/// The boxes of the agreement: a version that exists, the meeting's day (not before the
/// version was written, not in the future) and who attended.
pub fn check_agreement(form: &AgreementForm, versions: &[TermsVersion], today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let version = versions.iter().find(|v| v.version == form.version);
    if version.is_none() {
        errors.push(FieldError::new("version", "invalid", "Choose a version of the terms of reference"));
    }
    match form.agreed_on {
        None => errors.push(FieldError::new("agreed_on", "required", "Enter the date of the review group's meeting")),
        Some(d) if d > today => {
            errors.push(FieldError::new("agreed_on", "in_future", "The meeting must be today or in the past"))
        }
        Some(d) if version.is_some_and(|v| d < v.written_on) => errors.push(FieldError::new(
            "agreed_on",
            "before_version",
            "The meeting cannot be before the version was written",
        )),
        _ => {}
    }
    lines("attendees", &form.attendees, "people who attended", true, &mut errors);
    errors
}

/// The cleaned lines of a list (blank ones dropped, spaces trimmed).
pub fn clean_lines(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn version(n: u32, on: &str) -> TermsVersion {
        TermsVersion {
            version: n,
            text: "Scope".into(),
            key_lines: vec!["How was the child's voice heard?".into()],
            written_by: "Lead".into(),
            written_on: d(on),
            observations: vec![],
        }
    }

    #[test]
    fn a_version_needs_its_text_and_a_key_line() {
        let codes = |f: &TermsForm| check_terms(f).into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(codes(&TermsForm::default()), vec!["text", "key_lines"]);
        assert_eq!(codes(&TermsForm { text: "x".into(), key_lines: vec![" ".into()] }), vec!["key_lines"]);
        assert!(codes(&TermsForm { text: "x".into(), key_lines: vec!["y".into()] }).is_empty());
    }

    #[test]
    fn the_agreement_names_a_version_its_meeting_and_who_attended() {
        let versions = [version(1, "2026-11-10"), version(2, "2026-11-12")];
        let ok = AgreementForm { version: 2, agreed_on: Some(d("2026-11-13")), attendees: vec!["A".into()] };
        assert!(check_agreement(&ok, &versions, d("2026-11-20")).is_empty());
        let early = AgreementForm { agreed_on: Some(d("2026-11-11")), ..ok.clone() };
        assert_eq!(check_agreement(&early, &versions, d("2026-11-20"))[0].code, "before_version");
        let none = AgreementForm { version: 3, agreed_on: None, attendees: vec![] };
        let fields: Vec<_> = check_agreement(&none, &versions, d("2026-11-20")).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["version", "agreed_on", "attendees"]);
    }
}
