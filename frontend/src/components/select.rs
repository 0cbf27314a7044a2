//! A labelled choice from a list that is known only when the page loads (GOV.UK select):
//! people, agencies, versions. The first option is "Choose…" with an empty value.
use super::field_errors::{group_class, ErrorMessage, FieldErrors};
use leptos::prelude::*;

#[component]
pub fn Select(
    /// The field path, used as the element id (the error summary links to it).
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    /// `(value, label)` of each choice.
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let error = {
        let id = id.clone();
        Memo::new(move |_| errors.message(&id))
    };
    let id_for_error = id.clone();
    let error_id = format!("{id}-error");
    let items = options
        .into_iter()
        .map(|(v, l)| {
            let chosen = v.clone();
            view! { <option value=v selected=move || value.get() == chosen>{l}</option> }
        })
        .collect_view();
    view! {
        <div class=move || group_class(error.with(Option::is_some))>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {move || error.get().map(|m| view! { <ErrorMessage id=id_for_error.clone() message=m /> })}
            <select class="govuk-select" id=id.clone() name=id
                aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
                on:change=move |ev| on_change.run(event_target_value(&ev))>
                <option value="" selected=move || value.get().is_empty()>"Choose…"</option>
                {items}
            </select>
        </div>
    }
}
