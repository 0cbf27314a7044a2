//! Parts of tables of boxes (rows that can be added and removed).
use leptos::prelude::*;

/// The "Remove" button of a row (`what` names the row for screen readers).
#[component]
pub fn RemoveRow(id: String, what: String, on_remove: Callback<()>) -> impl IntoView {
    view! {
        <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" id=id
            on:click=move |_| on_remove.run(())>
            "Remove"<span class="govuk-visually-hidden">{format!(" {what}")}</span>
        </button>
    }
}
