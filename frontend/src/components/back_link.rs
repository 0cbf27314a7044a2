//! The GOV.UK back link, to the page before in the journey.
use leptos::prelude::*;

#[component]
pub fn BackLink(#[prop(into)] href: String, #[prop(default = "Back")] text: &'static str) -> impl IntoView {
    view! { <a href=href class="govuk-back-link" id="back-link">{text}</a> }
}
