//! The page a reset link opens (`/reset-password#token=…`): the new password twice. The
//! token is read from the address once and then taken out of it (and out of the history).
use super::{new_password_problems, NewPassword, PASSWORD_HINT};
use crate::components::{ErrorSummary, TextInput};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::{fragment, replace_address, Route};
use crate::transport;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::auth::{reset_token_of, PasswordResetComplete};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = StoredValue::new(fragment().as_deref().and_then(reset_token_of));
    if token.with_value(Option::is_some) {
        replace_address(&Route::ResetPassword.href());
    }
    let state = FormState::new();
    let boxes = RwSignal::new(NewPassword::default());
    let done = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = boxes.get_untracked();
        if !state.ready(new_password_problems(&form)) {
            return;
        }
        let request =
            PasswordResetComplete { token: token.get_value().unwrap_or_default(), new_password: form.new_password };
        state.send(async move { transport::complete_reset(&request).await }, move |_| done.set(true));
    };
    move || {
        if done.get() {
            return view! {
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-two-thirds">
                        <PageHeading text="Your password has been changed" />
                        <p class="govuk-body" id="reset-done">"Sign in with your new password. Any session you had open has ended."</p>
                        <p class="govuk-body"><a class="govuk-link" id="go-to-sign-in" href=Route::Home.href()>"Sign in"</a></p>
                    </div>
                </div>
            }
            .into_any();
        }
        if token.with_value(Option::is_none) {
            return view! {
                <PageHeading text="This link does not work" />
                <p class="govuk-body" id="no-token">"Open the link from the email again, or ask for a new one."</p>
                <p class="govuk-body"><a class="govuk-link" href=Route::ForgotPassword.href()>"Ask for a new link"</a></p>
            }
            .into_any();
        }
        view! {
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <ErrorSummary failure=state.failure />
                    <PageHeading text="Choose a new password" />
                    <form novalidate on:submit=on_submit>
                        <TextInput id="new_password" label="New password" input_type="password" autocomplete="new-password"
                            hint=PASSWORD_HINT
                            value=text(boxes, |b| &b.new_password) on_input=put(boxes, |b| &mut b.new_password) errors=state.errors />
                        <TextInput id="confirm_password" label="Type the new password again" input_type="password" autocomplete="new-password"
                            value=text(boxes, |b| &b.confirm_password) on_input=put(boxes, |b| &mut b.confirm_password) errors=state.errors />
                        <button type="submit" class="govuk-button" id="save-password" disabled=move || state.sending.get()>
                            "Save the new password"
                        </button>
                    </form>
                    <p class="govuk-body"><a class="govuk-link" href=Route::ForgotPassword.href()>"Ask for a new link"</a></p>
                </div>
            </div>
        }
        .into_any()
    }
}
