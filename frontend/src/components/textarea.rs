//! A labelled box for longer answers (GOV.UK textarea).
use super::field_errors::{described_by, group_class, ErrorMessage, FieldErrors};
use leptos::prelude::*;

#[component]
pub fn Textarea(
    /// The field path, used as the element id (the error summary links to it).
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    errors: FieldErrors,
    #[prop(default = 5)] rows: u32,
    /// Show the label as the page heading (a page with one question).
    #[prop(optional)]
    is_page_heading: bool,
) -> impl IntoView {
    let error = {
        let id = id.clone();
        Memo::new(move |_| errors.message(&id))
    };
    let has_hint = hint.is_some();
    let hint_view = hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> });
    let label_view = if is_page_heading {
        view! {
            <h1 class="govuk-label-wrapper">
                <label class="govuk-label govuk-label--l" for=id.clone()>{label}</label>
            </h1>
        }
        .into_any()
    } else {
        view! { <label class="govuk-label" for=id.clone()>{label}</label> }.into_any()
    };
    let id_for_error = id.clone();
    let id_for_described = id.clone();
    view! {
        <div class=move || group_class(error.with(Option::is_some))>
            {label_view}
            {hint_view}
            {move || error.get().map(|m| view! { <ErrorMessage id=id_for_error.clone() message=m /> })}
            <textarea
                class=move || if error.with(Option::is_some) { "govuk-textarea govuk-textarea--error" } else { "govuk-textarea" }
                id=id.clone()
                name=id.clone()
                rows=rows.to_string()
                aria-describedby=move || described_by(&id_for_described, has_hint, error.with(Option::is_some))
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        </div>
    }
}
