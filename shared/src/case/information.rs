//! Additional Information Requests (the seed's Appendix 2b): the business office asks
//! chosen agencies; each agency's authors answer within 7 working days.
use super::notification::{person, Notifier};
use crate::form_check::Check;
use crate::referral::Themes;
use crate::text::MAX_TEXT;
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The office's request to some agencies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendRequests {
    /// The agencies asked (each at most once per case).
    pub agency_ids: Vec<uuid::Uuid>,
    /// The date sent; today when left out. The 7-working-day clock starts here.
    #[serde(default)]
    pub sent_on: Option<NaiveDate>,
}

/// An agency's answer: every box but the family details is mandatory to submit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AdditionalInformation {
    /// Who completed it for the agency.
    pub completed_by: Notifier,
    /// 1.2: family members as the agency knows them (optional).
    pub family_known: String,
    /// 2.1: the background to the incident as the agency knows it.
    pub background: String,
    /// The agency's involvement with the child and family.
    pub involvement: String,
    /// 3.2: areas of learning.
    pub areas_of_learning: String,
    /// Section 4: actions taken as a result of learning, and good practice.
    pub themes: Themes,
}

crate::wire::wire_enum! {
    /// Where a request stands.
    pub enum RequestStatus ["snake_case"] {
        /// Sent, nothing saved yet.
        Sent,
        /// The agency has saved a draft answer.
        Draft,
        Submitted,
    }
}

/// A request to send: at least one agency, no agency twice, the date not in the future.
pub fn validate_send_requests(s: &SendRequests, today: NaiveDate) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today, strict: false, prefix: "" };
    if s.agency_ids.is_empty() {
        c.errors.push(FieldError::new("agency_ids", "required", "Choose at least one agency to ask"));
    }
    let mut seen = std::collections::HashSet::new();
    if !s.agency_ids.iter().all(|a| seen.insert(*a)) {
        c.errors.push(FieldError::new("agency_ids", "invalid", "Choose each agency once"));
    }
    c.date("sent_on", s.sent_on, "The date the request was sent");
    c.errors
}

/// `strict`: for submission (every mandatory box); otherwise a draft's limits only.
pub fn validate_information(a: &AdditionalInformation, strict: bool) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today: NaiveDate::MAX, strict, prefix: "" };
    c.nested("completed_by", |c| person(c, &a.completed_by, "person completing this"));
    c.text_optional("family_known", &a.family_known, MAX_TEXT, "The family details");
    c.text("background", &a.background, MAX_TEXT, "The background to the incident");
    c.text("involvement", &a.involvement, MAX_TEXT, "Your agency's involvement");
    c.text("areas_of_learning", &a.areas_of_learning, MAX_TEXT, "The areas of learning");
    c.nested("themes", |c| {
        c.text("actions_taken", &a.themes.actions_taken, MAX_TEXT, "The actions taken as a result of learning");
        c.text("good_practice", &a.themes.good_practice, MAX_TEXT, "The good practice");
    });
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submission_needs_every_mandatory_box_and_a_draft_does_not() {
        let empty = AdditionalInformation::default();
        assert!(validate_information(&empty, false).is_empty());
        let fields: Vec<_> = validate_information(&empty, true).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                "completed_by.name",
                "completed_by.agency",
                "completed_by.designation",
                "completed_by.contact_details",
                "background",
                "involvement",
                "areas_of_learning",
                "themes.actions_taken",
                "themes.good_practice"
            ]
        );
        let long = AdditionalInformation { background: "x".repeat(MAX_TEXT + 1), ..Default::default() };
        assert_eq!(validate_information(&long, false)[0].code, "too_long");
    }

    #[test]
    fn requests_name_agencies_once() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let a = uuid::Uuid::from_u128(1);
        assert_eq!(validate_send_requests(&SendRequests::default(), today)[0].code, "required");
        let twice = SendRequests { agency_ids: vec![a, a], sent_on: None };
        assert_eq!(validate_send_requests(&twice, today)[0].code, "invalid");
        let future = SendRequests { agency_ids: vec![a], sent_on: today.succ_opt() };
        assert_eq!(validate_send_requests(&future, today)[0].code, "in_future");
        assert!(validate_send_requests(&SendRequests { agency_ids: vec![a], sent_on: Some(today) }, today).is_empty());
    }
}
