//! A strategic lead records the strategic partners' decision on the recommendation.
use super::load::{caption, load_referral};
use super::recommend::Answers;
use crate::api;
use crate::clock::today;
use crate::components::field_errors::merge;
use crate::components::{
    BackLink, DateInput, ErrorSummary, Loading, Radios, SummaryList, SummaryRow, TextInput, Textarea,
};
use crate::form::bind::{choice, day, get, put, put_choice, put_day, put_row_text, row_text, set, text};
use crate::form::rows::RemoveRow;
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::case::LearningAction;
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
    // The learning only when no review is agreed (what was typed under "no" is dropped).
    let learning = a.agreed.as_deref() == Some("no");
    let d = Decision {
        review_agreed: a.agreed.as_deref() == Some("yes"),
        comments: a.comments.clone(),
        decided_on: a.decided_on.unwrap_or(NaiveDate::MIN),
        learning_identified: if learning { a.learning_identified.clone() } else { String::new() },
        actions: if learning { a.actions.clone() } else { Vec::new() },
    };
    if a.agreed.is_none() {
        // the learning's boxes are asked for once "no" is chosen
        let errors = merge(errors, validate_decision(&Decision { review_agreed: true, ..d }, today()));
        return Err(errors);
    }
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

    let len = Memo::new(move |_| answers.with(|a| a.actions.len()));
    let action_rows = move || {
        (0..len.get())
            .map(|i| {
                let p = move |field: &str| format!("actions[{i}].{field}");
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("actions[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Action {}", i + 1)}</legend>
                        <Textarea id=p("action") label="Action" rows=2
                            value=row_text(answers, i, |a, i| a.actions.get(i).map(|x| &x.action))
                            on_input=put_row_text(answers, i, |a, i| a.actions.get_mut(i).map(|x| &mut x.action)) errors=errors />
                        <TextInput id=p("owner") label="Agency that owns it"
                            value=row_text(answers, i, |a, i| a.actions.get(i).map(|x| &x.owner))
                            on_input=put_row_text(answers, i, |a, i| a.actions.get_mut(i).map(|x| &mut x.owner)) errors=errors />
                        <DateInput id=p("due_on") legend="Due by" name="The date the action is due"
                            hint="For example, 27 3 2027"
                            value=get(answers, move |a| a.actions.get(i).and_then(|x| x.due_on))
                            on_change=set(answers, move |a, v| if let Some(x) = a.actions.get_mut(i) { x.due_on = v })
                            errors=errors problems=problems />
                        <RemoveRow id=format!("remove-action-{}", i + 1) what=format!("action {}", i + 1)
                            on_remove=Callback::new(move |_| answers.update(|a| { a.actions.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    // "Learning only": shown once "no" is chosen (a memo: rebuilt only when that changes).
    let learning_only = Memo::new(move |_| answers.with(|a| a.agreed.as_deref() == Some("no")));
    let learning = move || {
        learning_only.get().then(|| {
            view! {
                <h2 class="govuk-heading-m">"Learning only"</h2>
                <p class="govuk-body">"No review is agreed: record the learning identified and the actions that take it forward."</p>
                <Textarea id="learning_identified" label="Learning identified"
                    value=text(answers, |a| &a.learning_identified)
                    on_input=put(answers, |a| &mut a.learning_identified) errors=errors />
                {action_rows}
                <button type="button" class="govuk-button govuk-button--secondary" id="actions"
                    on:click=move |_| answers.update(|a| a.actions.push(LearningAction::default()))>
                    "Add an action"
                </button>
            }
        })
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
                            {learning}
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
