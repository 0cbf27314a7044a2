//! A question with one answer from a few (GOV.UK radios). The first radio carries the field's
//! id, so that the error summary's link lands on it.
use super::field_errors::{group_class, ErrorMessage, FieldErrors};
use leptos::prelude::*;

#[component]
pub fn Radios(
    #[prop(into)] id: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    /// `(value, label)` of each choice.
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(into)] on_change: Callback<String>,
    errors: FieldErrors,
    /// Side by side (for yes and no).
    #[prop(optional)]
    inline: bool,
    /// Show the legend as the page heading.
    #[prop(optional)]
    is_page_heading: bool,
) -> impl IntoView {
    let error = {
        let id = id.clone();
        Memo::new(move |_| errors.message(&id))
    };
    let has_hint = hint.is_some();
    let hint_view = hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> });
    let legend_view = if is_page_heading {
        view! {
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
                <h1 class="govuk-fieldset__heading">{legend}</h1>
            </legend>
        }
        .into_any()
    } else {
        view! { <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend> }.into_any()
    };
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, (option, label))| {
            let input_id = if i == 0 { id.clone() } else { format!("{id}-{}", i + 1) };
            let name = id.clone();
            view! {
                <div class="govuk-radios__item">
                    <input
                        class="govuk-radios__input"
                        id=input_id.clone()
                        name=name
                        type="radio"
                        value=option
                        prop:checked=move || value.with(|v| v.as_deref() == Some(option))
                        on:change=move |_| on_change.run(option.to_string())
                    />
                    <label class="govuk-label govuk-radios__label" for=input_id>{label}</label>
                </div>
            }
        })
        .collect_view();
    let id_for_error = id.clone();
    let id_for_described = id.clone();
    let radios_class = if inline { "govuk-radios govuk-radios--inline" } else { "govuk-radios" };
    view! {
        <div class=move || group_class(error.with(Option::is_some))>
            <fieldset
                class="govuk-fieldset"
                aria-describedby=move || super::field_errors::described_by(&id_for_described, has_hint, error.with(Option::is_some))
            >
                {legend_view}
                {hint_view}
                {move || error.get().map(|m| view! { <ErrorMessage id=id_for_error.clone() message=m /> })}
                <div class=radios_class>{items}</div>
            </fieldset>
        </div>
    }
}
