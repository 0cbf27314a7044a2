//! One checkbox for a statement the person agrees with (GOV.UK checkboxes, single item).
use super::field_errors::{group_class, ErrorMessage, FieldErrors};
use leptos::prelude::*;

#[component]
pub fn Checkbox(
    #[prop(into)] id: String,
    /// The question, as the fieldset's legend.
    #[prop(into)]
    legend: String,
    /// The statement next to the box.
    #[prop(into)]
    label: String,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
    errors: FieldErrors,
) -> impl IntoView {
    let error = {
        let id = id.clone();
        Memo::new(move |_| errors.message(&id))
    };
    let id_for_error = id.clone();
    let error_id = format!("{id}-error");
    view! {
        <div class=move || group_class(error.with(Option::is_some))>
            <fieldset
                class="govuk-fieldset"
                aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
            >
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {move || error.get().map(|m| view! { <ErrorMessage id=id_for_error.clone() message=m /> })}
                <div class="govuk-checkboxes govuk-checkboxes--small">
                    <div class="govuk-checkboxes__item">
                        <input
                            class="govuk-checkboxes__input"
                            id=id.clone()
                            name=id.clone()
                            type="checkbox"
                            prop:checked=move || checked.get()
                            on:change=move |ev| on_change.run(event_target_checked(&ev))
                        />
                        <label class="govuk-label govuk-checkboxes__label" for=id.clone()>{label}</label>
                    </div>
                </div>
            </fieldset>
        </div>
    }
}
