//! A case's own page: its stage, the notification, every clock with its status, the timeline
//! picture, the agencies' requests (with reminders for the late), the meeting and the
//! decision; and only the actions the person may take now (`allowed_actions`).
use super::clocks::{ClockRow, ClocksTable};
use super::timeline::Timeline;
use super::{load_case, send_record};
use crate::api::CaseRecord;
use crate::components::{BackLink, CaseStageTag, ClockTag, ErrorSummary, Loading, SummaryList, SummaryRow};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::{CaseStep, Route};
use leptos::prelude::*;
use shared::case::journey::{clock_title, request_status_label};
use shared::case::timeline::clock_agency;
use shared::case::{CaseAction, CaseView, RequestStatus};
use shared::referral::journey::long_date;
use uuid::Uuid;

#[component]
pub fn CasePage(id: Uuid) -> impl IntoView {
    let state = load_case(id);
    let form = FormState::new();
    view! {
        <BackLink href=Route::Cases.href() text="Back to cases" />
        <ErrorSummary failure=form.failure />
        <Loading state=state render=move |case: CaseView| details(case, form) />
    }
}

fn action_link(id: Uuid, action: CaseAction) -> Option<AnyView> {
    let (step, label) = match action {
        CaseAction::RecordNotificationSent => (CaseStep::NotificationSent, "Record the notification sent"),
        CaseAction::SendRequests => (CaseStep::SendRequests, "Ask agencies for information"),
        CaseAction::RecordMeeting => (CaseStep::Meeting, "Record the Rapid Review meeting"),
        CaseAction::Decide => (CaseStep::Decision, "Record the decision"),
        CaseAction::RecordReportSent => (CaseStep::ReportSent, "Record the report sent"),
        CaseAction::AddObservation => (CaseStep::Observation, "Add your observations"),
        CaseAction::ExtendReview => (CaseStep::Extension, "Extend the review"),
        CaseAction::RecordFinalReportSent => (CaseStep::FinalReportSent, "Record the final report sent"),
        CaseAction::Remind => return None,
    };
    let primary = matches!(action, CaseAction::RecordMeeting | CaseAction::Decide);
    let class = if primary { "govuk-button" } else { "govuk-button govuk-button--secondary" };
    Some(
        view! {
            <a href=Route::CaseStep(id, step).href() draggable="false" class=class id=format!("action-{}", action.as_str())>
                {label}
            </a>
        }
        .into_any(),
    )
}

fn or_not_yet(date: Option<chrono::NaiveDate>) -> String {
    date.map(long_date).unwrap_or_else(|| "Not yet".to_string())
}

