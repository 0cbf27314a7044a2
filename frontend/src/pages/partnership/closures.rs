//! The partnership's closure days (days its offices are closed, not counted as working
//! days), for the business office: a list with a button to remove each, and a date to add.
use crate::api;
use crate::components::{share, BackLink, DateInput, ErrorSummary, Load, Loading, Shared};
use crate::form::bind::{day, put_day};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::calendar::ClosureDays;
use shared::referral::journey::long_date;
use shared::FieldError;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NewDay {
    day: Option<NaiveDate>,
}

#[component]
pub fn ClosuresPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let list = RwSignal::new(Load::<Shared>::Loading);
    let days = RwSignal::new(Vec::<NaiveDate>::new());
    let form = RwSignal::new(NewDay::default());
    let done = RwSignal::new(None::<String>);
    spawn_local(async move {
        let answer = api::closures(session).await;
        let _ = list.try_set(match answer {
            Ok(c) => {
                days.set(c.days);
                Load::Loaded(share(()))
            }
            Err(why) => Load::Failed(why),
        });
    });
    let office = super::is_office(session);
    // Saves the whole list; `message` is said once saved.
    let save = move |next: Vec<NaiveDate>, message: String| {
        done.set(None);
        let body = ClosureDays { days: next };
        state.send(async move { api::set_closures(session, &body).await }, move |saved| {
            days.set(saved.days);
            form.set(NewDay::default());
            done.set(Some(message));
        });
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(day) = form.get_untracked().day else {
            state.ready(vec![FieldError::new("day", "required", "Enter the closure day")]);
            return;
        };
        if !state.ready(Vec::new()) {
            return;
        }
        let mut next = days.get_untracked();
        next.push(day);
        save(next, format!("{} was added.", long_date(day)));
    };
    let render = move |_: ()| {
        let rows = move || {
            days.get()
                .into_iter()
                .map(|d| {
                    let remove = office.then(|| {
                        view! {
                            <button type="button" class="govuk-button govuk-button--secondary app-button-small"
                                id=format!("remove-{d}")
                                on:click=move |_| {
                                    let next: Vec<NaiveDate> = days.get_untracked().into_iter().filter(|x| *x != d).collect();
                                    save(next, format!("{} was removed.", long_date(d)));
                                }>
                                "Remove"<span class="govuk-visually-hidden">{format!(" {}", long_date(d))}</span>
                            </button>
                        }
                    });
                    view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{long_date(d)}</td>
                            <td class="govuk-table__cell">{remove}</td>
                        </tr>
                    }
                })
                .collect_view()
        };
        view! {
            {move || days.with(Vec::is_empty).then(|| view! {
                <p class="govuk-body" id="no-closures">"The partnership has no closure days: only weekends and bank holidays are not working days."</p>
            })}
            <table class="govuk-table" id="closures" hidden=move || days.with(Vec::is_empty)>
                <caption class="govuk-table__caption govuk-table__caption--m">"Closure days"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Date"</th>
                        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
            {office.then(|| view! {
                <form novalidate on:submit=on_submit>
                    <DateInput id="day" legend="Add a closure day" name="The closure day" hint="For example, 24 12 2026"
                        value=day(form, |f| f.day) on_change=put_day(form, |f| &mut f.day)
                        errors=state.errors problems=state.problems />
                    <button type="submit" class="govuk-button" id="add-closure" disabled=move || state.sending.get()>
                        "Add the closure day"
                    </button>
                </form>
            })}
        }
    };
    view! {
        <BackLink href=Route::Settings.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                {move || done.get().map(|m| super::success("closures-done", m))}
                <PageHeading text="Closure days" />
                <p class="govuk-body">
                    "Days the partnership's offices are closed, besides weekends and bank holidays. They are not counted as working days by clocks started after the change."
                </p>
                <Loading state=list render=render />
            </div>
        </div>
    }
}
