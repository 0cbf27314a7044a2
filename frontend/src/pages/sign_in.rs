//! The sign-in page: partnership, e-mail address and password.
use crate::api::{self, ApiFailure};
use crate::components::ErrorSummary;
use crate::session::{Session, SignedIn};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::auth::LoginRequest;

pub const SUBMIT_LABEL: &str = "Sign in";
pub const PENDING_LABEL: &str = "Signing in…";

#[component]
pub fn SignIn() -> impl IntoView {
    let session = Session::expect();
    let tenant = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = LoginRequest {
            tenant: tenant.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        failure.set(None);
        pending.set(true);
        spawn_local(async move {
            let outcome = sign_in(&request).await;
            pending.set(false);
            match outcome {
                Ok(signed_in) => {
                    password.set(String::new());
                    session.sign_in(signed_in);
                }
                Err(why) => failure.set(Some(why)),
            }
        });
    };

    view! {
        <ErrorSummary failure=failure />
        <h1>"Sign in to CSPR Hub"</h1>
        <form class="form" novalidate on:submit=on_submit>
            <div class="form-group">
                <label class="label" for="tenant">"Partnership"</label>
                <p id="tenant-hint" class="hint">"The short name of your safeguarding partnership, for example northvale"</p>
                <input
                    class="input"
                    id="tenant"
                    name="tenant"
                    type="text"
                    autocomplete="organization"
                    autocapitalize="none"
                    spellcheck="false"
                    aria-describedby="tenant-hint"
                    bind:value=tenant
                />
            </div>
            <div class="form-group">
                <label class="label" for="email">"Email address"</label>
                <input
                    class="input"
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    spellcheck="false"
                    bind:value=email
                />
            </div>
            <div class="form-group">
                <label class="label" for="password">"Password"</label>
                <input
                    class="input"
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    bind:value=password
                />
            </div>
            <button
                class="button"
                id="sign-in"
                type="submit"
                disabled=move || pending.get()
            >
                {move || if pending.get() { PENDING_LABEL } else { SUBMIT_LABEL }}
            </button>
        </form>
    }
}

/// Signs in, then asks who the tokens belong to.
async fn sign_in(request: &LoginRequest) -> Result<SignedIn, ApiFailure> {
    let tokens = api::login(request).await?;
    let me = api::me(&tokens.access_token).await?;
    Ok(SignedIn { access_token: tokens.access_token, refresh_token: tokens.refresh_token, me })
}
