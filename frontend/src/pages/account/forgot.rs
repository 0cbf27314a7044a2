//! "Forgotten your password?": the partnership and e-mail address, then "check your email".
//! The server answers the same whether or not the address is known.
use crate::components::{BackLink, ErrorSummary, TextInput};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use crate::transport;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::auth::PasswordResetRequest;
use shared::FieldError;

#[derive(Debug, Clone, Default)]
struct Boxes {
    tenant: String,
    email: String,
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let state = FormState::new();
    let boxes = RwSignal::new(Boxes::default());
    let sent_to = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let b = boxes.get_untracked();
        let request =
            PasswordResetRequest { tenant: b.tenant.trim().to_lowercase(), email: b.email.trim().to_string() };
        let mut missing = Vec::new();
        if request.tenant.is_empty() {
            missing.push(FieldError::new("tenant", "required", "Enter the short name of your partnership"));
        }
        if !request.email.contains('@') {
            missing.push(FieldError::new("email", "required", "Enter your email address, like name@example.org"));
        }
        if !state.ready(missing) {
            return;
        }
        let email = request.email.clone();
        state.send(async move { transport::request_reset(&request).await }, move |_| sent_to.set(Some(email)));
    };
    move || {
        match sent_to.get() {
        Some(email) => view! {
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <PageHeading text="Check your email" />
                    <p class="govuk-body" id="reset-sent">
                        "If " <strong>{email}</strong> " belongs to someone in that partnership, we have sent it a link to choose a new password."
                    </p>
                    <p class="govuk-body">"The link works once, within 30 minutes. If no email arrives, check the partnership's short name and your address, and ask again."</p>
                    <p class="govuk-body"><a class="govuk-link" id="back-to-sign-in" href=Route::Home.href()>"Back to sign in"</a></p>
                </div>
            </div>
        }
        .into_any(),
        None => view! {
            <BackLink href=Route::Home.href() text="Back to sign in" />
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <ErrorSummary failure=state.failure />
                    <PageHeading text="Reset your password" />
                    <p class="govuk-body">"We will email you a link to choose a new password."</p>
                    <form novalidate on:submit=on_submit>
                        <TextInput id="tenant" label="Partnership" width="govuk-input--width-20" autocomplete="organization"
                            hint="The short name of your safeguarding partnership, for example northvale"
                            value=text(boxes, |b| &b.tenant) on_input=put(boxes, |b| &mut b.tenant) errors=state.errors />
                        <TextInput id="email" label="Email address" input_type="email" autocomplete="username"
                            value=text(boxes, |b| &b.email) on_input=put(boxes, |b| &mut b.email) errors=state.errors />
                        <button type="submit" class="govuk-button" id="send-reset-link" disabled=move || state.sending.get()>
                            "Send the link"
                        </button>
                    </form>
                </div>
            </div>
        }
        .into_any(),
    }
    }
}
