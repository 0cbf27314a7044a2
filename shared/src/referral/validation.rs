//! What a referral needs before it can be submitted, and what any draft must respect.
//! The server and the browser app both call these functions.
use super::{ChildDetails, Decision, KeyEvent, Recommendation, ReferralForm, ReturnRequest, SignOff};
use crate::form_check::Check;
use crate::text::{is_blank, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;

fn sign_off(c: &mut Check<'_>, s: &SignOff, who: &str) {
    c.text("name", &s.name, MAX_SHORT, &format!("The {who}'s name"));
    c.text("agency", &s.agency, MAX_SHORT, &format!("The {who}'s agency"));
    c.text("designation", &s.designation, MAX_SHORT, &format!("The {who}'s designation"));
    c.text("contact_details", &s.contact_details, MAX_TEXT, &format!("The {who}'s contact details"));
    c.text("signature", &s.signature, MAX_SHORT, &format!("The {who}'s signature"));
    c.date("signed_on", s.signed_on, &format!("The date the {who} signed"));
}

fn valid_time(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit)
        && t[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && t[3..].parse::<u32>().is_ok_and(|m| m < 60)
}

fn key_event(c: &mut Check<'_>, e: &KeyEvent) {
    c.date("date", e.date, "The date of the event");
    if !e.time.trim().is_empty() && !valid_time(e.time.trim()) {
        let path = c.path("time");
        c.errors.push(FieldError::new(path, "invalid", "Enter the time as HH:MM, for example 14:30"));
    }
    c.text("event", &e.event, MAX_TEXT, "The event");
}

/// Section 1.1, the child's details (also each child of a Serious Incident Notification).
pub(crate) fn child_details(c: &mut Check<'_>, ch: &ChildDetails) {
    c.text("name", &ch.name, MAX_SHORT, "The child's name");
    c.date("date_of_birth", ch.date_of_birth, "The child's date of birth");
    c.date("date_of_incident", ch.date_of_incident, "The date of death or serious incident");
    c.text("home_address", &ch.home_address, MAX_TEXT, "The child's home address");
    c.text("ethnic_origin", &ch.ethnic_origin, MAX_SHORT, "The child's ethnic origin");
    c.text("faith", &ch.faith, MAX_SHORT, "The child's faith or religion");
    c.text("disability", &ch.disability, MAX_TEXT, "Disability");
    c.text("child_protection_plan", &ch.child_protection_plan, MAX_TEXT, "Child protection plan history");
    c.text("incident_location", &ch.incident_location, MAX_TEXT, "The address or location of the incident");
    c.text("carer_at_incident", &ch.carer_at_incident, MAX_SHORT, "The carer at the time of the incident");
    if c.strict && ch.criminal_investigation.is_none() {
        let path = c.path("criminal_investigation");
        c.errors.push(FieldError::new(
            path,
            "required",
            "Say whether the case is known to be the subject of a criminal investigation",
        ));
    }
    if let (Some(born), Some(incident)) = (ch.date_of_birth, ch.date_of_incident) {
        if incident < born {
            let path = c.path("date_of_incident");
            c.errors.push(FieldError::new(
                path,
                "invalid",
                "The date of the incident must be on or after the date of birth",
            ));
        }
    }
}

fn check_form(form: &ReferralForm, today: NaiveDate, strict: bool) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today, strict, prefix: "" };
    c.nested("referrer", |c| sign_off(c, &form.referrer, "referrer"));
    // The senior manager's boxes of referrals typed before the sign-off: kept within limits,
    // never required (the manager signs off from their own account).
    c.nested("senior_manager", |c| {
        let strict = std::mem::replace(&mut c.strict, false);
        sign_off(c, &form.senior_manager.person, "senior manager");
        c.strict = strict;
    });
    if strict && form.review_type.is_none() {
        c.errors.push(FieldError::new("review_type", "required", "Select the type of review you are asking for"));
    }
    c.text("rationale", &form.rationale, MAX_TEXT, "The rationale for the request");
    c.nested("child", |c| child_details(c, &form.child));
    c.text_optional("genogram", &form.genogram, MAX_TEXT, "The genogram");
    let family_needed = is_blank(&form.genogram);
    {
        let strict_rows = c.strict && family_needed;
        let saved = c.strict;
        c.strict = strict_rows;
        c.rows("family_members", form.family_members.len(), "The family table");
        c.strict = saved;
    }
    for (i, m) in form.family_members.iter().enumerate() {
        let prefix = format!("family_members[{i}]");
        c.nested(&prefix, |c| {
            c.text("name", &m.name, MAX_SHORT, "The family member's name");
            c.date("date_of_birth", m.date_of_birth, "The family member's date of birth");
            c.text("address", &m.address, MAX_TEXT, "The family member's address");
            c.text("relationship", &m.relationship, MAX_SHORT, "The relationship to the child");
        });
    }
    c.text("background", &form.background, MAX_TEXT, "The background to the incident");
    c.rows("other_agencies", form.other_agencies.len(), "Other agencies known");
    for (i, a) in form.other_agencies.iter().enumerate() {
        let prefix = format!("other_agencies[{i}]");
        c.nested(&prefix, |c| {
            c.text("agency", &a.agency, MAX_SHORT, "The agency");
            c.text("contact_details", &a.contact_details, MAX_TEXT, "The agency's contact details");
            c.text("reason_for_involvement", &a.reason_for_involvement, MAX_TEXT, "The reason for involvement");
        });
    }
    c.rows("chronology", form.chronology.len(), "The chronology");
    for (i, e) in form.chronology.iter().enumerate() {
        let prefix = format!("chronology[{i}]");
        c.nested(&prefix, |c| key_event(c, e));
    }
    c.text("areas_of_learning", &form.areas_of_learning, MAX_TEXT, "The areas of learning");
    c.nested("themes", |c| {
        c.text("actions_taken", &form.themes.actions_taken, MAX_TEXT, "The actions taken as a result of learning");
        c.text("good_practice", &form.themes.good_practice, MAX_TEXT, "The good practice");
    });
    c.errors
}

