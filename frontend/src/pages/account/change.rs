//! Change your password: the current one, then the new one twice. Every session of the
//! person ends (in every partnership), so they sign in again with the new password.
use super::{new_password_problems, NewPassword, PASSWORD_HINT};
use crate::api;
use crate::components::{BackLink, ErrorSummary, TextInput};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::auth::ChangePasswordRequest;
use shared::FieldError;

/// Said on the sign-in page after the change.
pub const CHANGED: &str = "Your password has been changed. Sign in with your new password.";

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let state = FormState::new();
    let boxes = RwSignal::new(NewPassword::default());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = boxes.get_untracked();
        let mut problems = Vec::new();
        if form.current_password.is_empty() {
            problems.push(FieldError::new("current_password", "required", "Enter your current password"));
        }
        problems.extend(new_password_problems(&form));
        if !state.ready(problems) {
            return;
        }
        let request =
            ChangePasswordRequest { current_password: form.current_password, new_password: form.new_password };
        let (session, router) = (state.session, state.router);
        state.send(async move { api::change_password(session, &request).await }, move |_| {
            router.go(Route::Home);
            session.leave(CHANGED);
        });
    };
    view! {
        <BackLink href=Route::Home.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Change your password" />
                <p class="govuk-body">"You will be signed out everywhere, then sign in with the new password."</p>
                <form novalidate on:submit=on_submit>
                    <TextInput id="current_password" label="Current password" input_type="password" autocomplete="current-password"
                        value=text(boxes, |b| &b.current_password) on_input=put(boxes, |b| &mut b.current_password) errors=state.errors />
                    <TextInput id="new_password" label="New password" input_type="password" autocomplete="new-password"
                        hint=PASSWORD_HINT
                        value=text(boxes, |b| &b.new_password) on_input=put(boxes, |b| &mut b.new_password) errors=state.errors />
                    <TextInput id="confirm_password" label="Type the new password again" input_type="password" autocomplete="new-password"
                        value=text(boxes, |b| &b.confirm_password) on_input=put(boxes, |b| &mut b.confirm_password) errors=state.errors />
                    <button type="submit" class="govuk-button" id="change-password" disabled=move || state.sending.get()>
                        "Change password"
                    </button>
                </form>
            </div>
        </div>
    }
}
