//! The business office returns a submitted referral to the referrer for completion.
use super::load::{caption, load_referral};
use super::recommend::Answers;
use crate::api;
use crate::components::{BackLink, ErrorSummary, Loading, Textarea};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::referral::{validate_return, ReferralAction, ReferralView, ReturnRequest};
use uuid::Uuid;

#[component]
pub fn ReturnPage(id: Uuid) -> impl IntoView {
    // (the office's answers type: one form type for the office's and the lead's pages)
    let request = RwSignal::new(Answers::default());
    let state = FormState::new();
    let errors = state.errors;
    let loaded = load_referral(id, |_| {});

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = ReturnRequest { reason: request.with_untracked(|r| r.reason.clone()) };
        if !state.ready(validate_return(&body)) {
            return;
        }
        let (session, router) = (state.session, state.router);
        let request = async move { api::return_referral(session, id, &body).await };
        state.send(request, move |_| router.go(Route::Referral(id)));
    };

    view! {
        <BackLink href=Route::Referral(id).href() text="Back to the referral" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Return the referral for completion" caption=caption(id) />
                <Loading state=loaded render=move |view: ReferralView| {
                    if !view.allowed_actions.contains(&ReferralAction::Return) {
                        return view! { <p class="govuk-body" id="not-allowed">"You cannot return this referral now."</p> }.into_any();
                    }
                    view! {
                        <form novalidate on:submit=on_submit>
                            <Textarea id="reason" label="What does the referrer need to complete?" rows=6
                                value=text(request, |r| &r.reason) on_input=put(request, |r| &mut r.reason) errors=errors />
                            <button type="submit" class="govuk-button" id="save-return" disabled=move || state.sending.get()>
                                "Return the referral"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