/// Limits any draft must respect (lengths, row counts, dates not in the future).
pub fn validate_draft(form: &ReferralForm, today: NaiveDate) -> Vec<FieldError> {
    check_form(form, today, false)
}

/// Every mandatory box of Appendix 1: "if any boxes are left empty, the request will be
/// returned to you for completion".
pub fn validate_for_submission(form: &ReferralForm, today: NaiveDate) -> Vec<FieldError> {
    check_form(form, today, true)
}

pub fn validate_recommendation(r: &Recommendation, today: NaiveDate) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today, strict: true, prefix: "" };
    if r.review_recommended && r.review_type.is_none() {
        c.errors.push(FieldError::new("review_type", "required", "Select the type of review recommended"));
    }
    if !r.review_recommended && r.review_type.is_some() {
        c.errors.push(FieldError::new(
            "review_type",
            "invalid",
            "A review type applies only when a review is recommended",
        ));
    }
    c.text("reason", &r.reason, MAX_TEXT, "The reason for the recommendation");
    c.text_optional("comments", &r.comments, MAX_TEXT, "Comments");
    c.date("recommended_on", Some(r.recommended_on), "The date of the recommendation");
    c.errors
}

pub fn validate_decision(d: &Decision, today: NaiveDate) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today, strict: true, prefix: "" };
    c.text_optional("comments", &d.comments, MAX_TEXT, "Comments");
    c.date("decided_on", Some(d.decided_on), "The date of the decision");
    if d.review_agreed {
        if !is_blank(&d.learning_identified) || !d.actions.is_empty() {
            c.errors.push(FieldError::new(
                "learning_identified",
                "invalid",
                "Record the learning and its actions only when no review is agreed",
            ));
        }
    } else {
        // Learning only: the learning and its actions, checked as a Rapid Review's
        // learning-only decision checks them.
        let as_case = crate::case::CaseDecision {
            outcome: Some(crate::case::RapidReviewOutcome::LearningOnly),
            rationale: "-".into(),
            decided_on: Some(d.decided_on),
            learning_identified: d.learning_identified.clone(),
            actions: d.actions.clone(),
        };
        c.errors.extend(
            crate::case::validate_decision(&as_case, today)
                .into_iter()
                .filter(|e| e.field.starts_with("learning_identified") || e.field.starts_with("actions")),
        );
    }
    c.errors
}

