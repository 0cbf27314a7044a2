//! The strategic leads' decision on a Rapid Review: learning only (with the learning and the
//! actions that take it forward), a local CSPR, or a national review.
use super::{load_case, loaded_case, not_allowed, send_record, CaseForms};
use crate::api::CaseRecord;
use crate::clock::today;
use crate::components::{
    BackLink, DateInput, ErrorSummary, Loading, Radios, SummaryList, SummaryRow, TextInput, Textarea,
};
use crate::form::bind::{day, get, put, put_day, put_row_text, row_text, set, text};
use crate::form::rows::RemoveRow;
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::case::{check_decision, CaseAction, CaseView, LearningAction, RapidReviewOutcome};
use uuid::Uuid;

#[component]
pub fn CaseDecisionPage(id: Uuid) -> impl IntoView {
    let case = load_case(id);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    let form = RwSignal::new(CaseForms::default());
    form.update(|f| f.decision.decided_on = Some(today()));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut decision = form.with_untracked(|f| f.decision.clone());
        if decision.outcome != Some(RapidReviewOutcome::LearningOnly) {
            decision.learning_identified.clear();
            decision.actions.clear();
        }
        let Some(view) = loaded_case(case) else { return };
        if state.ready(check_decision(&decision, &view.dates(), today())) {
            send_record(state, id, CaseRecord::Decision(decision));
        }
    };
    let len = Memo::new(move |_| form.with(|f| f.decision.actions.len()));
    let action_rows = move || {
        (0..len.get())
            .map(|i| {
                let p = move |field: &str| format!("actions[{i}].{field}");
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("actions[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Action {}", i + 1)}</legend>
                        <Textarea id=p("action") label="Action" rows=2
                            value=row_text(form, i, |f, i| f.decision.actions.get(i).map(|a| &a.action))
                            on_input=put_row_text(form, i, |f, i| f.decision.actions.get_mut(i).map(|a| &mut a.action)) errors=errors />
                        <TextInput id=p("owner") label="Agency that owns it"
                            value=row_text(form, i, |f, i| f.decision.actions.get(i).map(|a| &a.owner))
                            on_input=put_row_text(form, i, |f, i| f.decision.actions.get_mut(i).map(|a| &mut a.owner)) errors=errors />
                        <DateInput id=p("due_on") legend="Due by" name="The date the action is due"
                            hint="For example, 27 3 2027"
                            value=get(form, move |f| f.decision.actions.get(i).and_then(|a| a.due_on))
                            on_change=set(form, move |f, v| if let Some(a) = f.decision.actions.get_mut(i) { a.due_on = v })
                            errors=errors problems=problems />
                        <RemoveRow id=format!("remove-action-{}", i + 1) what=format!("action {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.decision.actions.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    // A memo: the section is rebuilt only when the answer to "learning only?" changes.
    let learning_only = Memo::new(move |_| form.with(|f| f.decision.outcome == Some(RapidReviewOutcome::LearningOnly)));
    let learning = move || {
        learning_only.get().then(|| {
            view! {
                <h2 class="govuk-heading-m">"Learning"</h2>
                <Textarea id="learning_identified" label="Learning identified"
                    value=text(form, |f| &f.decision.learning_identified)
                    on_input=put(form, |f| &mut f.decision.learning_identified) errors=errors />
                {action_rows}
                <button type="button" class="govuk-button govuk-button--secondary" id="actions"
                    on:click=move |_| form.update(|f| f.decision.actions.push(LearningAction::default()))>
                    "Add an action"
                </button>
            }
        })
    };
    let outcomes = RapidReviewOutcome::ALL.into_iter().map(|o| (o.as_str(), o.label())).collect::<Vec<_>>();
    view! {
        <BackLink href=Route::Case(id).href() text="Back to the case" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Record the decision" />
                <Loading state=case render=move |case: CaseView| {
                    if let Some(no) = not_allowed(&case, CaseAction::Decide) {
                        return no;
                    }
                    let recommended = case.meeting.as_ref().map(|m| {
                        let rows = vec![
                            SummaryRow::new("Recommendation", m.recommendation.map(|r| r.label()).unwrap_or_default()),
                            SummaryRow::new("Rationale", m.rationale.clone()),
                        ];
                        view! {
                            <h2 class="govuk-heading-m">"What the Rapid Review meeting recommends"</h2>
                            <SummaryList rows=rows />
                        }
                    });
                    let outcomes = outcomes.clone();
                    view! {
                        <p class="govuk-body">{format!("Case {}", case.reference)}</p>
                        {recommended}
                        <form novalidate on:submit=on_submit>
                            <Radios id="outcome" legend="What have the strategic leads decided?" options=outcomes
                                value=get(form, |f| f.decision.outcome.map(|o| o.as_str().to_string()))
                                on_change=set(form, |f, v: String| f.decision.outcome = RapidReviewOutcome::parse(&v)) errors=errors />
                            <Textarea id="rationale" label="Rationale for the decision"
                                hint="Shared with the partners"
                                value=text(form, |f| &f.decision.rationale) on_input=put(form, |f| &mut f.decision.rationale) errors=errors />
                            <DateInput id="decided_on" legend="Date of the decision" name="The date of the decision"
                                value=day(form, |f| f.decision.decided_on) on_change=put_day(form, |f| &mut f.decision.decided_on)
                                errors=errors problems=problems />
                            {learning}
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
