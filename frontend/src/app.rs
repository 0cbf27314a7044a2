//! The whole app: a header, and in `<main>` the page for the session's state.
use crate::pages::{Home, SignIn};
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    view! {
        <header class="header">
            <div class="header__inner">
                <span class="header__service">"CSPR Hub"</span>
            </div>
        </header>
        <main id="main-content" class="main">
            <CurrentPage />
        </main>
    }
}

/// The sign-in page, or once signed in the home view.
#[component]
pub fn CurrentPage() -> impl IntoView {
    let session = Session::expect();
    move || match session.me() {
        Some(me) => view! { <Home me=me /> }.into_any(),
        None => view! { <SignIn /> }.into_any(),
    }
}
