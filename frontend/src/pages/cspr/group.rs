//! Setting the review group: its members, each with their agency, and whether the agency had
//! involvement with the family. The composition rule is `shared::cspr`'s, checked here before
//! sending and again by the server; either names the part of the rule not met.
use super::{load_review, not_allowed, send_review, ReviewForms};
use crate::api::CsprRecord;
use crate::components::{BackLink, Checkbox, ErrorSummary, Loading, Select, TextInput};
use crate::form::bind::{get, put_row_text, row_text, set};
use crate::form::rows::RemoveRow;
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::agency::AgencyView;
use shared::cspr::group::GroupAgency;
use shared::cspr::*;
use uuid::Uuid;

/// The partnership's agencies, as loaded.
type Agencies = Vec<shared::agency::AgencyView>;

#[component]
pub fn GroupPage(id: Uuid) -> impl IntoView {
    let review = load_review(id);
    let state = FormState::new();
    let errors = state.errors;
    let form = RwSignal::new(ReviewForms::default());
    let agencies = super::load_agencies(true);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(list) = super::loaded_agencies(agencies) else { return };
        let Some(view) = super::loaded_review(review) else { return };
        let known: Vec<GroupAgency> = list
            .iter()
            .filter(|a| a.active)
            .map(|a| GroupAgency { id: a.id, name: a.name.clone(), strategic_lead: a.strategic_lead })
            .collect();
        let group = form.with_untracked(|f| f.group.clone());
        // the agencies the case shows involved: those writing a report (the server also
        // knows those asked for information)
        let involved: Vec<Uuid> = view.reports.iter().map(|r| r.agency_id).collect();
        if state.ready(check_review_group(&group, &known, &involved)) {
            send_review(state, id, review, CsprRecord::Group(group));
        }
    };
    view! {
        <BackLink href=Route::Review(id).href() text="Back to the review" />
        <ErrorSummary failure=state.failure />
        <PageHeading text="Set the review group" />
        <Loading state=review render=move |r: CsprView| {
            if let Some(no) = not_allowed(&r, CsprAction::SetReviewGroup) {
                return no;
            }
            let members: Vec<GroupMember> = r.review_group.iter().map(|m| m.member.clone()).collect();
            form.update(|f| f.group.members = if members.is_empty() { vec![GroupMember::default(); 5] } else { members });
            view! {
                <div class="govuk-inset-text">
                    "The group has a representative of each strategic lead agency, and at least two further partner agencies, one of which had no involvement with the family."
                </div>
                <form novalidate on:submit=on_submit>
                    <Loading state=agencies render={move |list: Agencies| view! { <Members form=form errors=errors agencies=list /> }} />
                    <button type="submit" class="govuk-button" id="save-group" disabled=move || state.sending.get()>"Save the review group"</button>
                </form>
            }
            .into_any()
        } />
    }
}

#[component]
fn Members(
    form: RwSignal<ReviewForms>,
    errors: crate::components::FieldErrors,
    agencies: Vec<AgencyView>,
) -> impl IntoView {
    let choices: Vec<(String, String)> = agencies
        .iter()
        .filter(|a| a.active)
        .map(|a| {
            let seat = if a.strategic_lead { " (strategic lead)" } else { "" };
            (a.id.to_string(), format!("{}{seat}", a.name))
        })
        .collect();
    let len = Memo::new(move |_| form.with(|f| f.group.members.len()));
    let rows = move || {
        (0..len.get())
            .map(|i| {
                let p = move |field: &str| format!("members[{i}].{field}");
                let choices = choices.clone();
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("members[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{format!("Member {}", i + 1)}</legend>
                        <TextInput id=p("name") label="Name"
                            value=row_text(form, i, |f, i| f.group.members.get(i).map(|m| &m.name))
                            on_input=put_row_text(form, i, |f, i| f.group.members.get_mut(i).map(|m| &mut m.name)) errors=errors />
                        <Select id=p("agency_id") label="Agency" options=choices
                            value=get(form, move |f| f.group.members.get(i).and_then(|m| m.agency_id).map(|a| a.to_string()).unwrap_or_default())
                            on_change=set(form, move |f, v: String| if let Some(m) = f.group.members.get_mut(i) { m.agency_id = v.parse().ok() })
                            errors=errors />
                        <TextInput id=p("designation") label="Designation"
                            value=row_text(form, i, |f, i| f.group.members.get(i).map(|m| &m.designation))
                            on_input=put_row_text(form, i, |f, i| f.group.members.get_mut(i).map(|m| &mut m.designation)) errors=errors />
                        <Checkbox id=p("involved") legend="Involvement" label="Their agency had involvement with the family"
                            checked=get(form, move |f| f.group.members.get(i).is_some_and(|m| m.involved))
                            on_change=set(form, move |f, v| if let Some(m) = f.group.members.get_mut(i) { m.involved = v })
                            errors=errors />
                        <RemoveRow id=format!("remove-member-{}", i + 1) what=format!("member {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.group.members.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <div id="members">{rows}</div>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-member"
            on:click=move |_| form.update(|f| f.group.members.push(GroupMember::default()))>
            "Add a member"
        </button>
    }
}
