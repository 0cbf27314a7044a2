//! "Check your answers", then submit. The whole form is checked in the browser with the
//! server's own rules first; what is missing is listed in the error summary, each entry
//! linking to its box on its section's page. A 422 from the server is shown the same way.
use super::answers::Answers;
use super::load::{caption, load_referral};
use crate::api;
use crate::clock::today;
use crate::components::{BackLink, ErrorSummary, Loading};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::prelude::*;
use shared::referral::journey::Section;
use shared::referral::{validate_for_submission, ReferralAction, ReferralView};
use uuid::Uuid;

/// Where the error summary sends a person for a field: its section's page, at the field.
pub fn field_href(id: Uuid, field: &str) -> String {
    match Section::of_field(field) {
        Some(section) => format!("{}#{field}", Route::Section(id, section).href()),
        None => format!("{}#{field}", Route::Tasks(id).href()),
    }
}

#[component]
pub fn CheckAnswers(id: Uuid) -> impl IntoView {
    let state = FormState::new();
    let loaded = load_referral(id, |_| {});

    let submit = move |_| {
        let form = match loaded.get_untracked() {
            crate::components::Load::Loaded(data) => match crate::components::unshare::<ReferralView>(&data) {
                Some(view) => view.form,
                None => return,
            },
            _ => return,
        };
        if !state.ready(validate_for_submission(&form, today())) {
            return;
        }
        let (session, router) = (state.session, state.router);
        state.send(api::submit_referral(session, id), move |_| router.go(Route::Referral(id)));
    };

    view! {
        <BackLink href=Route::Tasks(id).href() text="Back to the task list" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure href_for=Callback::new(move |field: String| field_href(id, &field)) />
                <PageHeading text="Check your answers before submitting your referral" caption=caption(id) />
                <Loading state=loaded render=move |view: ReferralView| {
                    if !view.allowed_actions.contains(&ReferralAction::Submit) {
                        return view! {
                            <p class="govuk-body" id="not-editable">"This referral cannot be submitted now."</p>
                            <p class="govuk-body"><a class="govuk-link" href=Route::Referral(id).href()>"View the referral"</a></p>
                        }
                        .into_any();
                    }
                    view! {
                        <Answers form=view.form.clone() change=id />
                        <h2 class="govuk-heading-m">"Now send your referral"</h2>
                        <p class="govuk-body">
                            "By submitting this referral you confirm that, to the best of your knowledge, the details are correct and that your senior manager for safeguarding has signed it off."
                        </p>
                        <button type="button" class="govuk-button" id="submit-referral" disabled=move || state.sending.get() on:click=submit>
                            "Submit referral"
                        </button>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
