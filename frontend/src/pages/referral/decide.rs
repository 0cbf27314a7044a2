//! A strategic lead records the strategic partners' decision on the recommendation.
use super::load::{caption, load_referral};
use super::recommend::Answers;
use crate::api;
use crate::clock::today;
use crate::components::field_errors::merge;
use crate::components::{BackLink, DateInput, ErrorSummary, Loading, Radios, SummaryList, SummaryRow, Textarea};
use crate::form::bind::{choice, day, put, put_choice, put_day, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::referral::journey::long_date;
use shared::referral::{validate_decision, Decision, ReferralAction, ReferralView};
use shared::FieldError;
use uuid::Uuid;

fn read(a: &Answers) -> Result<Decision, Vec<FieldError>> {
    let mut errors = Vec::new();
    if a.agreed.is_none() {
        errors.push(FieldError::new("review_agreed", "required", "Select yes if a review is agreed"));
    }
    if a.decided_on.is_none() {
        errors.push(FieldError::new("decided_on", "required", "Enter the date of the decision"));
    }
    let d = Decision {
        review_agreed: a.agreed.as_deref() == Some("yes"),
        comments: a.comments.clone(),
        decided_on: a.decided_on.unwrap_or(NaiveDate::MIN),
    };
    let errors = merge(errors, validate_decision(&d, today()));
    if errors.is_empty() {
        Ok(d)
    } else {
        Err(errors)
    }
}

#[component]
pub fn DecisionPage(id: Uuid) -> impl IntoView {
    let answers = RwSignal::new(Answers { decided_on: Some(today()), ..Default::default() });
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
        let request = async move { api::decide(session, id, &request).await };
        state.send(request, move |_| router.go(Route::Referral(id)));
    };

    view! {
        <BackLink href=Route::Referral(id).href() text="Back to the referral" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Record the strategic partners' decision" caption=caption(id) />
                <Loading state=loaded render=move |view: ReferralView| {
                    if !view.allowed_actions.contains(&ReferralAction::Decide) {
                        return view! { <p class="govuk-body" id="not-allowed">"You cannot record a decision on this referral now."</p> }.into_any();
                    }
                    let recommendation = view.recommendation.clone().map(|r| {
                        let rows = vec![
                            SummaryRow::new("Is a review recommended?", if r.review_recommended { "Yes" } else { "No" }),
                            SummaryRow::new("Type of review", r.review_type.map(|t| t.label()).unwrap_or_default()),
                            SummaryRow::new("Reason", r.reason),
                            SummaryRow::new("Date of recommendation", long_date(r.recommended_on)),
                        ];
                        view! {
                            <h2 class="govuk-heading-m">"The business office's recommendation"</h2>
                            <SummaryList rows=rows />
                        }
                    });
                    view! {
                        {recommendation}
                        <form novalidate on:submit=on_submit>
                            <Radios id="review_agreed" legend="Is a review agreed?" inline=true
                                options=vec![("yes", "Yes"), ("no", "No")]
                                value=choice(answers, |a| &a.agreed) on_change=put_choice(answers, |a| &mut a.agreed)
                                errors=errors />
                            <Textarea id="comments" label="Comments (optional)" rows=4
                                value=text(answers, |a| &a.comments) on_input=put(answers, |a| &mut a.comments) errors=errors />
                            <DateInput id="decided_on" legend="Date agreed with the recommendation" name="The date of the decision"
                                value=day(answers, |a| a.decided_on) on_change=put_day(answers, |a| &mut a.decided_on)
                                errors=errors problems=problems />
                            <button type="submit" class="govuk-button" id="save-decision" disabled=move || state.sending.get()>
                                "Save the decision"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
