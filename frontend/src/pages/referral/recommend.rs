//! The business office records its recommendation ("for internal use only").
use super::load::{caption, load_referral};
use crate::api;
use crate::clock::today;
use crate::components::field_errors::merge;
use crate::components::{BackLink, DateInput, ErrorSummary, Loading, Radios, Textarea};
use crate::form::bind::{choice, day, put, put_choice, put_day, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::referral::{validate_recommendation, Recommendation, ReferralAction, ReferralView, ReviewType};
use shared::FieldError;
use uuid::Uuid;

/// The answers as typed on the office's and the lead's pages: the yes/no questions may still be
/// unanswered. (One type for both pages: each form type costs the wasm its own copy of the
/// binding code.)
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub recommended: Option<String>,
    pub review_type: Option<String>,
    pub comments: String,
    pub recommended_on: Option<NaiveDate>,
    pub reason: String,
    pub legal_advice: Option<String>,
    /// The lead's decision: is a review agreed?
    pub agreed: Option<String>,
    pub decided_on: Option<NaiveDate>,
    /// No review agreed: the learning identified and its actions.
    pub learning_identified: String,
    pub actions: Vec<shared::case::LearningAction>,
}

fn read(a: &Answers) -> Result<Recommendation, Vec<FieldError>> {
    let mut errors = Vec::new();
    if a.recommended.is_none() {
        errors.push(FieldError::new("review_recommended", "required", "Select yes if a review is recommended"));
    }
    if a.recommended_on.is_none() {
        errors.push(FieldError::new("recommended_on", "required", "Enter the date of the recommendation"));
    }
    if a.legal_advice.is_none() {
        errors.push(FieldError::new("legal_advice_sought", "required", "Select yes if legal advice has been sought"));
    }
    let recommended = a.recommended.as_deref() == Some("yes");
    let r = Recommendation {
        review_recommended: recommended,
        review_type: if recommended { a.review_type.as_deref().and_then(ReviewType::parse) } else { None },
        comments: a.comments.clone(),
        recommended_on: a.recommended_on.unwrap_or(NaiveDate::MIN),
        reason: a.reason.clone(),
        legal_advice_sought: a.legal_advice.as_deref() == Some("yes"),
    };
    let errors = merge(errors, validate_recommendation(&r, today()));
    if errors.is_empty() {
        Ok(r)
    } else {
        Err(errors)
    }
}

#[component]
pub fn RecommendationPage(id: Uuid) -> impl IntoView {
    let answers = RwSignal::new(Answers { recommended_on: Some(today()), ..Default::default() });
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    let loaded = load_referral(id, |_| {});

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = read(&answers.get_untracked());
        if !state.ready(request.as_ref().err().cloned().unwrap_or_default()) {
            return;
        }
        let Ok(request) = request else { return };
        let (session, router) = (state.session, state.router);
        let request = async move { api::recommend(session, id, &request).await };
        state.send(request, move |_| router.go(Route::Referral(id)));
    };

    let review_type = move || {
        answers.with(|a| a.recommended.as_deref() == Some("yes")).then(|| {
            view! {
                <Radios id="review_type" legend="What type of review is recommended?"
                    options={ReviewType::ALL.iter().map(|t| (t.as_str(), t.label())).collect::<Vec<_>>()}
                    value=choice(answers, |a| &a.review_type) on_change=put_choice(answers, |a| &mut a.review_type)
                    errors=errors />
            }
        })
    };

    view! {
        <BackLink href=Route::Referral(id).href() text="Back to the referral" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Record the business office's recommendation" caption=caption(id) />
                <Loading state=loaded render=move |view: ReferralView| {
                    if !view.allowed_actions.contains(&ReferralAction::Recommend) {
                        return view! { <p class="govuk-body" id="not-allowed">"You cannot record a recommendation on this referral now."</p> }.into_any();
                    }
                    view! {
                        <form novalidate on:submit=on_submit>
                            <Radios id="review_recommended" legend="Is a review recommended?" inline=true
                                options=vec![("yes", "Yes"), ("no", "No")]
                                value=choice(answers, |a| &a.recommended) on_change=put_choice(answers, |a| &mut a.recommended)
                                errors=errors />
                            {review_type}
                            <Textarea id="reason" label="Reason for the recommendation" rows=6
                                value=text(answers, |a| &a.reason) on_input=put(answers, |a| &mut a.reason) errors=errors />
                            <Textarea id="comments" label="Comments (optional)" rows=4
                                value=text(answers, |a| &a.comments) on_input=put(answers, |a| &mut a.comments) errors=errors />
                            <DateInput id="recommended_on" legend="Date of recommendation" name="The date of the recommendation"
                                value=day(answers, |a| a.recommended_on) on_change=put_day(answers, |a| &mut a.recommended_on)
                                errors=errors problems=problems />
                            <Radios id="legal_advice_sought" legend="Has legal advice been sought?" inline=true
                                options=vec![("yes", "Yes"), ("no", "No")]
                                value=choice(answers, |a| &a.legal_advice) on_change=put_choice(answers, |a| &mut a.legal_advice)
                                errors=errors />
                            <button type="submit" class="govuk-button" id="save-recommendation" disabled=move || state.sending.get()>
                                "Save the recommendation"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
