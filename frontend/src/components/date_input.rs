//! A date in three boxes: day, month, year (GOV.UK date input). What is typed is read with
//! `shared::referral::journey::parse_date`; a date that is not complete or not real is kept as
//! a problem in [`DateProblems`], which the page checks before saving. The day box carries the
//! field's id, so that the error summary's link lands on it.
use super::field_errors::{group_class, ErrorMessage, FieldErrors};
use chrono::NaiveDate;
use leptos::prelude::*;
use shared::referral::journey::{parse_date, DateParts};
use shared::FieldError;
use std::collections::BTreeMap;

/// Dates on the page that cannot be read, by field; cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct DateProblems(RwSignal<BTreeMap<String, FieldError>>);

impl DateProblems {
    pub fn new() -> DateProblems {
        DateProblems(RwSignal::new(BTreeMap::new()))
    }

    /// The problems now (not tracked).
    pub fn all(&self) -> Vec<FieldError> {
        self.0.with_untracked(|m| m.values().cloned().collect())
    }

    fn set(&self, id: &str, problem: Option<FieldError>) {
        self.0.update(|m| {
            match problem {
                Some(p) => m.insert(id.to_string(), p),
                None => m.remove(id),
            };
        });
    }
}

impl Default for DateProblems {
    fn default() -> Self {
        DateProblems::new()
    }
}

#[component]
pub fn DateInput(
    #[prop(into)] id: String,
    /// The question, as the fieldset's legend.
    #[prop(into)]
    legend: String,
    /// How messages name the date, e.g. "The child's date of birth".
    #[prop(into)]
    name: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] value: Signal<Option<NaiveDate>>,
    #[prop(into)] on_change: Callback<Option<NaiveDate>>,
    errors: FieldErrors,
    problems: DateProblems,
) -> impl IntoView {
    let parts = RwSignal::new(DateParts::of(value.get_untracked()));
    let error = {
        let id = id.clone();
        Memo::new(move |_| errors.message(&id))
    };
    {
        let id = id.clone();
        on_cleanup(move || problems.set(&id, None));
    }
    let changed = {
        let id = id.clone();
        move |update: &dyn Fn(&mut DateParts)| {
            parts.update(|p| update(p));
            match parse_date(&parts.get_untracked(), &id, &name) {
                Ok(date) => {
                    problems.set(&id, None);
                    on_change.run(date);
                }
                Err(problem) => {
                    problems.set(&id, Some(problem));
                    on_change.run(None);
                }
            }
        }
    };
    let hint_text = hint.unwrap_or_else(|| "For example, 27 3 2024".to_string());
    let box_class = move |width: &'static str| {
        move || {
            if error.with(Option::is_some) {
                format!("govuk-input govuk-date-input__input {width} govuk-input--error")
            } else {
                format!("govuk-input govuk-date-input__input {width}")
            }
        }
    };
    let (on_day, on_month, on_year) = {
        let (a, b, c) = (changed.clone(), changed.clone(), changed);
        (
            move |ev| {
                let v = event_target_value(&ev);
                a(&|p: &mut DateParts| p.day = v.clone())
            },
            move |ev| {
                let v = event_target_value(&ev);
                b(&|p: &mut DateParts| p.month = v.clone())
            },
            move |ev| {
                let v = event_target_value(&ev);
                c(&|p: &mut DateParts| p.year = v.clone())
            },
        )
    };
    let hint_id = format!("{id}-hint");
    let id_for_error = id.clone();
    let id_for_described = id.clone();
    view! {
        <div class=move || group_class(error.with(Option::is_some))>
            <fieldset
                class="govuk-fieldset"
                role="group"
                aria-describedby=move || super::field_errors::described_by(&id_for_described, true, error.with(Option::is_some))
            >
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <div class="govuk-hint" id=hint_id>{hint_text}</div>
                {move || error.get().map(|m| view! { <ErrorMessage id=id_for_error.clone() message=m /> })}
                <div class="govuk-date-input">
                    <div class="govuk-date-input__item">
                        <div class="govuk-form-group">
                            <label class="govuk-label govuk-date-input__label" for=id.clone()>"Day"</label>
                            <input
                                class=box_class("govuk-input--width-2")
                                id=id.clone()
                                name=format!("{id}-day")
                                type="text"
                                inputmode="numeric"
                                prop:value=move || parts.with(|p| p.day.clone())
                                on:input=on_day
                            />
                        </div>
                    </div>
                    <div class="govuk-date-input__item">
                        <div class="govuk-form-group">
                            <label class="govuk-label govuk-date-input__label" for=format!("{id}-month")>"Month"</label>
                            <input
                                class=box_class("govuk-input--width-2")
                                id=format!("{id}-month")
                                name=format!("{id}-month")
                                type="text"
                                inputmode="numeric"
                                prop:value=move || parts.with(|p| p.month.clone())
                                on:input=on_month
                            />
                        </div>
                    </div>
                    <div class="govuk-date-input__item">
                        <div class="govuk-form-group">
                            <label class="govuk-label govuk-date-input__label" for=format!("{id}-year")>"Year"</label>
                            <input
                                class=box_class("govuk-input--width-4")
                                id=format!("{id}-year")
                                name=format!("{id}-year")
                                type="text"
                                inputmode="numeric"
                                prop:value=move || parts.with(|p| p.year.clone())
                                on:input=on_year
                            />
                        </div>
                    </div>
                </div>
            </fieldset>
        </div>
    }
}
