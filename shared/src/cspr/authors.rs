//! The authors: the briefing where the agreed terms are discussed and expectations set
//! [235], and each involved agency's author, assigned with a due date (a clock under the
//! partnership's rule for agency reports).
use super::commission::check_day;
use crate::text::{is_blank, MAX_ROWS};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The author briefing: when, and who attended.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AuthorBriefing {
    pub held_on: Option<NaiveDate>,
    pub attendees: Vec<String>,
}

/// Assigning an agency's author.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AssignAuthor {
    pub agency_id: Option<Uuid>,
    /// A person who writes for that agency (the agency author role).
    pub author_id: Option<Uuid>,
    /// The due date runs from this day (today when absent).
    pub assigned_on: Option<NaiveDate>,
}

/// A person who may write for an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: Uuid,
    pub agency_id: Uuid,
}

pub fn check_briefing(b: &AuthorBriefing, agreed_on: Option<NaiveDate>, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match b.held_on {
        Some(d) if agreed_on.is_some_and(|a| d < a) => errors.push(FieldError::new(
            "held_on",
            "before_terms",
            "The briefing cannot be before the terms of reference were agreed",
        )),
        on => errors.extend(check_day("held_on", on, None, today, "the date of the briefing")),
    }
    if b.attendees.len() > MAX_ROWS {
        errors.push(FieldError::new("attendees", "too_many", format!("At most {MAX_ROWS} attendees")));
    } else if b.attendees.iter().all(|a| is_blank(a)) {
        errors.push(FieldError::new("attendees", "required", "Add who attended the briefing"));
    }
    errors
}

/// The boxes of an assignment: an active agency of the partnership (`agencies`), one of its
/// authors (`authors`), not assigned already (`assigned`), on a day not in the future.
pub fn check_assignment(
    a: &AssignAuthor,
    agencies: &[Uuid],
    authors: &[Candidate],
    assigned: &[Uuid],
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match a.agency_id {
        None => errors.push(FieldError::new("agency_id", "required", "Choose the agency")),
        Some(id) if !agencies.contains(&id) => {
            errors.push(FieldError::new("agency_id", "invalid", "Choose one of the partnership's active agencies"))
        }
        Some(id) if assigned.contains(&id) => {
            errors.push(FieldError::new("agency_id", "assigned", "This agency has its author already"))
        }
        _ => {}
    }
    match (a.author_id, a.agency_id) {
        (None, _) => errors.push(FieldError::new("author_id", "required", "Choose the author")),
        (Some(u), Some(ag)) if !authors.iter().any(|c| c.user_id == u && c.agency_id == ag) => {
            errors.push(FieldError::new("author_id", "invalid", "The author must be an agency author of that agency"))
        }
        _ => {}
    }
    if let Some(d) = a.assigned_on {
        if d > today {
            errors.push(FieldError::new("assigned_on", "in_future", "The date assigned must be today or in the past"));
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
    fn an_author_writes_for_the_agency_they_are_assigned_to_once() {
        let (police, health, ann) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(9));
        let authors = [Candidate { user_id: ann, agency_id: police }];
        let ok = AssignAuthor { agency_id: Some(police), author_id: Some(ann), assigned_on: None };
        assert!(check_assignment(&ok, &[police, health], &authors, &[], d("2026-11-20")).is_empty());
        let wrong = AssignAuthor { agency_id: Some(health), ..ok.clone() };
        assert_eq!(check_assignment(&wrong, &[police, health], &authors, &[], d("2026-11-20"))[0].field, "author_id");
        assert_eq!(check_assignment(&ok, &[police], &authors, &[police], d("2026-11-20"))[0].code, "assigned");
    }

    #[test]
    fn the_briefing_follows_the_agreed_terms() {
        let b = AuthorBriefing { held_on: Some(d("2026-11-10")), attendees: vec!["A".into()] };
        assert!(check_briefing(&b, Some(d("2026-11-09")), d("2026-11-20")).is_empty());
        assert_eq!(check_briefing(&b, Some(d("2026-11-11")), d("2026-11-20"))[0].code, "before_terms");
        assert_eq!(check_briefing(&AuthorBriefing::default(), None, d("2026-11-20")).len(), 2);
    }
}
