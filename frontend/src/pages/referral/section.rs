//! One section of the referral on its own page: the boxes, checked in the browser with the
//! same `shared` rules the server uses, then saved as a draft ("Save and continue").
use super::load::{caption, load_referral};
use super::section_family::FamilyFields;
use super::section_rows::{ChronologyFields, OtherAgenciesFields};
use super::section_sign_off::SignOffFields;
use super::section_text::{AreasOfLearningFields, BackgroundFields, ReviewTypeFields, ThemesFields};
use crate::api;
use crate::clock::today;
use crate::components::{BackLink, ChildFields, ErrorSummary, Loading};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::{focus_id, fragment, Route};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::referral::journey::Section;
use shared::referral::{ReferralAction, ReferralForm};
use uuid::Uuid;

#[component]
pub fn SectionPage(id: Uuid, section: Section) -> impl IntoView {
    let form = RwSignal::new(ReferralForm::default());
    // The version the boxes were filled from: the save names it, so that a save over someone
    // else's is refused (409) rather than replacing theirs; the boxes keep what was typed.
    let version = RwSignal::new(None::<i32>);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    // Arrived from "check your answers" (a Change link or the error summary): go back there.
    let back_to = if fragment().is_some() { Route::CheckAnswers(id) } else { Route::Tasks(id) };
    let loaded = load_referral(id, move |view| {
        form.set(view.form.clone());
        version.set(Some(view.version));
        // Arrived from the error summary of "check your answers": show what is missing here.
        if let Some(field) = fragment() {
            errors.set(section.submission_errors(&view.form, today()));
            set_timeout(
                move || {
                    focus_id(&field);
                },
                std::time::Duration::from_millis(50),
            );
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = form.get_untracked();
        if !state.ready(section.draft_errors(&draft, today())) {
            return;
        }
        let (session, router) = (state.session, state.router);
        let read_at = version.get_untracked();
        let request = async move { api::save_referral(session, id, &draft, read_at).await };
        state.send(request, move |_| router.go(back_to));
    };

    let fields = move || {
        match section {
            Section::Referrer => view! {
                <SignOffFields form=form errors=errors problems=problems prefix="referrer" who="referrer"
                    person=|f| &f.referrer person_mut=|f| &mut f.referrer />
            }
            .into_any(),
            Section::ReviewType => view! { <ReviewTypeFields form=form errors=errors /> }.into_any(),
            Section::Child => {
                // The boxes work on the child alone; every change is copied into the form.
                let child = RwSignal::new(form.with_untracked(|f| f.child.clone()));
                Effect::new(move |_| {
                    let c = child.get();
                    form.update(|f| f.child = c);
                });
                view! { <ChildFields prefix="child" child=child errors=errors problems=problems /> }.into_any()
            }
            Section::Family => view! { <FamilyFields form=form errors=errors problems=problems /> }.into_any(),
            Section::Background => view! { <BackgroundFields form=form errors=errors /> }.into_any(),
            Section::OtherAgencies => view! { <OtherAgenciesFields form=form errors=errors /> }.into_any(),
            Section::Chronology => view! { <ChronologyFields form=form errors=errors problems=problems /> }.into_any(),
            Section::AreasOfLearning => view! { <AreasOfLearningFields form=form errors=errors /> }.into_any(),
            Section::Themes => view! { <ThemesFields form=form errors=errors /> }.into_any(),
        }
    };

    view! {
        <BackLink
            href=back_to.href()
            text=if back_to == Route::Tasks(id) { "Back to the task list" } else { "Back to your answers" }
        />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text=section.title() caption=caption(id) />
                <Loading state=loaded render=move |view: shared::referral::ReferralView| {
                    if !view.allowed_actions.contains(&ReferralAction::Edit) {
                        return view! {
                            <p class="govuk-body" id="not-editable">"This referral can no longer be changed."</p>
                            <p class="govuk-body"><a class="govuk-link" href=Route::Referral(id).href()>"View the referral"</a></p>
                        }
                        .into_any();
                    }
                    view! {
                        <form novalidate on:submit=on_submit>
                            {fields}
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button" id="save-and-continue" disabled=move || state.sending.get()>
                                    "Save and continue"
                                </button>
                                <a class="govuk-link" href=back_to.href()>"Go back without saving"</a>
                            </div>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
