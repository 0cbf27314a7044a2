//! One module per view.
pub mod account;
pub mod case;
pub mod cspr;
pub mod home;
pub mod learning;
pub mod not_found;
pub mod overview;
pub mod partnership;
pub mod partnerships;
pub mod people;
pub mod referral;
pub mod sign_in;

pub use home::Home;
pub use not_found::NotFound;
pub use partnerships::Partnerships;
pub use sign_in::SignIn;

use leptos::html::H1;
use leptos::prelude::*;

/// A page's `<h1>`: sets the tab's title and takes the focus when the page appears, so that
/// assistive technology announces where the person is now.
#[component]
pub fn PageHeading(#[prop(into)] text: String, #[prop(optional)] caption: Option<String>) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    crate::router::set_title(&text);
    heading.on_load(|h1| {
        let _ = h1.focus();
    });
    let caption = caption.map(|c| view! { <span class="govuk-caption-l">{c}</span> });
    view! {
        {caption}
        <h1 class="govuk-heading-l" tabindex="-1" node_ref=heading>{text}</h1>
    }
}
