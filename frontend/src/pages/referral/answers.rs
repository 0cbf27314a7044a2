//! Every answer of a referral as summary lists, one per section; with "Change" links on
//! "check your answers".
use crate::components::{SummaryList, SummaryRow};
use crate::router::Route;
use chrono::NaiveDate;
use leptos::prelude::*;
use shared::referral::journey::{long_date, Section};
use shared::referral::{ReferralForm, SignOff};
use uuid::Uuid;

fn date(d: Option<NaiveDate>) -> String {
    d.map(long_date).unwrap_or_default()
}

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "Yes".into(),
        Some(false) => "No".into(),
        None => String::new(),
    }
}

fn sign_off_rows(p: &SignOff) -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("name", "Name", p.name.clone()),
        ("agency", "Agency", p.agency.clone()),
        ("designation", "Designation", p.designation.clone()),
        ("contact_details", "Contact details", p.contact_details.clone()),
        ("signature", "Signature", p.signature.clone()),
        ("signed_on", "Date signed", date(p.signed_on)),
    ]
}

/// `(field path, key, answer)` of each row of a section.
pub fn rows(form: &ReferralForm, section: Section) -> Vec<(String, String, String)> {
    let plain = |prefix: &str, rows: Vec<(&'static str, &'static str, String)>| {
        rows.into_iter()
            .map(|(field, key, value)| {
                let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
                (path, key.to_string(), value)
            })
            .collect::<Vec<_>>()
    };
    match section {
        Section::Referrer => plain("referrer", sign_off_rows(&form.referrer)),
        Section::ReviewType => plain(
            "",
            vec![
                ("review_type", "Review type", form.review_type.map(|t| t.label().to_string()).unwrap_or_default()),
                ("rationale", "Rationale", form.rationale.clone()),
            ],
        ),
        Section::Child => {
            let c = &form.child;
            plain(
                "child",
                vec![
                    ("name", "Name", c.name.clone()),
                    ("date_of_birth", "Date of birth", date(c.date_of_birth)),
                    ("date_of_incident", "Date of death or serious incident", date(c.date_of_incident)),
                    ("home_address", "Home address", c.home_address.clone()),
                    ("ethnic_origin", "Ethnic origin", c.ethnic_origin.clone()),
                    ("faith", "Faith or religion", c.faith.clone()),
                    ("disability", "Disability", c.disability.clone()),
                    ("child_protection_plan", "Child protection plan", c.child_protection_plan.clone()),
                    ("incident_location", "Location of the incident", c.incident_location.clone()),
                    ("carer_at_incident", "Carer at the time", c.carer_at_incident.clone()),
                    ("criminal_investigation", "Criminal investigation known", yes_no(c.criminal_investigation)),
                ],
            )
        }
        Section::Family => {
            let mut rows = vec![("genogram".to_string(), "Genogram".to_string(), form.genogram.clone())];
            if form.family_members.is_empty() {
                rows.push(("family_members".into(), "Family members".into(), String::new()));
            }
            for (i, m) in form.family_members.iter().enumerate() {
                let value = [
                    m.name.clone(),
                    format!("Born {}", date(m.date_of_birth)),
                    m.address.clone(),
                    format!("Relationship: {}", m.relationship),
                ]
                .join("\n");
                rows.push((format!("family_members[{i}].name"), format!("Family member {}", i + 1), value));
            }
            rows
        }
        Section::Background => plain("", vec![("background", "Background", form.background.clone())]),
        Section::OtherAgencies => {
            if form.other_agencies.is_empty() {
                return vec![("other_agencies".into(), "Agencies".into(), String::new())];
            }
            form.other_agencies
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let value =
                        [a.agency.clone(), a.contact_details.clone(), format!("Reason: {}", a.reason_for_involvement)]
                            .join("\n");
                    (format!("other_agencies[{i}].agency"), format!("Agency {}", i + 1), value)
                })
                .collect()
        }
        Section::Chronology => {
            if form.chronology.is_empty() {
                return vec![("chronology".into(), "Key events".into(), String::new())];
            }
            form.chronology
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let when = [date(e.date), e.time.clone()].join(" ").trim().to_string();
                    (format!("chronology[{i}].date"), when.clone(), e.event.clone())
                })
                .map(|(path, when, event)| (path, if when.is_empty() { "Date not given".into() } else { when }, event))
                .collect()
        }
        Section::AreasOfLearning => {
            plain("", vec![("areas_of_learning", "Areas of learning", form.areas_of_learning.clone())])
        }
        Section::Themes => plain(
            "themes",
            vec![
                ("actions_taken", "Actions taken as a result of learning", form.themes.actions_taken.clone()),
                ("good_practice", "Good practice", form.themes.good_practice.clone()),
            ],
        ),
    }
}

/// Every section under its title; with `change` (the referral's id) each row links to its box.
#[component]
pub fn Answers(form: ReferralForm, #[prop(optional)] change: Option<Uuid>) -> impl IntoView {
    Section::ALL
        .into_iter()
        .map(|section| {
            let list = rows(&form, section)
                .into_iter()
                .map(|(field, key, value)| {
                    let href = change.map(|id| format!("{}#{field}", Route::Section(id, section).href()));
                    SummaryRow::new(key, value).with_change(href)
                })
                .collect::<Vec<_>>();
            view! {
                <h2 class="govuk-heading-m">{section.title()}</h2>
                <SummaryList rows=list id=format!("answers-{}", section.as_str()) />
            }
        })
        .collect_view()
}
