//! Around the decision: the Independent Scrutineer's observations that inform it, and a
//! local CSPR's due date moved on with the reason and whether the National Panel was advised.
use super::{load_case, loaded_case, not_allowed, send_record, CaseForms};
use crate::api::CaseRecord;
use crate::clock::today;
use crate::components::{BackLink, Checkbox, DateInput, ErrorSummary, Loading, Textarea};
use crate::form::bind::{day, get, put, put_day, set, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::case::{check_extension, validate_observation, CaseAction, CaseView};
use shared::referral::journey::long_date;
use uuid::Uuid;

/// The scrutineer's observations on a Rapid Review, before the strategic leads decide.
#[component]
pub fn ObservationPage(id: Uuid) -> impl IntoView {
    let case = load_case(id);
    let state = FormState::new();
    let form = RwSignal::new(CaseForms::default());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let observation = form.with_untracked(|f| f.observation.clone());
        if state.ready(validate_observation(&observation)) {
            send_record(state, id, CaseRecord::Observation(observation));
        }
    };
    view! {
        <BackLink href=Route::Case(id).href() text="Back to the case" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Add your observations" />
                <Loading state=case render=move |case: CaseView| {
                    if let Some(no) = not_allowed(&case, CaseAction::AddObservation) {
                        return no;
                    }
                    view! {
                        <p class="govuk-body">{format!("Case {}", case.reference)}</p>
                        <p class="govuk-body">"The strategic leads read your observations before they decide."</p>
                        <form novalidate on:submit=on_submit>
                            <Textarea id="text" label="Your observations on the Rapid Review" rows=8
                                value=text(form, |f| &f.observation.text) on_input=put(form, |f| &mut f.observation.text)
                                errors=state.errors />
                            <button type="submit" class="govuk-button" id="save-observation" disabled=move || state.sending.get()>
                                "Save the observations"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}

/// Moving a local CSPR's due date on (the business office).
#[component]
pub fn ExtensionPage(id: Uuid) -> impl IntoView {
    let case = load_case(id);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    let form = RwSignal::new(CaseForms::default());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(view) = loaded_case(case) else { return };
        let Some(due) = view.review_due() else { return };
        let extension = form.with_untracked(|f| f.extension.clone());
        if state.ready(check_extension(&extension, due, today())) {
            send_record(state, id, CaseRecord::Extension(extension));
        }
    };
    view! {
        <BackLink href=Route::Case(id).href() text="Back to the case" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Extend the review" />
                <Loading state=case render=move |case: CaseView| {
                    if let Some(no) = not_allowed(&case, CaseAction::ExtendReview) {
                        return no;
                    }
                    let due = case.review_due().map(long_date).unwrap_or_default();
                    // a memo: the date boxes are drawn again only when the answer changes
                    let advised = Memo::new(move |_| form.with(|f| f.extension.panel_advised));
                    view! {
                        <p class="govuk-body">{format!("Case {}: the review is due on {due}.", case.reference)}</p>
                        <p class="govuk-body">"Delays are considered by the Local Learning Review Sub Group and the strategic leads as soon as they arise, and the National Panel is advised."</p>
                        <form novalidate on:submit=on_submit>
                            <DateInput id="due_on" legend="New due date" name="The new due date"
                                value=day(form, |f| f.extension.due_on) on_change=put_day(form, |f| &mut f.extension.due_on)
                                errors=errors problems=problems />
                            <Textarea id="reason" label="Reason for the delay"
                                value=text(form, |f| &f.extension.reason) on_input=put(form, |f| &mut f.extension.reason)
                                errors=errors />
                            <Checkbox id="panel_advised" legend="The National Panel"
                                label="The National Panel was advised of the delay"
                                checked=get(form, |f| f.extension.panel_advised)
                                on_change=set(form, |f, v| {
                                    f.extension.panel_advised = v;
                                    if !v {
                                        f.extension.panel_advised_on = None;
                                    }
                                }) errors=errors />
                            {move || advised.get().then(|| view! {
                                <DateInput id="panel_advised_on" legend="Date the National Panel was advised"
                                    name="The date the National Panel was advised"
                                    value=day(form, |f| f.extension.panel_advised_on)
                                    on_change=put_day(form, |f| &mut f.extension.panel_advised_on)
                                    errors=errors problems=problems />
                            })}
                            <button type="submit" class="govuk-button" id="save-extension" disabled=move || state.sending.get()>
                                "Extend the review"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
