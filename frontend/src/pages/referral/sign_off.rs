//! The senior manager for safeguarding signs off a referral sent to them: they agree (it goes
//! to the business office) or return it to the referrer with what to change.
use super::answers::Answers;
use super::load::{caption, load_referral};
use super::recommend::Answers as Choice;
use crate::api;
use crate::components::{BackLink, ErrorSummary, Loading, Radios, Textarea};
use crate::form::bind::{choice, put, put_choice, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::referral::{validate_return, ReferralAction, ReferralView, ReturnRequest};
use shared::FieldError;
use uuid::Uuid;

#[component]
pub fn SignOffPage(id: Uuid) -> impl IntoView {
    // `agreed`: "yes" signs off, "no" returns with `reason`.
    let answers = RwSignal::new(Choice::default());
    let state = FormState::new();
    let errors = state.errors;
    let loaded = load_referral(id, |_| {});

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let a = answers.get_untracked();
        let (session, router) = (state.session, state.router);
        match a.agreed.as_deref() {
            Some("yes") => {
                if state.ready(Vec::new()) {
                    state.send(api::sign_off(session, id), move |_| router.go(Route::Referral(id)));
                }
            }
            Some(_) => {
                let body = ReturnRequest { reason: a.reason };
                if state.ready(validate_return(&body)) {
                    let request = async move { api::return_by_manager(session, id, &body).await };
                    state.send(request, move |_| router.go(Route::Referral(id)));
                }
            }
            None => {
                state.ready(vec![FieldError::new(
                    "sign_off",
                    "required",
                    "Select yes if you agree with this request for consideration of a review",
                )]);
            }
        }
    };
    let returning = Memo::new(move |_| answers.with(|a| a.agreed.as_deref() == Some("no")));
    let reason = move || {
        returning.get().then(|| {
            view! {
                <Textarea id="reason" label="What does the referrer need to change?" rows=6
                    value=text(answers, |a| &a.reason) on_input=put(answers, |a| &mut a.reason) errors=errors />
            }
        })
    };

    view! {
        <BackLink href=Route::Referral(id).href() text="Back to the referral" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Sign off the referral" caption=caption(id) />
                <Loading state=loaded render=move |view: ReferralView| {
                    if !view.allowed_actions.contains(&ReferralAction::SignOff) {
                        return view! { <p class="govuk-body" id="not-allowed">"You cannot sign off this referral now."</p> }.into_any();
                    }
                    view! {
                        <Answers form=view.form.clone() />
                        <form novalidate on:submit=on_submit>
                            <Radios id="sign_off" legend="Do you agree with this request for consideration of a review?"
                                hint="If you agree, the referral goes to the business office. If not, it goes back to the referrer with your reason."
                                inline=true options=vec![("yes", "Yes"), ("no", "No, return it to the referrer")]
                                value=choice(answers, |a| &a.agreed) on_change=put_choice(answers, |a| &mut a.agreed)
                                errors=errors />
                            {reason}
                            <button type="submit" class="govuk-button" id="save-sign-off" disabled=move || state.sending.get()>
                                "Continue"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
