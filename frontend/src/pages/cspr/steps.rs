//! The review's steps that are one short form each: commissioning, the notice, a version of
//! the terms, an observation, the agreement, the author briefing, an agency's author.
use super::{lines, load_review, long, not_allowed, send_review, ReviewForms};
use crate::api::{self, CsprRecord};
use crate::clock::today;
use crate::components::{BackLink, DateInput, ErrorSummary, Loading, Select, Textarea};
use crate::form::bind::{day, put, put_day, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::{ReviewStep, Route};
use crate::session::Session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::validate_observation;
use shared::cspr::*;
use shared::people::PersonView;
use shared::Role;
use uuid::Uuid;

/// The partnership's agencies, as loaded.
type Agencies = Vec<shared::agency::AgencyView>;

/// What a step page is: its heading, its action and its button.
fn about(step: ReviewStep) -> (&'static str, CsprAction, &'static str) {
    match step {
        ReviewStep::Commission => ("Commission the review", CsprAction::Commission, "Save the commissioning"),
        ReviewStep::Notice => {
            ("Tell the National Panel, Ofsted and the DfE", CsprAction::SendNotice, "Record and send the notice")
        }
        ReviewStep::Terms => ("Write the terms of reference", CsprAction::DraftTerms, "Save a new version"),
        ReviewStep::Observe => ("Observe on the terms of reference", CsprAction::ObserveTerms, "Save the observation"),
        ReviewStep::Agreement => ("Record the agreement of the terms", CsprAction::AgreeTerms, "Record the agreement"),
        ReviewStep::Briefing => ("Record the author briefing", CsprAction::RecordBriefing, "Save the briefing"),
        _ => ("Assign an agency's author", CsprAction::AssignAuthor, "Assign the author"),
    }
}

/// The partnership's people (for the office's choices), loaded alongside the review.
fn load_people(needed: bool) -> RwSignal<Vec<PersonView>> {
    let people = RwSignal::new(Vec::new());
    if needed {
        let session = Session::expect();
        spawn_local(async move {
            if let Ok(list) = api::people(session).await {
                people.set(list);
            }
        });
    }
    people
}

fn uuid(s: &str) -> Option<Uuid> {
    s.parse().ok()
}

#[component]
pub fn StepPage(id: Uuid, step: ReviewStep) -> impl IntoView {
    let (title, action, button) = about(step);
    let review = load_review(id);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    let form = RwSignal::new(ReviewForms::default());
    let people = load_people(matches!(step, ReviewStep::Commission | ReviewStep::Authors));
    let agencies = super::load_agencies(step == ReviewStep::Authors);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(view) = super::loaded_review(review) else { return };
        let f = form.get_untracked();
        let today = today();
        let (found, record) = match step {
            ReviewStep::Commission => {
                let c = CommissionForm {
                    lead_reviewer_id: uuid(&f.lead),
                    scrutineer_id: uuid(&f.scrutineer),
                    ..f.commission
                };
                let reviewers: Vec<Uuid> = people.with_untracked(|p| holders(p, Role::Reviewer));
                let scrutineers: Vec<Uuid> = people.with_untracked(|p| holders(p, Role::Scrutineer));
                (check_commission(&c, &reviewers, &scrutineers, view.decided_on, today), CsprRecord::Commission(c))
            }
            ReviewStep::Notice => (Vec::new(), CsprRecord::Notice(f.notice)),
            ReviewStep::Terms => {
                let t = TermsForm { text: f.terms.text, key_lines: lines(&f.key_lines) };
                (check_terms(&t), CsprRecord::Terms(t))
            }
            ReviewStep::Observe => {
                let version = f.version.parse::<u32>().ok().or(view.terms.last().map(|t| t.version)).unwrap_or(1);
                (validate_observation(&f.observation), CsprRecord::Observation(version, f.observation))
            }
            ReviewStep::Agreement => {
                let version = f.version.parse::<u32>().unwrap_or(0);
                let a = AgreementForm { version, agreed_on: f.agreement.agreed_on, attendees: lines(&f.attendees) };
                (check_agreement(&a, &view.terms, today), CsprRecord::Agreement(a))
            }
            ReviewStep::Briefing => {
                let b = AuthorBriefing { held_on: f.briefing.held_on, attendees: lines(&f.attendees) };
                (check_briefing(&b, view.agreement.as_ref().map(|a| a.agreed_on), today), CsprRecord::Briefing(b))
            }
            _ => {
                let a = AssignAuthor {
                    agency_id: uuid(&f.agency),
                    author_id: uuid(&f.person),
                    assigned_on: f.author.assigned_on,
                };
                let mut found = Vec::new();
                if a.agency_id.is_none() {
                    found.push(shared::FieldError::new("agency_id", "required", "Choose the agency"));
                }
                if a.author_id.is_none() {
                    found.push(shared::FieldError::new("author_id", "required", "Choose the author"));
                }
                (found, CsprRecord::Author(a))
            }
        };
        if state.ready(found) {
            send_review(state, id, review, record);
        }
    };
    view! {
        <BackLink href=Route::Review(id).href() text="Back to the review" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text=title />
                <Loading state=review render=move |r: CsprView| {
                    if let Some(no) = not_allowed(&r, action) {
                        return no;
                    }
                    let boxes = match step {
                        ReviewStep::Commission => {
                            let choices = move |role: Role| Signal::derive(move || people.with(|p| options(p, role)));
                            view! {
                                {move || view! {
                                    <Select id="lead_reviewer_id" label="Lead reviewer" options=choices(Role::Reviewer).get()
                                        value=text(form, |f| &f.lead) on_change=put(form, |f| &mut f.lead) errors=errors />
                                    <Select id="scrutineer_id" label="Independent Scrutineer" options=choices(Role::Scrutineer).get()
                                        value=text(form, |f| &f.scrutineer) on_change=put(form, |f| &mut f.scrutineer) errors=errors />
                                }}
                                <p class="govuk-body">
                                    "An external lead reviewer is first "<a class="govuk-link" href=Route::Invite.href()>"invited to the partnership"</a>" with the reviewer role."
                                </p>
                                <DateInput id="commissioned_on" legend="Date commissioned" name="The date commissioned"
                                    value=day(form, |f| f.commission.commissioned_on) on_change=put_day(form, |f| &mut f.commission.commissioned_on)
                                    errors=errors problems=problems />
                            }.into_any()
                        }
                        ReviewStep::Notice => view! {
                            <p class="govuk-body">{format!(
                                "A message naming the lead reviewer, {}, goes to the partnership's addresses for the National Panel, Ofsted and the Department for Education.",
                                r.commission.as_ref().map(|c| c.lead_reviewer_name.clone()).unwrap_or_default()
                            )}</p>
                            <DateInput id="sent_on" legend="Date sent" name="The date sent" hint="Today when left empty"
                                value=day(form, |f| f.notice.sent_on) on_change=put_day(form, |f| &mut f.notice.sent_on)
                                errors=errors problems=problems />
                        }.into_any(),
                        ReviewStep::Terms => {
                            if let Some(last) = r.terms.last().cloned() {
                                form.update(|f| {
                                    f.terms.text = last.text.clone();
                                    f.key_lines = last.key_lines.join("\n");
                                });
                            }
                            view! {
                                <Textarea id="text" label="Terms of reference" rows=10
                                    value=text(form, |f| &f.terms.text) on_input=put(form, |f| &mut f.terms.text) errors=errors />
                                <Textarea id="key_lines" label="Key lines of enquiry" hint="One on each line" rows=6
                                    value=text(form, |f| &f.key_lines) on_input=put(form, |f| &mut f.key_lines) errors=errors />
                            }.into_any()
                        }
                        ReviewStep::Observe | ReviewStep::Agreement => {
                            let versions: Vec<(String, String)> = r.terms.iter().rev()
                                .map(|t| (t.version.to_string(), format!("Version {} of {}", t.version, long(t.written_on))))
                                .collect();
                            if let Some(last) = r.terms.last() {
                                let v = last.version.to_string();
                                form.update(|f| f.version = v);
                            }
                            let rest = if step == ReviewStep::Observe {
                                view! {
                                    <Textarea id="text" label="Your observations" rows=8
                                        value=text(form, |f| &f.observation.text) on_input=put(form, |f| &mut f.observation.text) errors=errors />
                                }.into_any()
                            } else {
                                view! {
                                    <DateInput id="agreed_on" legend="Date of the review group's meeting" name="The date of the meeting"
                                        value=day(form, |f| f.agreement.agreed_on) on_change=put_day(form, |f| &mut f.agreement.agreed_on)
                                        errors=errors problems=problems />
                                    <Textarea id="attendees" label="Who attended" hint="One person on each line" rows=6
                                        value=text(form, |f| &f.attendees) on_input=put(form, |f| &mut f.attendees) errors=errors />
                                }.into_any()
                            };
                            view! {
                                <Select id="version" label="Version" options=versions
                                    value=text(form, |f| &f.version) on_change=put(form, |f| &mut f.version) errors=errors />
                                {rest}
                            }.into_any()
                        }
                        ReviewStep::Briefing => view! {
                            <DateInput id="held_on" legend="Date of the briefing" name="The date of the briefing"
                                value=day(form, |f| f.briefing.held_on) on_change=put_day(form, |f| &mut f.briefing.held_on)
                                errors=errors problems=problems />
                            <Textarea id="attendees" label="Who attended" hint="One person on each line" rows=6
                                value=text(form, |f| &f.attendees) on_input=put(form, |f| &mut f.attendees) errors=errors />
                        }.into_any(),
                        _ => {
                            let assigned: Vec<Uuid> = r.reports.iter().map(|a| a.agency_id).collect();
                            view! {
                                <Loading state=agencies render={move |list: Agencies| {
                                    let choices: Vec<(String, String)> = list.iter()
                                        .filter(|a| a.active && !assigned.contains(&a.id))
                                        .map(|a| (a.id.to_string(), a.name.clone()))
                                        .collect();
                                    view! {
                                        <Select id="agency_id" label="Agency" options=choices
                                            value=text(form, |f| &f.agency) on_change=put(form, |f| &mut f.agency) errors=errors />
                                    }
                                }} />
                                {move || {
                                    let agency = form.with(|f| uuid(&f.agency));
                                    let authors: Vec<(String, String)> = people.with(|p| p.iter()
                                        .filter(|x| !x.disabled && x.roles.contains(&Role::AgencyAuthor) && x.agency_id.is_some() && x.agency_id == agency)
                                        .map(|x| (x.id.to_string(), x.name.clone()))
                                        .collect());
                                    view! {
                                        <Select id="author_id" label="Author" options=authors
                                            value=text(form, |f| &f.person) on_change=put(form, |f| &mut f.person) errors=errors />
                                    }
                                }}
                                <DateInput id="assigned_on" legend="Date assigned" name="The date assigned" hint="Today when left empty: the due date runs from it"
                                    value=day(form, |f| f.author.assigned_on) on_change=put_day(form, |f| &mut f.author.assigned_on)
                                    errors=errors problems=problems />
                            }.into_any()
                        }
                    };
                    view! {
                        <p class="govuk-body">{format!("Case {}", r.case_reference)}</p>
                        <form novalidate on:submit=on_submit>
                            {boxes}
                            <button type="submit" class="govuk-button" id="save-step" disabled=move || state.sending.get()>{button}</button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}

/// The ids of the people holding `role`.
fn holders(people: &[PersonView], role: Role) -> Vec<Uuid> {
    people.iter().filter(|p| !p.disabled && p.roles.contains(&role)).map(|p| p.id).collect()
}

/// The people holding `role`, as choices.
fn options(people: &[PersonView], role: Role) -> Vec<(String, String)> {
    people
        .iter()
        .filter(|p| !p.disabled && p.roles.contains(&role))
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect()
}
