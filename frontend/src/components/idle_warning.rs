//! The warning before the idle sign-out: said once to screen readers, with a button that
//! keeps the person signed in (any key or click does too).
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn IdleWarning() -> impl IntoView {
    let session = Session::expect();
    let showing = Memo::new(move |_| session.idle_left().is_some());
    move || {
        showing.get().then(|| {
            let left = move || {
                let secs = session.idle_left().unwrap_or(0);
                if secs >= 120 {
                    format!("{} minutes", secs / 60)
                } else if secs == 1 {
                    "1 second".to_string()
                } else {
                    format!("{secs} seconds")
                }
            };
            view! {
                <div class="govuk-notification-banner" role="region" aria-labelledby="idle-warning-title"
                    id="idle-warning">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="idle-warning-title">"Important"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading" role="alert">
                            "You will be signed out soon because you have not used CSPR Hub for a while."
                        </p>
                        <p class="govuk-body">"Time left: " <span id="idle-time-left">{left}</span></p>
                        <button type="button" class="govuk-button" id="stay-signed-in" on:click=move |_| session.used()>
                            "Stay signed in"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
