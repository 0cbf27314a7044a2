//! The page an invitation's link opens (`/accept-invitation#token=…`): the new password
//! twice. The token is read from the address once and then taken out of it. Then the person
//! signs in, and sets up a second factor where the partnership requires one.
use crate::api;
use crate::components::{ErrorSummary, TextInput};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::account::{new_password_problems, NewPassword, PASSWORD_HINT};
use crate::pages::PageHeading;
use crate::router::{fragment, replace_address, Route};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::auth::reset_token_of;
use shared::people::InvitationAccept;

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let token = StoredValue::new(fragment().as_deref().and_then(reset_token_of));
    if token.with_value(Option::is_some) {
        replace_address(&Route::AcceptInvitation.href());
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
            InvitationAccept { token: token.get_value().unwrap_or_default(), new_password: form.new_password };
        state.send(async move { api::accept_invitation(&request).await }, move |_| done.set(true));
    };
    move || {
        if done.get() {
            return view! {
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-two-thirds">
                        <PageHeading text="Your account is ready" />
                        <p class="govuk-body" id="invitation-done">
                            "Sign in with your email address and the password you chose. You will then set up a second factor if your partnership asks for one."
                        </p>
                        <p class="govuk-body"><a class="govuk-link" id="go-to-sign-in" href=Route::Home.href()>"Sign in"</a></p>
                    </div>
                </div>
            }
            .into_any();
        }
        if token.with_value(Option::is_none) {
            return view! {
                <PageHeading text="This link does not work" />
                <p class="govuk-body" id="no-token">"Open the link from the email again, or ask the business office to invite you again."</p>
            }
            .into_any();
        }
        view! {
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <ErrorSummary failure=state.failure />
                    <PageHeading text="Choose your password" />
                    <p class="govuk-body">"You have been invited to CSPR Hub. Choose a password for your account."</p>
                    <form novalidate on:submit=on_submit>
                        <TextInput id="new_password" label="Password" input_type="password" autocomplete="new-password"
                            hint=PASSWORD_HINT
                            value=text(boxes, |b| &b.new_password) on_input=put(boxes, |b| &mut b.new_password) errors=state.errors />
                        <TextInput id="confirm_password" label="Type the password again" input_type="password" autocomplete="new-password"
                            value=text(boxes, |b| &b.confirm_password) on_input=put(boxes, |b| &mut b.confirm_password) errors=state.errors />
                        <button type="submit" class="govuk-button" id="accept-invitation" disabled=move || state.sending.get()>
                            "Save the password"
                        </button>
                    </form>
                </div>
            </div>
        }
        .into_any()
    }
}
