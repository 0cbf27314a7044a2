//! Commissioning: the business office appoints the lead reviewer (a person of the
//! partnership with the reviewer role; an external reviewer is invited first) and assigns
//! the Independent Scrutineer, then tells the National Panel, Ofsted and the DfE that the
//! review is commissioned and who leads it [215–219].
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The office's form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CommissionForm {
    /// A person of the partnership with the reviewer role.
    pub lead_reviewer_id: Option<Uuid>,
    /// A person of the partnership with the scrutineer role.
    pub scrutineer_id: Option<Uuid>,
    pub commissioned_on: Option<NaiveDate>,
}

/// The commissioning as recorded (names as they were when appointed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Commission {
    pub lead_reviewer_id: Uuid,
    pub lead_reviewer_name: String,
    pub scrutineer_id: Uuid,
    pub scrutineer_name: String,
    pub commissioned_on: NaiveDate,
    /// When the notice went to the National Panel, Ofsted and the DfE.
    pub notice_sent_on: Option<NaiveDate>,
}

/// The notice to the National Panel, Ofsted and the DfE.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NoticeForm {
    pub sent_on: Option<NaiveDate>,
}

/// The boxes of the form: `reviewers` and `scrutineers` are the people of the partnership
/// holding those roles; the date is not before the decision nor after today.
pub fn check_commission(
    form: &CommissionForm,
    reviewers: &[Uuid],
    scrutineers: &[Uuid],
    decided_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match form.lead_reviewer_id {
        None => errors.push(FieldError::new("lead_reviewer_id", "required", "Choose the lead reviewer")),
        Some(id) if !reviewers.contains(&id) => errors.push(FieldError::new(
            "lead_reviewer_id",
            "invalid",
            "The lead reviewer must be a person of the partnership with the reviewer role (invite an \
             external reviewer first)",
        )),
        _ => {}
    }
    match form.scrutineer_id {
        None => errors.push(FieldError::new("scrutineer_id", "required", "Choose the Independent Scrutineer")),
        Some(id) if !scrutineers.contains(&id) => errors.push(FieldError::new(
            "scrutineer_id",
            "invalid",
            "The Independent Scrutineer must be a person of the partnership with the scrutineer role",
        )),
        _ => {}
    }
    errors.extend(check_day("commissioned_on", form.commissioned_on, decided_on, today, "the date commissioned"));
    errors
}

/// A required date that is not in the future and not before `after` (the decision).
pub(crate) fn check_day(
    field: &str,
    day: Option<NaiveDate>,
    after: Option<NaiveDate>,
    today: NaiveDate,
    label: &str,
) -> Vec<FieldError> {
    match day {
        None => vec![FieldError::new(field, "required", format!("Enter {label}"))],
        Some(d) if d > today => {
            vec![FieldError::new(field, "in_future", format!("{} must be today or in the past", upper_first(label)))]
        }
        Some(d) if after.is_some_and(|a| d < a) => vec![FieldError::new(
            field,
            "before_decision",
            format!("{} cannot be before the decision to initiate the review", upper_first(label)),
        )],
        _ => Vec::new(),
    }
}

pub(crate) fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The notice's date: not before the review was commissioned, not in the future.
pub fn check_notice(sent_on: NaiveDate, c: &Commission, today: NaiveDate) -> Vec<FieldError> {
    check_day("sent_on", Some(sent_on), None, today, "the date sent")
        .into_iter()
        .chain((sent_on < c.commissioned_on).then(|| {
            FieldError::new(
                "sent_on",
                "before_commissioning",
                "The notice cannot be sent before the review was commissioned",
            )
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_lead_reviewer_and_scrutineer_hold_their_roles() {
        let (rev, scr) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let form = CommissionForm {
            lead_reviewer_id: Some(rev),
            scrutineer_id: Some(scr),
            commissioned_on: Some(d("2026-11-10")),
        };
        assert!(check_commission(&form, &[rev], &[scr], Some(d("2026-11-09")), d("2026-11-20")).is_empty());
        let swapped = CommissionForm { lead_reviewer_id: Some(scr), scrutineer_id: Some(rev), ..form.clone() };
        let fields: Vec<_> = check_commission(&swapped, &[rev], &[scr], None, d("2026-11-20"))
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            vec![("lead_reviewer_id".into(), "invalid".into()), ("scrutineer_id".into(), "invalid".into())]
        );
        let early = check_commission(&form, &[rev], &[scr], Some(d("2026-11-11")), d("2026-11-20"));
        assert_eq!(early[0].code, "before_decision");
        let empty = check_commission(&CommissionForm::default(), &[rev], &[scr], None, d("2026-11-20"));
        assert_eq!(empty.len(), 3);
    }
}
