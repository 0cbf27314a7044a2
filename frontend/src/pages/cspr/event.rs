//! The practitioner event: its date and format, invitees by agency and team (a senior service
//! manager only with a reason), the questions circulated, attendance and one-to-ones, and the
//! support offered before and after.
use super::{load_review, not_allowed, send_review, ReviewForms};
use crate::api::CsprRecord;
use crate::components::{BackLink, DateInput, ErrorSummary, Loading, Radios, Select, TextInput, Textarea};
use crate::form::bind::{get, put, put_row_text, row_text, set, text};
use crate::form::rows::RemoveRow;
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::agency::AgencyView;
use shared::cspr::*;
use uuid::Uuid;

/// The partnership's agencies, as loaded.
type Agencies = Vec<shared::agency::AgencyView>;

#[component]
pub fn EventPage(id: Uuid) -> impl IntoView {
    let review = load_review(id);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    let form = RwSignal::new(ReviewForms::default());
    let agencies = super::load_agencies(true);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(list) = super::loaded_agencies(agencies) else { return };
        let ids: Vec<Uuid> = list.iter().map(|a| a.id).collect();
        let event = form.with_untracked(|f| f.event.clone());
        if state.ready(check_event(&event, &ids)) {
            send_review(state, id, review, CsprRecord::Event(event));
        }
    };
    view! {
        <BackLink href=Route::Review(id).href() text="Back to the review" />
        <ErrorSummary failure=state.failure />
        <PageHeading text="Practitioner event" />
        <Loading state=review render=move |r: CsprView| {
            if let Some(no) = not_allowed(&r, CsprAction::RecordEvent) {
                return no;
            }
            form.update(|f| f.event = r.event.clone().unwrap_or_default());
            let format = Signal::derive(move || form.with(|f| f.event.format.map(|x| x.as_str().to_string())));
            view! {
                <form novalidate on:submit=on_submit>
                    <DateInput id="held_on" legend="Date of the event" name="The date of the event"
                        value=get(form, |f| f.event.held_on) on_change=set(form, |f, v| f.event.held_on = v)
                        errors=errors problems=problems />
                    <Radios id="format" legend="Format" inline=true
                        options=vec![("in_person", "In person"), ("virtual", "Virtual")] value=format
                        on_change=set(form, |f, v: String| f.event.format = EventFormat::parse(&v)) errors=errors />
                    <DateInput id="questions_sent_on" legend="Questions circulated to invitees" name="The date the questions were circulated"
                        value=get(form, |f| f.event.questions_sent_on) on_change=set(form, |f, v| f.event.questions_sent_on = v)
                        errors=errors problems=problems />
                    <Textarea id="questions" label="The questions" rows=4
                        value=text(form, |f| &f.event.questions) on_input=put(form, |f| &mut f.event.questions) errors=errors />
                    <Textarea id="support_before" label="Support offered before the event" rows=3
                        value=text(form, |f| &f.event.support_before) on_input=put(form, |f| &mut f.event.support_before) errors=errors />
                    <Textarea id="support_after" label="Support offered after the event" rows=3
                        value=text(form, |f| &f.event.support_after) on_input=put(form, |f| &mut f.event.support_after) errors=errors />
                    <Loading state=agencies render={move |list: Agencies| view! { <Invitees form=form state=state agencies=list /> }} />
                    <button type="submit" class="govuk-button" id="save-event" disabled=move || state.sending.get()>"Save the event"</button>
                </form>
            }
            .into_any()
        } />
    }
}

#[component]
fn Invitees(form: RwSignal<ReviewForms>, state: FormState, agencies: Vec<AgencyView>) -> impl IntoView {
    let (errors, problems) = (state.errors, state.problems);
    let choices: Vec<(String, String)> = agencies.iter().map(|a| (a.id.to_string(), a.name.clone())).collect();
    let roles: Vec<(String, String)> =
        InviteeRole::ALL.iter().map(|r| (r.as_str().to_string(), r.label().to_string())).collect();
    let len = Memo::new(move |_| form.with(|f| f.event.invitees.len()));
    let rows = move || {
        (0..len.get())
            .map(|i| {
                let p = move |field: &str| format!("invitees[{i}].{field}");
                let attended = get(form, move |f| {
                    f.event.invitees.get(i).and_then(|x| x.attended).map(|a| if a { "yes" } else { "no" }.to_string())
                });
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("invitees[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Invitee {}", i + 1)}</legend>
                        <TextInput id=p("name") label="Name"
                            value=row_text(form, i, |f, i| f.event.invitees.get(i).map(|x| &x.name))
                            on_input=put_row_text(form, i, |f, i| f.event.invitees.get_mut(i).map(|x| &mut x.name)) errors=errors />
                        <Select id=p("agency_id") label="Agency" options=choices.clone()
                            value=get(form, move |f| f.event.invitees.get(i).and_then(|x| x.agency_id).map(|a| a.to_string()).unwrap_or_default())
                            on_change=set(form, move |f, v: String| if let Some(x) = f.event.invitees.get_mut(i) { x.agency_id = v.parse().ok() })
                            errors=errors />
                        <TextInput id=p("team") label="Team"
                            value=row_text(form, i, |f, i| f.event.invitees.get(i).map(|x| &x.team))
                            on_input=put_row_text(form, i, |f, i| f.event.invitees.get_mut(i).map(|x| &mut x.team)) errors=errors />
                        <Select id=p("role") label="Invited as" options=roles.clone()
                            value=get(form, move |f| f.event.invitees.get(i).map(|x| x.role.as_str().to_string()).unwrap_or_default())
                            on_change=set(form, move |f, v: String| if let (Some(x), Some(r)) = (f.event.invitees.get_mut(i), InviteeRole::parse(&v)) { x.role = r })
                            errors=errors />
                        <TextInput id=p("reason") label="Reason (needed for a senior service manager)"
                            value=row_text(form, i, |f, i| f.event.invitees.get(i).map(|x| &x.reason))
                            on_input=put_row_text(form, i, |f, i| f.event.invitees.get_mut(i).map(|x| &mut x.reason)) errors=errors />
                        <Radios id=p("attended") legend="Attended" inline=true options=vec![("yes", "Yes"), ("no", "No")] value=attended
                            on_change=set(form, move |f, v: String| if let Some(x) = f.event.invitees.get_mut(i) { x.attended = Some(v == "yes") })
                            errors=errors />
                        <DateInput id=p("one_to_one_on") legend="One-to-one with the lead reviewer (for one who could not attend)" name="The date of the one-to-one"
                            value=get(form, move |f| f.event.invitees.get(i).and_then(|x| x.one_to_one_on))
                            on_change=set(form, move |f, v| if let Some(x) = f.event.invitees.get_mut(i) { x.one_to_one_on = v })
                            errors=errors problems=problems />
                        <RemoveRow id=format!("remove-invitee-{}", i + 1) what=format!("invitee {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.event.invitees.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <h2 class="govuk-heading-m">"Invitees"</h2>
        <p class="govuk-body">"Invite the police officer in charge, the allocated social worker and their team manager when known. Senior service managers are not usually invited."</p>
        {rows}
        <button type="button" class="govuk-button govuk-button--secondary" id="add-invitee"
            on:click=move |_| form.update(|f| f.event.invitees.push(Invitee::default()))>"Add an invitee"</button>
    }
}
