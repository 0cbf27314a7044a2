//! The page a mailed link opens to choose a password: a reset link
//! (`/reset-password#token=…`) or an invitation's (`/accept-invitation#token=…`). The new
//! password twice; the token is read from the address once and then taken out of it (and out
//! of the history). The two differ only in their words and where the password is sent.
use super::{new_password_problems, NewPassword, PASSWORD_HINT};
use crate::components::{ErrorSummary, TextInput};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::{fragment, replace_address, Route};
use crate::{api, transport};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::auth::{reset_token_of, PasswordResetComplete};
use shared::people::InvitationAccept;

/// What a password link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordLink {
    /// A forgotten password.
    Reset,
    /// An invitation to the partnership: the account's first password.
    Invitation,
}

/// The words of one kind of link's page.
struct Words {
    heading: &'static str,
    intro: Option<&'static str>,
    password: &'static str,
    again: &'static str,
    button_id: &'static str,
    button: &'static str,
    done_heading: &'static str,
    done_id: &'static str,
    done: &'static str,
    broken: &'static str,
}

impl PasswordLink {
    fn route(self) -> Route {
        match self {
            PasswordLink::Reset => Route::ResetPassword,
            PasswordLink::Invitation => Route::AcceptInvitation,
        }
    }

    fn words(self) -> Words {
        match self {
            PasswordLink::Reset => Words {
                heading: "Choose a new password",
                intro: None,
                password: "New password",
                again: "Type the new password again",
                button_id: "save-password",
                button: "Save the new password",
                done_heading: "Your password has been changed",
                done_id: "reset-done",
                done: "Sign in with your new password. Any session you had open has ended.",
                broken: "Open the link from the email again, or ask for a new one.",
            },
            PasswordLink::Invitation => Words {
                heading: "Choose your password",
                intro: Some("You have been invited to CSPR Hub. Choose a password for your account."),
                password: "Password",
                again: "Type the password again",
                button_id: "accept-invitation",
                button: "Save the password",
                done_heading: "Your account is ready",
                done_id: "invitation-done",
                done: "Sign in with your email address and the password you chose. You will then set up a second \
                       factor if your partnership asks for one.",
                broken: "Open the link from the email again, or ask the business office to invite you again.",
            },
        }
    }

    /// "Ask for a new link", for a reset (an invitation is sent again by the office).
    fn new_link(self) -> Option<AnyView> {
        (self == PasswordLink::Reset).then(|| {
            view! { <p class="govuk-body"><a class="govuk-link" href=Route::ForgotPassword.href()>"Ask for a new link"</a></p> }
                .into_any()
        })
    }
}

#[component]
pub fn PasswordLinkPage(link: PasswordLink) -> impl IntoView {
    let token = StoredValue::new(fragment().as_deref().and_then(reset_token_of));
    if token.with_value(Option::is_some) {
        replace_address(&link.route().href());
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
        let (token, new_password) = (token.get_value().unwrap_or_default(), form.new_password);
        let sent = async move {
            match link {
                PasswordLink::Reset => transport::complete_reset(&PasswordResetComplete { token, new_password }).await,
                PasswordLink::Invitation => api::accept_invitation(&InvitationAccept { token, new_password }).await,
            }
        };
        state.send(sent, move |_| done.set(true));
    };
    let w = link.words();
    move || {
        if done.get() {
            return view! {
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-two-thirds">
                        <PageHeading text=w.done_heading />
                        <p class="govuk-body" id=w.done_id>{w.done}</p>
                        <p class="govuk-body"><a class="govuk-link" id="go-to-sign-in" href=Route::Home.href()>"Sign in"</a></p>
                    </div>
                </div>
            }
            .into_any();
        }
        if token.with_value(Option::is_none) {
            return view! {
                <PageHeading text="This link does not work" />
                <p class="govuk-body" id="no-token">{w.broken}</p>
                {link.new_link()}
            }
            .into_any();
        }
        view! {
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <ErrorSummary failure=state.failure />
                    <PageHeading text=w.heading />
                    {w.intro.map(|t| view! { <p class="govuk-body">{t}</p> })}
                    <form novalidate on:submit=on_submit>
                        <TextInput id="new_password" label=w.password input_type="password" autocomplete="new-password"
                            hint=PASSWORD_HINT
                            value=text(boxes, |b| &b.new_password) on_input=put(boxes, |b| &mut b.new_password) errors=state.errors />
                        <TextInput id="confirm_password" label=w.again input_type="password" autocomplete="new-password"
                            value=text(boxes, |b| &b.confirm_password) on_input=put(boxes, |b| &mut b.confirm_password) errors=state.errors />
                        <button type="submit" class="govuk-button" id=w.button_id disabled=move || state.sending.get()>
                            {w.button}
                        </button>
                    </form>
                    {link.new_link()}
                </div>
            </div>
        }
        .into_any()
    }
}
