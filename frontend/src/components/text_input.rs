//! A labelled one-line text box (GOV.UK text input).
use super::field_errors::{described_by, group_class, ErrorMessage, FieldErrors};
use leptos::prelude::*;

#[component]
pub fn TextInput(
    /// The field path, used as the element id (the error summary links to it).
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    errors: FieldErrors,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The input's type: `text` when not given (`password`, `email`).
    #[prop(optional)]
    input_type: Option<&'static str>,
    /// Extra classes for the input, e.g. a width.
    #[prop(optional)]
    width: Option<&'static str>,
) -> impl IntoView {
    let error = {
        let id = id.clone();
        Memo::new(move |_| errors.message(&id))
    };
    let has_hint = hint.is_some();
    let hint_view = hint.map(|h| view! { <div class="govuk-hint" id=format!("{id}-hint")>{h}</div> });
    let input_class = match width {
        Some(w) => format!("govuk-input {w}"),
        None => "govuk-input".to_string(),
    };
    let id_for_error = id.clone();
    let id_for_described = id.clone();
    view! {
        <div class=move || group_class(error.with(Option::is_some))>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint_view}
            {move || error.get().map(|m| view! { <ErrorMessage id=id_for_error.clone() message=m /> })}
            <input
                class=move || if error.with(Option::is_some) { format!("{input_class} govuk-input--error") } else { input_class.clone() }
                id=id.clone()
                name=id.clone()
                type=input_type.unwrap_or("text")
                autocomplete=autocomplete
                aria-describedby=move || described_by(&id_for_described, has_hint, error.with(Option::is_some))
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </div>
    }
}
