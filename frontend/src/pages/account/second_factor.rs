//! Set up the second factor: scan the QR code with an authenticator app (or type the secret),
//! enter the code it shows, keep the recovery codes. Shown instead of any page while the
//! partnership requires a second factor and the person has none.
use crate::api;
use crate::components::{share, ErrorSummary, Load, Loading, Shared, TextInput};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::SignedIn;
use crate::transport;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::auth::{ConfirmSecondFactor, SecondFactorEnrolled, SecondFactorSetup};
use shared::FieldError;

/// The secret in groups of four, as apps show it.
fn grouped(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let setup = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        setup.set(match api::set_up_second_factor(session).await {
            Ok(s) => Load::Loaded(share(s)),
            Err(why) => Load::Failed(why),
        });
    });
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let enrolled = RwSignal::new(None::<SecondFactorEnrolled>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked().trim().to_string();
        let current_password = password.get_untracked();
        let mut problems = Vec::new();
        if typed.is_empty() {
            problems.push(FieldError::new("code", "required", "Enter the 6-digit code your app shows"));
        }
        if current_password.is_empty() {
            problems.push(FieldError::new("current_password", "required", "Enter your password"));
        }
        if !state.ready(problems) {
            return;
        }
        let request = ConfirmSecondFactor { code: typed, current_password };
        state.send(async move { api::confirm_second_factor(session, &request).await }, move |done| {
            password.set(String::new());
            enrolled.set(Some(done));
        });
    };
    let go_on = move |_| {
        let Some(done) = enrolled.get_untracked() else { return };
        let router = state.router;
        spawn_local(async move {
            if let Ok(me) = transport::me(&done.tokens.access_token).await {
                router.go(Route::Home);
                session.sign_in(SignedIn::new(done.tokens, me));
            }
        });
    };
    let set_up = move |s: SecondFactorSetup| {
        view! {
            <ol class="govuk-list govuk-list--number">
                <li>"Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator) and add an account."</li>
                <li>
                    "Scan this QR code with it:"
                    <img src=s.qr_code.clone() width="200" height="200" id="second-factor-qr"
                        alt="QR code holding your secret key for CSPR Hub: if you cannot scan it, type the key shown below into your app instead" />
                </li>
                <li>
                    "If you cannot scan it, type this key into the app: "
                    <code class="app-secret" id="second-factor-secret" data-secret=s.secret.clone()>{grouped(&s.secret)}</code>
                </li>
            </ol>
            <form novalidate on:submit=on_submit>
                <TextInput id="code" label="Enter the 6-digit code the app shows" autocomplete="one-time-code"
                    width="govuk-input--width-5"
                    value=Signal::derive(move || code.get()) on_input=Callback::new(move |v| code.set(v)) errors=state.errors />
                <TextInput id="current_password" label="Your password" input_type="password" autocomplete="current-password"
                    hint="To be sure it is you setting this up"
                    value=Signal::derive(move || password.get()) on_input=Callback::new(move |v| password.set(v)) errors=state.errors />
                <button type="submit" class="govuk-button" id="confirm-second-factor" disabled=move || state.sending.get()>
                    "Turn on the second factor"
                </button>
            </form>
        }
    };
    view! {
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                {move || match enrolled.get() {
                    None => view! {
                        <PageHeading text="Set up your second factor" />
                        <p class="govuk-body">
                            "Your partnership asks everyone to sign in with a password and a code from an app on their phone."
                        </p>
                        <Loading state=setup render=set_up />
                    }
                    .into_any(),
                    Some(done) => view! {
                        <div class="govuk-panel govuk-panel--confirmation">
                            <h1 class="govuk-panel__title" id="second-factor-on">"Your second factor is on"</h1>
                        </div>
                        <h2 class="govuk-heading-m">"Keep your recovery codes"</h2>
                        <p class="govuk-body">
                            "If you lose your phone, each of these codes signs you in once instead of the app's code. "
                            "Keep them somewhere safe: they are not shown again."
                        </p>
                        <ul class="govuk-list" id="recovery-codes">
                            {done.recovery_codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                        </ul>
                        <button type="button" class="govuk-button" id="second-factor-continue" on:click=go_on>
                            "I have kept my codes: continue"
                        </button>
                    }
                    .into_any(),
                }}
            </div>
        </div>
    }
}