pub fn validate_return(r: &ReturnRequest) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today: NaiveDate::MAX, strict: true, prefix: "" };
    c.text("reason", &r.reason, MAX_TEXT, "What needs completing");
    c.errors
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::referral::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn person(name: &str) -> SignOff {
        SignOff {
            name: name.into(),
            agency: "Agency".into(),
            designation: "Role".into(),
            contact_details: "1 Street".into(),
            signature: name.into(),
            signed_on: Some(day("2026-11-01")),
        }
    }

    pub(crate) fn complete() -> ReferralForm {
        ReferralForm {
            referrer: person("A"),
            senior_manager: SeniorManagerSignOff { person: person("B"), agrees: true },
            review_type: Some(ReviewType::Cspr),
            rationale: "r".into(),
            child: ChildDetails {
                name: "C".into(),
                date_of_birth: Some(day("2020-01-01")),
                date_of_incident: Some(day("2026-10-01")),
                home_address: "x".into(),
                ethnic_origin: "x".into(),
                faith: "x".into(),
                disability: "none".into(),
                child_protection_plan: "no".into(),
                incident_location: "x".into(),
                carer_at_incident: "x".into(),
                criminal_investigation: Some(false),
            },
            genogram: String::new(),
            family_members: vec![FamilyMember {
                name: "M".into(),
                date_of_birth: Some(day("1990-01-01")),
                address: "x".into(),
                relationship: "mother".into(),
            }],
            background: "b".into(),
            other_agencies: vec![OtherAgency {
                agency: "GP".into(),
                contact_details: "c".into(),
                reason_for_involvement: "r".into(),
            }],
            chronology: vec![KeyEvent { date: Some(day("2026-09-30")), time: "09:15".into(), event: "e".into() }],
            areas_of_learning: "l".into(),
            themes: Themes { actions_taken: "a".into(), good_practice: "g".into() },
        }
    }

    #[test]
    fn a_complete_form_passes() {
        assert_eq!(validate_for_submission(&complete(), day("2026-11-26")), vec![]);
    }

    #[test]
    fn an_empty_form_names_every_mandatory_box() {
        let errors = validate_for_submission(&ReferralForm::default(), day("2026-11-26"));
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        for f in [
            "referrer.name",
            "referrer.signed_on",
            "review_type",
            "rationale",
            "child.name",
            "child.date_of_birth",
            "child.criminal_investigation",
            "family_members",
            "background",
            "other_agencies",
            "chronology",
            "areas_of_learning",
            "themes.actions_taken",
            "themes.good_practice",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
        assert!(errors.iter().all(|e| e.code == "required"));
        assert!(!fields.iter().any(|f| f.starts_with("senior_manager")), "the manager signs off from their account");
        // A draft may be empty.
        assert_eq!(validate_draft(&ReferralForm::default(), day("2026-11-26")), vec![]);
    }

    #[test]
    fn a_genogram_replaces_the_family_table() {
        let mut f = complete();
        f.family_members.clear();
        assert_eq!(validate_for_submission(&f, day("2026-11-26"))[0].field, "family_members");
        f.genogram = "attached separately".into();
        assert!(validate_for_submission(&f, day("2026-11-26")).is_empty());
    }

    #[test]
    fn row_errors_carry_their_index_and_bad_values_are_caught_in_drafts() {
        let mut f = complete();
        f.chronology.push(KeyEvent { date: Some(day("2027-01-01")), time: "25:00".into(), event: String::new() });
        f.child.name = "x".repeat(MAX_SHORT + 1);
        let errors = validate_draft(&f, day("2026-11-26"));
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            got,
            vec![("child.name", "too_long"), ("chronology[1].date", "in_future"), ("chronology[1].time", "invalid")]
        );
    }

    #[test]
    fn incident_before_birth_is_invalid() {
        let mut f = complete();
        f.child.date_of_incident = Some(day("2019-01-01"));
        assert_eq!(validate_for_submission(&f, day("2026-11-26"))[0].field, "child.date_of_incident");
    }

    #[test]
    fn recommendation_rules() {
        let mut r = Recommendation {
            review_recommended: true,
            review_type: None,
            comments: String::new(),
            recommended_on: day("2026-11-20"),
            reason: "criteria met".into(),
            legal_advice_sought: false,
        };
        assert_eq!(validate_recommendation(&r, day("2026-11-26"))[0].field, "review_type");
        r.review_type = Some(ReviewType::Cspr);
        assert!(validate_recommendation(&r, day("2026-11-26")).is_empty());
        r.review_recommended = false;
        assert_eq!(validate_recommendation(&r, day("2026-11-26"))[0].code, "invalid");
        r.review_type = None;
        r.reason = " ".into();
        assert_eq!(validate_recommendation(&r, day("2026-11-26"))[0].field, "reason");
    }

    #[test]
    fn decision_date_cannot_be_in_future() {
        let d = Decision {
            review_agreed: true,
            comments: String::new(),
            decided_on: day("2026-12-01"),
            learning_identified: String::new(),
            actions: Vec::new(),
        };
        assert_eq!(validate_decision(&d, day("2026-11-26"))[0].code, "in_future");
    }

    #[test]
    fn learning_only_records_the_learning_and_its_actions() {
        use crate::case::LearningAction;
        let mut d = Decision {
            review_agreed: false,
            comments: String::new(),
            decided_on: day("2026-11-20"),
            learning_identified: String::new(),
            actions: Vec::new(),
        };
        let fields =
            |d: &Decision| validate_decision(d, day("2026-11-26")).into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(&d), vec!["learning_identified", "actions"]);
        d.learning_identified = "Share the threshold guidance".into();
        d.actions = vec![LearningAction { action: "Briefing".into(), owner: String::new(), due_on: None }];
        assert_eq!(fields(&d), vec!["actions[0].owner", "actions[0].due_on"]);
        d.actions[0].owner = "Schools".into();
        d.actions[0].due_on = Some(day("2027-01-31"));
        assert!(fields(&d).is_empty());
        // a review agreed carries no learning-only actions
        d.review_agreed = true;
        assert_eq!(fields(&d), vec!["learning_identified"]);
    }
}
