//! Tables of the form, as rows that can be added and removed: other agencies known and the
//! key-event chronology. Each row is a fieldset; the "Add" button carries the table's path,
//! so that "add at least one row" in the error summary lands on it.
use crate::components::{DateInput, DateProblems, FieldErrors, TextInput, Textarea};
use crate::form::bind::{get, put_row_text, row_text, set};
use crate::form::rows::RemoveRow;
use leptos::prelude::*;
use shared::referral::{KeyEvent, OtherAgency, ReferralForm};

#[component]
pub fn OtherAgenciesFields(form: RwSignal<ReferralForm>, errors: FieldErrors) -> impl IntoView {
    let len = Memo::new(move |_| form.with(|f| f.other_agencies.len()));
    let rows = move || {
        (0..len.get())
            .map(|i| {
                let p = move |field: &str| format!("other_agencies[{i}].{field}");
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("other_agencies[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{format!("Agency {}", i + 1)}</legend>
                        <TextInput id=p("agency") label="Agency" value=row_text(form, i, |f, i| f.other_agencies.get(i).map(|a| &a.agency))
                            on_input=put_row_text(form, i, |f, i| f.other_agencies.get_mut(i).map(|a| &mut a.agency)) errors=errors />
                        <Textarea id=p("contact_details") label="Contact details" hint="Address, telephone and email" rows=3
                            value=row_text(form, i, |f, i| f.other_agencies.get(i).map(|a| &a.contact_details))
                            on_input=put_row_text(form, i, |f, i| f.other_agencies.get_mut(i).map(|a| &mut a.contact_details)) errors=errors />
                        <Textarea id=p("reason_for_involvement") label="Reason for involvement" rows=3
                            value=row_text(form, i, |f, i| f.other_agencies.get(i).map(|a| &a.reason_for_involvement))
                            on_input=put_row_text(form, i, |f, i| f.other_agencies.get_mut(i).map(|a| &mut a.reason_for_involvement)) errors=errors />
                        <RemoveRow id=format!("remove-agency-{}", i + 1) what=format!("agency {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.other_agencies.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <p class="govuk-body">"Add each agency that knows the child or family, for example children’s social care, education, police, health (GP, hospitals) and probation."</p>
        {rows}
        <button type="button" class="govuk-button govuk-button--secondary" id="other_agencies"
            on:click=move |_| form.update(|f| f.other_agencies.push(OtherAgency::default()))>
            "Add an agency"
        </button>
    }
}

#[component]
pub fn ChronologyFields(form: RwSignal<ReferralForm>, errors: FieldErrors, problems: DateProblems) -> impl IntoView {
    let len = Memo::new(move |_| form.with(|f| f.chronology.len()));
    let rows = move || {
        (0..len.get())
            .map(|i| {
                let p = move |field: &str| format!("chronology[{i}].{field}");
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("chronology[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{format!("Key event {}", i + 1)}</legend>
                        <DateInput id=p("date") legend="Date" name="The date of the event"
                            value=get(form, move |f| f.chronology.get(i).and_then(|e| e.date))
                            on_change=set(form, move |f, v| if let Some(e) = f.chronology.get_mut(i) { e.date = v })
                            errors=errors problems=problems />
                        <TextInput id=p("time") label="Time (optional)" hint="24-hour clock, for example 14:30" width="govuk-input--width-5"
                            value=row_text(form, i, |f, i| f.chronology.get(i).map(|e| &e.time))
                            on_input=put_row_text(form, i, |f, i| f.chronology.get_mut(i).map(|e| &mut e.time)) errors=errors />
                        <Textarea id=p("event") label="Event" rows=3
                            value=row_text(form, i, |f, i| f.chronology.get(i).map(|e| &e.event))
                            on_input=put_row_text(form, i, |f, i| f.chronology.get_mut(i).map(|e| &mut e.event)) errors=errors />
                        <RemoveRow id=format!("remove-event-{}", i + 1) what=format!("key event {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.chronology.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <p class="govuk-body">"Outline the key events around the time of the incident. This does not need to be a detailed chronology at this stage."</p>
        {rows}
        <button type="button" class="govuk-button govuk-button--secondary" id="chronology"
            on:click=move |_| form.update(|f| f.chronology.push(KeyEvent::default()))>
            "Add a key event"
        </button>
    }
}
