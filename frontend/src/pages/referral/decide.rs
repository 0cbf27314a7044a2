//! A strategic lead records the strategic partners' decision on the recommendation.
use super::bind::{choice, day, put, put_choice, put_day, text};
use super::load::{caption, load_referral};
use super::recommend::Answers;
use crate::api::{self, ApiFailure};
use crate::clock::today;
use crate::components::field_errors::merge;
use crate::components::{
    BackLink, DateInput, DateProblems, ErrorSummary, FieldErrors, Loading, Radios, SummaryList, SummaryRow, Textarea,
};
use crate::pages::PageHeading;
use crate::router::{Route, Router};
use crate::session::Session;
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
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
    let session = Session::expect();
    let router = Router::get();
    let answers = RwSignal::new(Answers { decided_on: Some(today()), ..Default::default() });
    let errors = FieldErrors::new();
    let problems = DateProblems::new();
    let failure = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let state = load_referral(id, |_| {});

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let date_problems = problems.all();
        let request = match read(&answers.get_untracked()) {
            Ok(d) if date_problems.is_empty() => d,
            outcome => {
                let mut found = date_problems.clone();
                if let Err(more) = outcome {
                    found.extend(more.into_iter().filter(|e| !date_problems.iter().any(|p| p.field == e.field)));
                }
                errors.set(found.clone());
                failure.set(Some(ApiFailure::Invalid(found)));
                return;
            }
        };
        errors.clear();
        failure.set(None);
        sending.set(true);
        spawn_local(async move {
            let outcome = api::decide(session, id, &request).await;
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
                <PageHeading text="Record the strategic partners' decision" caption=caption(id) />
                <Loading state=state render=move |view: ReferralView| {
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
                            <button type="submit" class="govuk-button" id="save-decision" disabled=move || sending.get()>
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
