//! The business office returns a submitted referral to the referrer for completion.
use super::bind::{put, text};
use super::load::{caption, load_referral};
use super::recommend::Answers;
use crate::api::{self, ApiFailure};
use crate::components::{BackLink, ErrorSummary, FieldErrors, Loading, Textarea};
use crate::pages::PageHeading;
use crate::router::{Route, Router};
use crate::session::Session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::referral::{validate_return, ReferralAction, ReferralView, ReturnRequest};
use uuid::Uuid;

#[component]
pub fn ReturnPage(id: Uuid) -> impl IntoView {
    let session = Session::expect();
    let router = Router::get();
    // (the office's answers type: one form type for the office's and the lead's pages)
    let request = RwSignal::new(Answers::default());
    let errors = FieldErrors::new();
    let failure = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let state = load_referral(id, |_| {});

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let body = ReturnRequest { reason: request.with_untracked(|r| r.reason.clone()) };
        let problems = validate_return(&body);
        if !problems.is_empty() {
            errors.set(problems.clone());
            failure.set(Some(ApiFailure::Invalid(problems)));
            return;
        }
        errors.clear();
        failure.set(None);
        sending.set(true);
        spawn_local(async move {
            let outcome = api::return_referral(session, id, &body).await;
            sending.set(false);
            match outcome {
                Ok(_) => router.go(Route::Referral(id)),
                Err(ApiFailure::SessionEnded) => {}
                Err(why) => {
                    errors.set(why.fields().to_vec());
                    failure.set(Some(why));
                }
            }
        });
    };

    view! {
        <BackLink href=Route::Referral(id).href() text="Back to the referral" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=failure />
                <PageHeading text="Return the referral for completion" caption=caption(id) />
                <Loading state=state render=move |view: ReferralView| {
                    if !view.allowed_actions.contains(&ReferralAction::Return) {
                        return view! { <p class="govuk-body" id="not-allowed">"You cannot return this referral now."</p> }.into_any();
                    }
                    view! {
                        <form novalidate on:submit=on_submit>
                            <Textarea id="reason" label="What does the referrer need to complete?" rows=6
                                value=text(request, |r| &r.reason) on_input=put(request, |r| &mut r.reason) errors=errors />
                            <button type="submit" class="govuk-button" id="save-return" disabled=move || sending.get()>
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
