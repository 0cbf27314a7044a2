//! An address that is no page.
use super::PageHeading;
use crate::router::Route;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageHeading text="Page not found" />
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body"><a class="govuk-link" href=Route::Home.href()>"Go to your home page"</a></p>
    }
}
