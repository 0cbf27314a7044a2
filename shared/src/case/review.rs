//! After the decision: the Independent Scrutineer's observations that inform it, and a local
//! CSPR's 6-month clock, which stops when the final report goes to the National Panel and
//! until then may be extended with a reason and a record of whether the Panel was advised.
use crate::text::{is_blank, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The Independent Scrutineer's observations on a Rapid Review, before the decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ObservationRequest {
    pub text: String,
}

/// An observation as recorded: who, when and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Observation {
    /// The scrutineer's name.
    pub by: String,
    pub on: NaiveDate,
    pub text: String,
}

pub fn validate_observation(o: &ObservationRequest) -> Vec<FieldError> {
    if is_blank(&o.text) {
        vec![FieldError::new("text", "required", "Enter your observations")]
    } else if o.text.chars().count() > MAX_TEXT {
        vec![FieldError::new("text", "too_long", format!("The observations must be {MAX_TEXT} characters or fewer"))]
    } else {
        Vec::new()
    }
}

/// Moving a local CSPR's due date on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReviewExtension {
    /// The new due date.
    pub due_on: Option<NaiveDate>,
    pub reason: String,
    /// Whether the National Panel was advised of the delay.
    pub panel_advised: bool,
    /// When the Panel was advised (needed when it was).
    pub panel_advised_on: Option<NaiveDate>,
}

/// The boxes of an extension of a review now due on `due`.
pub fn check_extension(e: &ReviewExtension, due: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match e.due_on {
        None => errors.push(FieldError::new("due_on", "required", "Enter the new due date")),
        Some(d) if d <= due => errors.push(FieldError::new(
            "due_on",
            "invalid",
            format!("The new due date must be after the current one, {}", due.format("%-d %B %Y")),
        )),
        Some(_) => {}
    }
    if is_blank(&e.reason) {
        errors.push(FieldError::new("reason", "required", "Enter the reason for the delay"));
    } else if e.reason.chars().count() > MAX_TEXT {
        errors.push(FieldError::new(
            "reason",
            "too_long",
            format!("The reason must be {MAX_TEXT} characters or fewer"),
        ));
    }
    match (e.panel_advised, e.panel_advised_on) {
        (true, None) => errors.push(FieldError::new(
            "panel_advised_on",
            "required",
            "Enter the date the National Panel was advised",
        )),
        (true, Some(d)) if d > today => errors.push(FieldError::new(
            "panel_advised_on",
            "in_future",
            "The date the National Panel was advised must be today or in the past",
        )),
        (false, Some(_)) => errors.push(FieldError::new(
            "panel_advised_on",
            "invalid",
            "Give a date only when the National Panel was advised",
        )),
        _ => {}
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
    fn an_extension_moves_the_date_on_with_a_reason() {
        let due = d("2027-05-09");
        let today = d("2027-04-01");
        let ok = ReviewExtension {
            due_on: Some(d("2027-07-09")),
            reason: "A criminal trial".into(),
            panel_advised: true,
            panel_advised_on: Some(d("2027-03-30")),
        };
        assert!(check_extension(&ok, due, today).is_empty());
        let fields = |e: &ReviewExtension| -> Vec<String> {
            check_extension(e, due, today).into_iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(&ReviewExtension::default()), ["due_on", "reason"]);
        let earlier = ReviewExtension { due_on: Some(due), panel_advised_on: None, ..ok.clone() };
        assert_eq!(fields(&earlier), ["due_on", "panel_advised_on"]);
        let not_advised = ReviewExtension { panel_advised: false, ..ok };
        assert_eq!(fields(&not_advised), ["panel_advised_on"]);
    }

    #[test]
    fn observations_need_text() {
        assert_eq!(validate_observation(&ObservationRequest::default())[0].code, "required");
        assert!(validate_observation(&ObservationRequest { text: "Seen".into() }).is_empty());
    }
}
