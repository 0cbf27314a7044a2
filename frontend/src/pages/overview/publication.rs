//! After sign-off (the business office): the signed-off version sent to the National Panel
//! (the review's 6-month clock stops), the Panel's acknowledgement or feedback, and the
//! publication plan: each step a clock on the publication date, all checked before
//! publication is recorded. A parallel process that holds publication blocks the date.
use super::{long, Done, Steps};
use crate::api::OverviewStep;
use crate::clock::today;
use crate::components::{BackLink, ClockTag, DateInput, ErrorSummary, Loading, TextInput, Textarea};
use crate::form::bind::{day, put, put_day, text};
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::overview::{
    check_plan, check_response, check_submission, OverviewAction, OverviewView, PanelResponse, PublicationPlan,
    SubmitForm,
};
use uuid::Uuid;

/// The page's boxes.
#[derive(Debug, Clone, Default)]
pub struct PublicationForms {
    pub sent_on: Option<chrono::NaiveDate>,
    pub response: PanelResponse,
    pub plan: PublicationPlan,
}

#[component]
pub fn PublicationPage(id: Uuid) -> impl IntoView {
    let steps = Steps::new(id);
    let state = steps.state;
    let forms = RwSignal::new(PublicationForms::default());
    let filled = RwSignal::new(false);
    view! {
        <BackLink href=Route::Overview(id).href() text="Back to the report" />
        <ErrorSummary failure=state.failure />
        <Done done=steps.done />
        <Loading state=steps.report render=move |v: OverviewView| {
            if !filled.get_untracked() {
                filled.set(true);
                forms.update(|f| {
                    f.plan = v.plan.clone();
                    if f.plan.publication_time.is_empty() {
                        f.plan.publication_time = "10:00".into();
                    }
                    f.response = v.panel_response.clone().unwrap_or_default();
                });
            }
            let can = |a: OverviewAction| v.allowed_actions.contains(&a);
            let (errors, problems) = (state.errors, state.problems);
            let signed = v.signed_off_version;
            let sent = v.submission.as_ref().map(|s| s.sent_on);
            let saved_on = v.latest.as_ref().map(|l| l.saved_on);
            let submit = can(OverviewAction::SubmitToPanel).then(|| {
                let on_submit = move |ev: SubmitEvent| {
                    ev.prevent_default();
                    let form = SubmitForm { version: signed.unwrap_or_default(), sent_on: forms.with_untracked(|f| f.sent_on) };
                    if state.ready(check_submission(&form, saved_on, today())) {
                        steps.take(OverviewStep::Submit(form), "The report is recorded as sent to the National Panel.", || ());
                    }
                };
                view! {
                    <form novalidate on:submit=on_submit id="submit-form">
                        <h2 class="govuk-heading-m">{format!("Send version {} to the National Panel", signed.unwrap_or_default())}</h2>
                        <DateInput id="sent_on" legend="The day it was sent" name="The day it was sent"
                            value=day(forms, |f| f.sent_on) on_change=put_day(forms, |f| &mut f.sent_on) errors=errors problems=problems />
                        <button type="submit" class="govuk-button" id="record-sent" disabled=move || state.sending.get()>"Record it as sent"</button>
                    </form>
                }
            });
            let submission = v.submission.as_ref().map(|s| view! {
                <p class="govuk-body" id="submission">{format!("Version {} went to the National Panel on {} (recorded by {}). The review's 6-month clock stopped.", s.version, long(s.sent_on), s.recorded_by)}</p>
            });
            let response = can(OverviewAction::RecordPanelResponse).then(|| {
                let on_response = move |ev: SubmitEvent| {
                    ev.prevent_default();
                    let r = forms.with_untracked(|f| f.response.clone());
                    if state.ready(check_response(&r, sent.unwrap_or_else(today), today())) {
                        steps.take(OverviewStep::Response(r), "The Panel's response is recorded.", || ());
                    }
                };
                view! {
                    <form novalidate on:submit=on_response id="response-form">
                        <h2 class="govuk-heading-m">"The National Panel's response"</h2>
                        <DateInput id="acknowledged_on" legend="The day the Panel answered" name="The day the Panel answered"
                            value=day(forms, |f| f.response.acknowledged_on) on_change=put_day(forms, |f| &mut f.response.acknowledged_on) errors=errors problems=problems />
                        <Textarea id="feedback" label="Its feedback (guidance only)" rows=4
                            value=text(forms, |f| &f.response.feedback) on_input=put(forms, |f| &mut f.response.feedback) errors=errors />
                        <button type="submit" class="govuk-button govuk-button--secondary" id="record-response" disabled=move || state.sending.get()>"Save the response"</button>
                    </form>
                }
            });
            let hold = v.publication_hold.then(|| view! {
                <div class="govuk-warning-text" id="publication-hold">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>
                        "A parallel process holds publication: no publication date can be set while it is active."</strong>
                </div>
            });
            let plan = can(OverviewAction::PlanPublication).then(|| {
                let on_plan = move |ev: SubmitEvent| {
                    ev.prevent_default();
                    let p = forms.with_untracked(|f| f.plan.clone());
                    if state.ready(check_plan(&p, sent, today())) {
                        steps.take(OverviewStep::Plan(p), "The publication plan is saved.", || ());
                    }
                };
                macro_rules! date {
                    ($field:ident, $legend:expr) => {
                        view! { <DateInput id=stringify!($field) legend=$legend name=$legend
                            value=day(forms, |f| f.plan.$field) on_change=put_day(forms, |f| &mut f.plan.$field) errors=errors problems=problems /> }
                    };
                }
                view! {
                    <form novalidate on:submit=on_plan id="plan-form">
                        <h2 class="govuk-heading-m">"Publication plan"</h2>
                        {date!(publication_on, "Publication date")}
                        <TextInput id="publication_time" label="Publication time" hint="Usually about 10:00" width="govuk-input--width-5"
                            value=text(forms, |f| &f.plan.publication_time) on_input=put(forms, |f| &mut f.plan.publication_time) errors=errors />
                        {date!(final_to_panel_on, "Final report to the National Panel (at least 14 days before)")}
                        {date!(members_briefed_on, "Elected members briefed")}
                        {date!(press_statement_on, "Press statement circulated (about 2 days before)")}
                        {date!(family_told_on, "Family told the findings")}
                        {date!(published_on, "Published on")}
                        {date!(debrief_involved_on, "De-brief for practitioners involved")}
                        {date!(debrief_open_on, "Open de-brief for practitioners")}
                        <button type="submit" class="govuk-button" id="save-plan" disabled=move || state.sending.get()>"Save the plan"</button>
                    </form>
                }
            });
            let clocks = v.plan_clocks.iter().map(|c| view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{c.label.clone()}</td>
                    <td class="govuk-table__cell">{long(c.due_on)}</td>
                    <td class="govuk-table__cell">{c.done_on.map(long).unwrap_or_else(|| "Not yet".into())}</td>
                    <td class="govuk-table__cell"><ClockTag status=c.status /></td>
                </tr>
            }).collect_view();
            view! {
                <PageHeading text="Submission and publication" caption=format!("Case {}", v.reference) />
                {submission}
                {submit}
                {v.panel_response.as_ref().and_then(|r| r.acknowledged_on.map(|d| view! {
                    <p class="govuk-body" id="panel-response">{format!("The Panel answered on {}: {}", long(d), r.feedback)}</p>
                }))}
                {response}
                {hold}
                {(!v.plan_clocks.is_empty()).then(|| view! {
                    <table class="govuk-table" id="plan-clocks">
                        <caption class="govuk-table__caption govuk-table__caption--m">"The plan's steps"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Step"</th>
                            <th scope="col" class="govuk-table__header">"Due"</th>
                            <th scope="col" class="govuk-table__header">"Done"</th>
                            <th scope="col" class="govuk-table__header">"Status"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">{clocks}</tbody>
                    </table>
                })}
                {plan}
            }
        } />
    }
}
