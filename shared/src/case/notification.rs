//! The Serious Incident Notification: the incident, the children (one to four, each with
//! the Appendix 1 child details) and who notified.
use crate::form_check::Check;
use crate::referral::ChildDetails;
use crate::text::{MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The most children one notification may name.
pub const MAX_CHILDREN: usize = 4;

/// Who made the notification for the local authority.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Notifier {
    pub name: String,
    pub agency: String,
    pub designation: String,
    /// Address, telephone number and e-mail address.
    pub contact_details: String,
}

/// The criteria that require a Serious Incident Notification (seed, "Serious Incident
/// Notifications and Rapid Review"): both must hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NotificationCriteria {
    /// Abuse or neglect of the child is known or suspected.
    pub abuse_or_neglect: bool,
    /// The child has died or been seriously harmed.
    pub died_or_seriously_harmed: bool,
}

/// Who at the local authority decided to notify (the decision is the local authority's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct LaDecisionMaker {
    pub name: String,
    pub designation: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Notification {
    pub criteria: NotificationCriteria,
    pub decided_by: LaDecisionMaker,
    pub incident_date: Option<NaiveDate>,
    pub incident_place: String,
    /// The date the local authority became aware: the 5-working-day clock starts here.
    pub la_aware_on: Option<NaiveDate>,
    pub children: Vec<ChildDetails>,
    pub notifier: Notifier,
    /// The referral this case was raised from, if any.
    pub referral_id: Option<uuid::Uuid>,
}

pub(crate) fn person(c: &mut Check<'_>, p: &Notifier, who: &str) {
    c.text("name", &p.name, MAX_SHORT, &format!("The {who}'s name"));
    c.text("agency", &p.agency, MAX_SHORT, &format!("The {who}'s agency"));
    c.text("designation", &p.designation, MAX_SHORT, &format!("The {who}'s designation"));
    c.text("contact_details", &p.contact_details, MAX_TEXT, &format!("The {who}'s contact details"));
}

/// Every box a notification needs. Each child needs a name and date of birth; the other
/// child boxes are checked for length and dates only (the notifier may not know them yet).
pub fn validate_notification(n: &Notification, today: NaiveDate) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today, strict: true, prefix: "" };
    if !n.criteria.abuse_or_neglect {
        c.errors.push(FieldError::new(
            "criteria.abuse_or_neglect",
            "required",
            "A notification needs abuse or neglect of the child to be known or suspected",
        ));
    }
    if !n.criteria.died_or_seriously_harmed {
        c.errors.push(FieldError::new(
            "criteria.died_or_seriously_harmed",
            "required",
            "A notification needs the child to have died or been seriously harmed",
        ));
    }
    c.nested("decided_by", |c| {
        c.text("name", &n.decided_by.name, MAX_SHORT, "The name of who decided to notify");
        c.text("designation", &n.decided_by.designation, MAX_SHORT, "The designation of who decided to notify");
    });
    c.date("incident_date", n.incident_date, "The date of the incident");
    c.text("incident_place", &n.incident_place, MAX_TEXT, "The place of the incident");
    c.date("la_aware_on", n.la_aware_on, "The date the local authority became aware");
    if let (Some(incident), Some(aware)) = (n.incident_date, n.la_aware_on) {
        if aware < incident {
            c.errors.push(FieldError::new(
                "la_aware_on",
                "invalid",
                "The date the local authority became aware must be on or after the incident",
            ));
        }
    }
    if n.children.is_empty() {
        c.errors.push(FieldError::new("children", "required", "Add the child or children involved"));
    } else if n.children.len() > MAX_CHILDREN {
        c.errors.push(FieldError::new(
            "children",
            "too_many",
            format!("A notification can name at most {MAX_CHILDREN} children"),
        ));
    }
    for (i, child) in n.children.iter().take(MAX_CHILDREN).enumerate() {
        let prefix = format!("children[{i}]");
        c.nested(&prefix, |c| {
            c.strict = false;
            crate::referral::validation::child_details(c, child);
            c.strict = true;
            c.text("name", &child.name, MAX_SHORT, "The child's name");
            c.date("date_of_birth", child.date_of_birth, "The child's date of birth");
        });
    }
    c.nested("notifier", |c| person(c, &n.notifier, "notifier"));
    dedupe(c.errors)
}

/// One error per field: the strict pass may repeat what the lenient one found.
fn dedupe(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    let mut seen = std::collections::HashSet::new();
    errors.retain(|e| seen.insert((e.field.clone(), e.code.clone())));
    errors
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub(crate) fn complete() -> Notification {
        Notification {
            criteria: NotificationCriteria { abuse_or_neglect: true, died_or_seriously_harmed: true },
            decided_by: LaDecisionMaker {
                name: "D. Ecider".into(),
                designation: "Director of children's services".into(),
            },
            incident_date: Some(d("2026-11-02")),
            incident_place: "The family home".into(),
            la_aware_on: Some(d("2026-11-03")),
            children: vec![ChildDetails {
                name: "Child A".into(),
                date_of_birth: Some(d("2020-05-01")),
                ..Default::default()
            }],
            notifier: Notifier {
                name: "N. Otifier".into(),
                agency: "Children's social care".into(),
                designation: "Head of service".into(),
                contact_details: "01234 567890".into(),
            },
            referral_id: None,
        }
    }

    fn fields(n: &Notification) -> Vec<String> {
        validate_notification(n, d("2026-11-26")).into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_notification_passes() {
        assert_eq!(fields(&complete()), Vec::<String>::new());
    }

    #[test]
    fn missing_boxes_are_named() {
        let f = fields(&Notification::default());
        for want in [
            "criteria.abuse_or_neglect",
            "criteria.died_or_seriously_harmed",
            "decided_by.name",
            "incident_date",
            "incident_place",
            "la_aware_on",
            "children",
            "notifier.name",
            "notifier.contact_details",
        ] {
            assert!(f.contains(&want.to_string()), "{want} in {f:?}");
        }
        let mut n = complete();
        n.children[0].name.clear();
        n.children[0].date_of_birth = None;
        assert_eq!(fields(&n), vec!["children[0].name", "children[0].date_of_birth"]);
        let mut n = complete();
        n.criteria.died_or_seriously_harmed = false;
        assert_eq!(fields(&n), vec!["criteria.died_or_seriously_harmed"]);
    }

    #[test]
    fn one_to_four_children_and_dates_in_order() {
        let mut n = complete();
        n.children = vec![n.children[0].clone(); 5];
        assert_eq!(fields(&n), vec!["children"]);
        let mut n = complete();
        n.la_aware_on = Some(d("2026-11-01"));
        assert_eq!(fields(&n), vec!["la_aware_on"]);
        n.la_aware_on = Some(d("2026-12-01"));
        assert_eq!(fields(&n), vec!["la_aware_on"]);
    }
}
