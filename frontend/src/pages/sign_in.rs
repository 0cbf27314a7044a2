//! The sign-in page: partnership, e-mail address and password. After a session ended it says
//! why, and signing in again as the same person resumes the page they were on.
use super::PageHeading;
use crate::components::ErrorSummary;
use crate::form::FormState;
use crate::router::Route;
use crate::session::SignedIn;
use crate::transport::{self, ApiFailure};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::auth::LoginRequest;
use shared::FieldError;

pub const SUBMIT_LABEL: &str = "Sign in";
pub const PENDING_LABEL: &str = "Signing in…";

/// The boxes that must be filled in before asking the server.
fn missing(request: &LoginRequest) -> Vec<FieldError> {
    let mut out = Vec::new();
    if request.tenant.is_empty() {
        out.push(FieldError::new("tenant", "required", "Enter the short name of your partnership"));
    }
    if request.email.is_empty() {
        out.push(FieldError::new("email", "required", "Enter your email address"));
    }
    if request.password.is_empty() {
        out.push(FieldError::new("password", "required", "Enter your password"));
    }
    out
}

#[component]
pub fn SignIn(
    /// Why the person must sign in again (their session ended).
    #[prop(optional, into)]
    ended: Option<String>,
) -> impl IntoView {
    let state = FormState::new();
    let (session, router, failure, pending) = (state.session, state.router, state.failure, state.sending);
    let resuming = ended.is_some();
    let known = session.me();
    let tenant = RwSignal::new(known.as_ref().filter(|_| resuming).map(|m| m.tenant.slug.clone()).unwrap_or_default());
    let email = RwSignal::new(known.as_ref().filter(|_| resuming).map(|m| m.user.email.clone()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    // Shown once the server says the person has a second factor.
    let asks_code = RwSignal::new(false);
    Effect::new(move |_| {
        let second_factor = failure.with(|f| {
            f.as_ref().and_then(|f| f.code()).is_some_and(|c| {
                matches!(c, shared::ErrorCode::SecondFactorRequired | shared::ErrorCode::InvalidSecondFactor)
            })
        });
        if second_factor && !asks_code.get_untracked() {
            asks_code.set(true);
        }
    });
    let notice = ended.or_else(|| session.farewell());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = LoginRequest {
            tenant: tenant.get_untracked().trim().to_lowercase(),
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
            code: Some(code.get_untracked().trim().to_string()).filter(|c| !c.is_empty()),
        };
        if !state.ready(missing(&request)) {
            return;
        }
        state.send(async move { sign_in(&request).await }, move |signed_in| {
            password.set(String::new());
            code.set(String::new());
            if !(resuming && session.resumes(&signed_in.me)) {
                router.go(Route::Home);
            }
            session.sign_in(signed_in);
        });
    };

    let error_of = move |id: &'static str| {
        move || {
            failure
                .with(|f| f.as_ref().and_then(|f| f.fields().iter().find(|e| e.field == id).map(|e| e.message.clone())))
        }
    };
    let group = move |id: &'static str| {
        move || if error_of(id)().is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }
    };
    let message = move |id: &'static str| {
        move || {
            error_of(id)().map(|m| {
                view! {
                    <p class="govuk-error-message" id=format!("{id}-error")>
                        <span class="govuk-visually-hidden">"Error: "</span>{m}
                    </p>
                }
            })
        }
    };

    view! {
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=failure />
                {notice.map(|n| view! {
                    <div class="govuk-notification-banner" role="region" aria-labelledby="notice-title" id="sign-in-notice">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="notice-title">"Important"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">{n}</p>
                        </div>
                    </div>
                })}
                <PageHeading text="Sign in to CSPR Hub" />
                <form novalidate on:submit=on_submit>
                    <div class=group("tenant")>
                        <label class="govuk-label" for="tenant">"Partnership"</label>
                        <div id="tenant-hint" class="govuk-hint">
                            "The short name of your safeguarding partnership, for example northvale"
                        </div>
                        {message("tenant")}
                        <input
                            class="govuk-input govuk-input--width-20"
                            id="tenant"
                            name="tenant"
                            type="text"
                            autocomplete="organization"
                            autocapitalize="none"
                            spellcheck="false"
                            aria-describedby="tenant-hint"
                            prop:value=move || tenant.get()
                            on:input=move |ev| tenant.set(event_target_value(&ev))
                        />
                    </div>
                    <div class=group("email")>
                        <label class="govuk-label" for="email">"Email address"</label>
                        {message("email")}
                        <input
                            class="govuk-input"
                            id="email"
                            name="email"
                            type="email"
                            autocomplete="username"
                            spellcheck="false"
                            prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev))
                        />
                    </div>
                    <div class=group("password")>
                        <label class="govuk-label" for="password">"Password"</label>
                        {message("password")}
                        <input
                            class="govuk-input"
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </div>
                    {move || asks_code.get().then(|| view! {
                        <div class=group("code")>
                            <label class="govuk-label" for="code">"Security code"</label>
                            <div id="code-hint" class="govuk-hint">
                                "The 6-digit code your authenticator app shows, or one of your recovery codes"
                            </div>
                            {message("code")}
                            <input
                                class="govuk-input govuk-input--width-10"
                                id="code"
                                name="code"
                                type="text"
                                autocomplete="one-time-code"
                                spellcheck="false"
                                aria-describedby="code-hint"
                                prop:value=move || code.get()
                                on:input=move |ev| code.set(event_target_value(&ev))
                            />
                        </div>
                    })}
                    <button class="govuk-button" id="sign-in" type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { PENDING_LABEL } else { SUBMIT_LABEL }}
                    </button>
                </form>
                <p class="govuk-body">
                    <a class="govuk-link" id="forgot-password" href=Route::ForgotPassword.href()>"Forgotten your password?"</a>
                </p>
            </div>
        </div>
    }
}

/// Signs in, then asks who the tokens belong to.
async fn sign_in(request: &LoginRequest) -> Result<SignedIn, ApiFailure> {
    let tokens = transport::login(request).await?;
    let me = transport::me(&tokens.access_token).await?;
    Ok(SignedIn::new(tokens, me))
}
