//! The working-days calculator: the date a number of working days after another, on the
//! partnership's calendar (its region's bank holidays and its closure days).
use crate::api;
use crate::components::{BackLink, DateInput, ErrorSummary, TextInput};
use crate::form::bind::{day, put, put_day, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::calendar::answer::MAX_DAYS;
use shared::calendar::WorkingDaysAnswer;
use shared::referral::journey::long_date;
use shared::FieldError;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Question {
    from: Option<NaiveDate>,
    days: String,
}

impl Question {
    fn problems(&self) -> (Vec<FieldError>, Option<(NaiveDate, u32)>) {
        let mut errors = Vec::new();
        if self.from.is_none() {
            errors.push(FieldError::new("from", "required", "Enter the start date"));
        }
        let days = match self.days.trim() {
            "" => {
                errors.push(FieldError::new("days", "required", "Enter the number of working days"));
                None
            }
            d => match d.parse::<u32>() {
                Ok(n) if n <= MAX_DAYS => Some(n),
                _ => {
                    errors.push(FieldError::new(
                        "days",
                        "invalid",
                        format!("Enter a whole number of working days from 0 to {MAX_DAYS}"),
                    ));
                    None
                }
            },
        };
        let ok = match (self.from, days) {
            (Some(f), Some(d)) if errors.is_empty() => Some((f, d)),
            _ => None,
        };
        (errors, ok)
    }
}

#[component]
pub fn WorkingDaysPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let form = RwSignal::new(Question { from: None, days: "15".into() });
    let answer = RwSignal::new(None::<WorkingDaysAnswer>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        answer.set(None);
        let (problems, ok) = form.get_untracked().problems();
        if !state.ready(problems) {
            return;
        }
        let Some((from, days)) = ok else { return };
        state.send(async move { api::working_days(session, from, days).await }, move |a| answer.set(Some(a)));
    };
    let result = move || {
        answer.get().map(|a| {
            let warnings = a
                .warnings
                .iter()
                .map(|w| view! { <p class="govuk-body">{w.message.clone()}</p> })
                .collect_view();
            view! {
                <div class="govuk-panel govuk-panel--confirmation app-panel-left" id="working-days-answer" role="status">
                    <h2 class="govuk-panel__title">{long_date(a.due)}</h2>
                    <div class="govuk-panel__body">
                        {format!("{} working days after {}", a.days, long_date(a.from))}
                    </div>
                </div>
                <div class="govuk-warning-text" hidden=a.warnings.is_empty()>
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <div class="govuk-warning-text__text">{warnings}</div>
                </div>
            }
        })
    };
    view! {
        <BackLink href=Route::Home.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Working days calculator" />
                <p class="govuk-body">
                    "Weekends, the bank holidays of the partnership's region and its closure days are not working days. The start date itself is not counted."
                </p>
                <form novalidate on:submit=on_submit>
                    <DateInput id="from" legend="Start date" name="The start date" hint="For example, 1 12 2026"
                        value=day(form, |f| f.from) on_change=put_day(form, |f| &mut f.from)
                        errors=state.errors problems=state.problems />
                    <TextInput id="days" label="Number of working days" width="govuk-input--width-4"
                        value=text(form, |f| &f.days) on_input=put(form, |f| &mut f.days) errors=state.errors />
                    <button type="submit" class="govuk-button" id="calculate" disabled=move || state.sending.get()>
                        "Calculate"
                    </button>
                </form>
                {result}
            </div>
        </div>
    }
}