fn details(case: CaseView, form: FormState) -> AnyView {
    let briefings = crate::pages::learning::case_learning::load_briefings(form.session, case.id);
    let id = case.id;
    let n = &case.notification;
    let children = n.children.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join("\n");
    let overview = vec![
        SummaryRow::new("Stage", case.stage.label()),
        SummaryRow::new("Date of the incident", n.incident_date.map(long_date).unwrap_or_default()),
        SummaryRow::new("Place of the incident", n.incident_place.clone()),
        SummaryRow::new("Local authority aware", n.la_aware_on.map(long_date).unwrap_or_default()),
        SummaryRow::new(if n.children.len() == 1 { "Child" } else { "Children" }, children),
        SummaryRow::new(
            "Notified by",
            format!("{}, {} ({})", n.notifier.name, n.notifier.designation, n.notifier.agency),
        ),
        SummaryRow::new("Notification sent to the National Panel", or_not_yet(case.notification_sent_on)),
        SummaryRow::new("Rapid Review report sent to the National Panel", or_not_yet(case.report_sent_on)),
        SummaryRow::new("Criteria", criteria_text(n.criteria.abuse_or_neglect, n.criteria.died_or_seriously_harmed)),
        SummaryRow::new("Decided to notify", format!("{}, {}", n.decided_by.name, n.decided_by.designation)),
    ];
    let clock_rows = case
        .clocks
        .iter()
        .map(|c| ClockRow {
            case: None,
            stage: None,
            title: clock_title(c.kind, clock_agency(&case, c)),
            due: c.due_on,
            met: c.met_on,
            status: c.status,
            left: c.working_days_left,
            warning: c.warnings.first().map(|w| w.message.clone()),
            rule: Some(clock_rule_text(c)),
        })
        .collect::<Vec<_>>();
    let clocks = if clock_rows.is_empty() {
        view! { <p class="govuk-body">"No deadlines yet."</p> }.into_any()
    } else {
        view! { <ClocksTable id="clocks" caption="Deadlines" rows=clock_rows /> }.into_any()
    };
    let actions = case.allowed_actions.iter().filter_map(|a| action_link(id, *a)).collect::<Vec<_>>();
    let actions = (!actions.is_empty()).then(|| view! { <div class="govuk-button-group" id="actions">{actions}</div> });
    // a local CSPR has pages of its own
    let review = (case.stage == shared::case::CaseStage::LocalCspr).then(|| {
        view! {
            <p class="govuk-body">
                <a class="govuk-link govuk-!-font-weight-bold" href=crate::router::Route::Review(id).href() id="open-review">
                    "Open the local CSPR: lead reviewer, review group, terms of reference, agency reports and the merged chronology"
                </a>
            </p>
        }
    });
    let may_remind = case.allowed_actions.contains(&CaseAction::Remind);
    let requests = requests_table(&case, may_remind, form);
    let meeting = case.meeting.clone().map(|m| {
        let members = m
            .members
            .iter()
            .map(|x| {
                let agency = if x.agency.trim().is_empty() { String::new() } else { format!(", {}", x.agency) };
                format!("{}, {}{agency} ({})", x.name, x.designation, x.role.label())
            })
            .collect::<Vec<_>>()
            .join("\n");
        let rows = vec![
            SummaryRow::new("Date of the meeting", m.held_on.map(long_date).unwrap_or_default()),
            SummaryRow::new("Members", members),
            SummaryRow::new("Facts of the case", m.facts),
            SummaryRow::new("Immediate safety actions", m.immediate_safety_actions),
            SummaryRow::new("Immediate learning", m.immediate_learning),
            SummaryRow::new("Possible improvements", m.possible_improvements),
            SummaryRow::new("Recommendation", m.recommendation.map(|r| r.label()).unwrap_or_default()),
            SummaryRow::new("Rationale", m.rationale),
        ];
        view! {
            <h2 class="govuk-heading-m" id="meeting-heading">"Rapid Review meeting"</h2>
            <SummaryList rows=rows id="meeting".to_string() />
        }
    });
    let decision = case.decision.clone().map(|d| {
        let mut rows = vec![
            SummaryRow::new("Decision", d.outcome.map(|o| o.label()).unwrap_or_default()),
            SummaryRow::new("Rationale", d.rationale),
            SummaryRow::new("Date of the decision", d.decided_on.map(long_date).unwrap_or_default()),
        ];
        if !d.learning_identified.trim().is_empty() {
            rows.push(SummaryRow::new("Learning identified", d.learning_identified));
            let actions = d
                .actions
                .iter()
                .map(|a| format!("{} ({}, due {})", a.action, a.owner, a.due_on.map(long_date).unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n");
            rows.push(SummaryRow::new("Actions", actions));
        }
        view! {
            <h2 class="govuk-heading-m" id="decision-heading">"Strategic leads' decision"</h2>
            <SummaryList rows=rows id="decision".to_string() />
        }
    });
    let observations = (!case.observations.is_empty()).then(|| {
        let rows = case
            .observations
            .iter()
            .map(|o| SummaryRow::new(format!("{}, {}", o.by, long_date(o.on)), o.text.clone()))
            .collect::<Vec<_>>();
        view! {
            <h2 class="govuk-heading-m" id="observations-heading">"Independent Scrutineer's observations"</h2>
            <SummaryList rows=rows id="observations".to_string() />
        }
    });
    let final_report = case.final_report_sent_on.map(|on| {
        view! {
            <p class="govuk-body" id="final-report">{format!("Final report sent to the National Panel on {}.", long_date(on))}</p>
        }
    });
    view! {
        <PageHeading text=format!("Case {}", case.reference) caption="Serious incident".to_string() />
        <p class="govuk-body" id="case-stage"><CaseStageTag stage=case.stage /></p>
        {case.notification.referral_id.map(|r| view! {
            <p class="govuk-body" id="case-from-referral">
                "Opened from "
                <a class="govuk-link" id="from-referral-link" href=crate::router::Route::Referral(r).href()>
                    {format!("referral {}", crate::pages::home::reference(r))}
                </a>
            </p>
        })}
        {actions}
        {review}
        <Timeline case=case.clone() briefings=briefings />
        <crate::pages::learning::case_learning::CaseLearning case=case.clone() briefings=briefings />
        <h2 class="govuk-heading-m" id="clocks-heading">"Deadlines"</h2>
        {clocks}
        <h2 class="govuk-heading-m">"The notification"</h2>
        <SummaryList rows=overview id="overview".to_string() />
        {requests}
        {meeting}
        {observations}
        {decision}
        {final_report}
    }
    .into_any()
}

/// Both criteria, or which is missing (a notification has both).
fn criteria_text(abuse_or_neglect: bool, harm: bool) -> String {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    format!(
        "Abuse or neglect known or suspected: {}. Died or seriously harmed: {}.",
        yes_no(abuse_or_neglect),
        yes_no(harm)
    )
}

/// The rule a clock was started under, with its source and any extension.
fn clock_rule_text(c: &shared::calendar::ClockView) -> String {
    let mut text = format!("Rule: {} ({})", c.rule_description, c.rule.source);
    for e in &c.extensions {
        let advised = match (e.panel_advised, e.panel_advised_on) {
            (true, Some(on)) => format!("National Panel advised {}", long_date(on)),
            _ => "National Panel not advised".to_string(),
        };
        text.push_str(&format!(
            ". Extended on {} from {} to {}: {}; {}",
            long_date(e.recorded_on),
            long_date(e.previous_due_on),
            long_date(e.due_on),
            e.reason,
            advised
        ));
    }
    text
}

fn requests_table(case: &CaseView, may_remind: bool, form: FormState) -> AnyView {
    let id = case.id;
    if case.requests.is_empty() {
        return view! {
            <h2 class="govuk-heading-m">"Information from agencies"</h2>
            <p class="govuk-body" id="no-requests">"No agency has been asked for information yet."</p>
        }
        .into_any();
    }
    let rows = case
        .requests
        .iter()
        .map(|r| {
            let request = r.id;
            let agency = r.agency_name.clone();
            let remind = (may_remind && r.status != RequestStatus::Submitted).then(|| {
                let what = agency.clone();
                view! {
                    <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        id=format!("remind-{request}") disabled=move || form.sending.get()
                        on:click=move |_| {
                            // Recorded, then the case's page again (loaded afresh).
                            if form.ready(Vec::new()) {
                                send_record(form, id, CaseRecord::Reminder(request));
                            }
                        }>
                        "Send a reminder"<span class="govuk-visually-hidden">{format!(" to {what}")}</span>
                    </button>
                }
            });
            let reminded = match (r.reminders, r.last_reminded_on) {
                (0, _) => "None".to_string(),
                (n, Some(on)) => format!("{n}, last on {}", long_date(on)),
                (n, None) => n.to_string(),
            };
            let answered = r.submitted_on.map(long_date).unwrap_or_else(|| request_status_label(r.status).to_string());
            view! {
                <tr class="govuk-table__row" data-agency=agency.clone()>
                    <th scope="row" class="govuk-table__header">
                        <a class="govuk-link" href=Route::Request(request).href()>{agency.clone()}</a>
                    </th>
                    <td class="govuk-table__cell">{long_date(r.sent_on)}</td>
                    <td class="govuk-table__cell">{long_date(r.due_on)}</td>
                    <td class="govuk-table__cell">{answered}</td>
                    <td class="govuk-table__cell"><ClockTag status=r.clock_status /></td>
                    <td class="govuk-table__cell">{reminded}</td>
                    <td class="govuk-table__cell app-table-actions">{remind}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table" id="requests">
            <caption class="govuk-table__caption govuk-table__caption--m">"Information from agencies"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Agency"</th>
                    <th scope="col" class="govuk-table__header">"Sent"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Answered"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    <th scope="col" class="govuk-table__header">"Reminders"</th>
                    <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}
