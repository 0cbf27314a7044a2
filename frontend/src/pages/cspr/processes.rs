//! Parallel processes: a new one (its kind, status, the officer in charge of a criminal
//! process) or an update of one (its status and a dated note, and when the officer in charge
//! was sent the terms of reference and the event date).
use super::{load_review, long, not_allowed, send_review, ReviewForms};
use crate::api::CsprRecord;
use crate::clock::today;
use crate::components::{BackLink, DateInput, ErrorSummary, Loading, Select, TextInput, Textarea};
use crate::form::bind::{day, get, put, put_day, set, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::cspr::*;
use uuid::Uuid;

#[component]
pub fn ProcessPage(id: Uuid, process: Option<Uuid>) -> impl IntoView {
    let review = load_review(id);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    let form = RwSignal::new(ReviewForms::default());
    let existing = RwSignal::new(None::<ProcessKind>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (mut p, officer) = form.with_untracked(|f| (f.process.clone(), f.officer.clone()));
        let criminal = p.kind.criminal();
        p.officer =
            (criminal && (existing.get_untracked().is_none() || !officer.name.trim().is_empty())).then_some(officer);
        if state.ready(check_process(&p, existing.get_untracked(), today())) {
            let record = match process {
                Some(pid) => CsprRecord::Process(pid, p),
                None => CsprRecord::NewProcess(p),
            };
            send_review(state, id, review, record);
        }
    };
    let title = if process.is_some() { "Update a parallel process" } else { "Add a parallel process" };
    view! {
        <BackLink href=Route::Review(id).href() text="Back to the review" />
        <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        <ErrorSummary failure=state.failure />
        <PageHeading text=title />
        <Loading state=review render=move |r: CsprView| {
            if let Some(no) = not_allowed(&r, CsprAction::RecordProcess) {
                return no;
            }
            let found = process.and_then(|pid| r.processes.iter().find(|p| p.id == pid).cloned());
            if process.is_some() && found.is_none() {
                return view! { <p class="govuk-body">"There is no such process."</p> }.into_any();
            }
            if let Some(p) = &found {
                existing.set(Some(p.kind));
                let p = p.clone();
                form.update(|f| {
                    f.process = ProcessForm { kind: p.kind, status: p.status, officer_informed_on: p.officer_informed_on, ..ProcessForm::default() };
                    f.officer = p.officer.clone().unwrap_or_default();
                });
            }
            let kinds: Vec<(String, String)> = ProcessKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
            let statuses: Vec<(String, String)> = ProcessStatus::ALL.iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect();
            let history = found.as_ref().map(|p| {
                let items = p.updates.iter().map(|u| view! { <li>{format!("{}: {}. {}", long(u.on), u.status.label(), u.note)}</li> }).collect_view();
                view! { <h2 class="govuk-heading-s">{p.kind.label()}</h2><ul class="govuk-list" id="process-history">{items}</ul> }
            });
            let criminal = Memo::new(move |_| form.with(|f| f.process.kind.criminal()));
            view! {
                {history}
                <form novalidate on:submit=on_submit>
                    {process.is_none().then(|| view! {
                        <Select id="kind" label="Kind of process" options=kinds
                            value=get(form, |f| f.process.kind.as_str().to_string())
                            on_change=set(form, |f, v: String| if let Some(k) = ProcessKind::parse(&v) { f.process.kind = k }) errors=errors />
                    })}
                    <Select id="status" label="Status" options=statuses
                        value=get(form, |f| f.process.status.as_str().to_string())
                        on_change=set(form, |f, v: String| if let Some(s) = ProcessStatus::parse(&v) { f.process.status = s }) errors=errors />
                    {move || criminal.get().then(|| view! {
                        <fieldset class="govuk-fieldset" id="officer">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Police officer in charge"</legend>
                            <TextInput id="officer.name" label="Name" value=text(form, |f| &f.officer.name) on_input=put(form, |f| &mut f.officer.name) errors=errors />
                            <TextInput id="officer.phone" label="Phone" value=text(form, |f| &f.officer.phone) on_input=put(form, |f| &mut f.officer.phone) errors=errors />
                            <TextInput id="officer.email" label="Email" value=text(form, |f| &f.officer.email) on_input=put(form, |f| &mut f.officer.email) errors=errors />
                        </fieldset>
                        <DateInput id="officer_informed_on" legend="Officer in charge sent the terms of reference and the event date" name="The date the officer was informed"
                            value=day(form, |f| f.process.officer_informed_on) on_change=put_day(form, |f| &mut f.process.officer_informed_on)
                            errors=errors problems=problems />
                    })}
                    <DateInput id="on" legend="Date of this update" name="The date of the update" hint="Today when left empty"
                        value=day(form, |f| f.process.on) on_change=put_day(form, |f| &mut f.process.on)
                        errors=errors problems=problems />
                    <Textarea id="note" label="What happened" rows=3
                        value=text(form, |f| &f.process.note) on_input=put(form, |f| &mut f.process.note) errors=errors />
                    <button type="submit" class="govuk-button" id="save-process" disabled=move || state.sending.get()>"Save the process"</button>
                </form>
            }
            .into_any()
        } />
        </div></div>
    }
}
