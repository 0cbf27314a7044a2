//! How long the partnership keeps a closed case, and the deletion of the cases past it: the
//! office sets the period, sees the cases due (by reference, never by name) and confirms.
use crate::api;
use crate::components::{share, unshare, BackLink, ErrorSummary, Load, Loading, Shared, TextInput};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::retention::{Deletion, RetentionForm, RetentionView, MAX_MONTHS};
use shared::FieldError;

/// The months as typed: empty is no period; anything else must be a whole number.
fn months_of(text: &str) -> Result<Option<u32>, Vec<FieldError>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>().map(Some).map_err(|_| {
        vec![FieldError::new("months", "invalid", format!("Enter a whole number of months from 1 to {MAX_MONTHS}"))]
    })
}

#[component]
pub fn RetentionPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let months = RwSignal::new(String::new());
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let done = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            let answer = api::retention(session).await;
            if let Ok(v) = &answer {
                months.set(v.months.map(|m| m.to_string()).unwrap_or_default());
            }
            let _ = loaded.try_set(answer.map_or_else(Load::Failed, |v| Load::Loaded(share(v))));
        });
    };
    reload();
    let on_save = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let form = match months_of(&months.get_untracked()) {
            Ok(m) => RetentionForm { months: m },
            Err(problems) => {
                state.ready(problems);
                return;
            }
        };
        if !state.ready(form.problems()) {
            return;
        }
        state.send(async move { api::set_retention(session, &form).await }, move |view: RetentionView| {
            done.set(Some(match view.months {
                Some(m) => format!("Closed cases are now kept for {m} months."),
                None => "No period is set: closed cases are kept.".to_string(),
            }));
            loaded.set(Load::Loaded(share(view)));
        });
    };
    let on_delete = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let Some(view) = (match loaded.get_untracked() {
            Load::Loaded(data) => unshare::<RetentionView>(&data),
            _ => None,
        }) else {
            return;
        };
        let deletion = Deletion { case_ids: view.due.iter().map(|d| d.id).collect() };
        if !state.ready(deletion.problems()) {
            return;
        }
        state.send(async move { api::delete_due_cases(session, &deletion).await }, move |report| {
            done.set(Some(format!("{} cases and {} records were deleted.", report.cases, report.records)));
            reload();
        });
    };
    let render = move |view: RetentionView| {
        let due = view.due.clone();
        let count = due.len();
        let rows: Vec<_> = due
            .into_iter()
            .map(|d| {
                view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{d.reference}</th>
                        <td class="govuk-table__cell">{d.stage.label()}</td>
                        <td class="govuk-table__cell">{d.closed_on.format("%-d %B %Y").to_string()}</td>
                        <td class="govuk-table__cell">{d.due_on.format("%-d %B %Y").to_string()}</td>
                    </tr>
                }
            })
            .collect();
        let list = match (view.months, count) {
            (None, _) => view! { <p class="govuk-body" id="retention-none">"No period is set, so no case is due for deletion."</p> }.into_any(),
            (Some(_), 0) => view! { <p class="govuk-body" id="retention-none">"No closed case is past the period."</p> }.into_any(),
            (Some(_), n) => view! {
                <table class="govuk-table" id="due-cases">
                    <caption class="govuk-table__caption govuk-table__caption--m">{format!("{n} closed cases past the period")}</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Case"</th>
                            <th scope="col" class="govuk-table__header">"Outcome"</th>
                            <th scope="col" class="govuk-table__header">"Closed"</th>
                            <th scope="col" class="govuk-table__header">"Due for deletion"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
                <div class="govuk-warning-text">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        "Each case is deleted with its referral, information requests, clocks, review and reports. This cannot be undone. The audit trail keeps a record that it was deleted, and how many records went."
                    </strong>
                </div>
                <form novalidate on:submit=on_delete>
                    <button type="submit" class="govuk-button govuk-button--warning" id="delete-due" disabled=move || state.sending.get()>
                        {format!("Delete these {n} cases")}
                    </button>
                </form>
            }
            .into_any(),
        };
        view! {
            <form novalidate on:submit=on_save>
                <TextInput id="months" label="Months a closed case is kept" width="govuk-input--width-4"
                    hint="Counted from the decision (learning only or a national review) or from sending the final report of a local CSPR. Leave empty to keep closed cases."
                    value=Signal::derive(move || months.get()) on_input=Callback::new(move |v: String| months.set(v))
                    errors=state.errors />
                <button type="submit" class="govuk-button govuk-button--secondary" id="save-retention" disabled=move || state.sending.get()>
                    "Save the period"
                </button>
            </form>
            {list}
        }
        .into_any()
    };
    view! {
        <BackLink href=Route::Settings.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                {move || done.get().map(|m| super::success("retention-done", m))}
                <PageHeading text="Keeping and deleting closed cases" />
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}
