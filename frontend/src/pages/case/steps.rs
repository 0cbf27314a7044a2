//! The business office's short steps: the date the notification or the report went to the
//! National Panel, and asking agencies for Additional Information (Appendix 2b).
use super::{load_case, loaded_case, not_allowed, send_record, CaseForms};
use crate::api::{self, CaseRecord};
use crate::clock::today;
use crate::components::field_errors::{group_class, ErrorMessage};
use crate::components::{share, unshare, BackLink, DateInput, ErrorSummary, Load, Loading, Shared};
use crate::form::bind::{day, put_day};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::{CaseStep, Route};
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::agency::AgencyView;
use shared::case::{check_send_requests, check_sent_on_entered, CaseAction, CaseView, SentOn};
use shared::FieldError;
use uuid::Uuid;

/// The date the notification (or the report) was sent to the National Panel.
#[component]
pub fn SentOnPage(id: Uuid, step: CaseStep) -> impl IntoView {
    let (title, action, thing) = match step {
        CaseStep::ReportSent => ("Record the Rapid Review report sent", CaseAction::RecordReportSent, "the report"),
        CaseStep::FinalReportSent => {
            ("Record the final report sent", CaseAction::RecordFinalReportSent, "the final report")
        }
        _ => ("Record the notification sent", CaseAction::RecordNotificationSent, "the notification"),
    };
    let what = format!("The date {thing} was sent");
    let state = load_case(id);
    let form = FormState::new();
    // (a `SendRequests` for its date: a signal type the app has already)
    let sent_on = RwSignal::new(CaseForms::default());
    sent_on.update(|f| f.requests.sent_on = Some(today()));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(case) = loaded_case(state) else { return };
        let entered = sent_on.with_untracked(|f| f.requests.sent_on);
        if !form.ready(check_sent_on_entered(entered, &case.dates(), today(), thing)) {
            return;
        }
        let body = SentOn { sent_on: sent_on.with_untracked(|f| f.requests.sent_on).unwrap_or(NaiveDate::MIN) };
        let record = match step {
            CaseStep::ReportSent => CaseRecord::ReportSent(body),
            CaseStep::FinalReportSent => CaseRecord::FinalReportSent(body),
            _ => CaseRecord::NotificationSent(body),
        };
        send_record(form, id, record);
    };
    view! {
        <BackLink href=Route::Case(id).href() text="Back to the case" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=form.failure />
                <PageHeading text=title />
                <Loading state=state render=move |case: CaseView| {
                    if let Some(no) = not_allowed(&case, action) {
                        return no;
                    }
                    view! {
                        <p class="govuk-body">{format!("Case {}", case.reference)}</p>
                        <form novalidate on:submit=on_submit>
                            <DateInput id="sent_on" legend="Date sent to the National Panel" name=what.clone()
                                value=day(sent_on, |r| r.requests.sent_on) on_change=put_day(sent_on, |r| &mut r.requests.sent_on)
                                errors=form.errors problems=form.problems />
                            <button type="submit" class="govuk-button" id="save-sent-on" disabled=move || form.sending.get()>
                                "Save"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}

/// Asks agencies for Additional Information: the agencies not yet asked, and the date sent.
#[component]
pub fn SendRequestsPage(id: Uuid) -> impl IntoView {
    let state = load_case(id);
    let form = FormState::new();
    let agencies = RwSignal::new(Load::<Shared>::Loading);
    let session = form.session;
    spawn_local(async move {
        agencies.set(match api::agencies(session).await {
            Ok(list) => Load::Loaded(share(list)),
            Err(why) => Load::Failed(why),
        });
    });
    let request = RwSignal::new(CaseForms::default());
    request.update(|f| f.requests.sent_on = Some(today()));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = request.with_untracked(|f| f.requests.clone());
        let Some(case) = loaded_case(state) else { return };
        let asked: Vec<Uuid> = case.requests.iter().map(|r| r.agency_id).collect();
        let known: Vec<Uuid> = match agencies.get_untracked() {
            Load::Loaded(data) => unshare::<Vec<AgencyView>>(&data).unwrap_or_default().iter().map(|a| a.id).collect(),
            _ => return,
        };
        let mut found = check_send_requests(&body, &asked, &known, today());
        if body.sent_on.is_none() {
            found.push(FieldError::new("sent_on", "required", "Enter the date the request was sent"));
        }
        if form.ready(found) {
            send_record(form, id, CaseRecord::Requests(body));
        }
    };
    let error = Memo::new(move |_| form.errors.message("agency_ids"));
    view! {
        <BackLink href=Route::Case(id).href() text="Back to the case" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=form.failure />
                <PageHeading text="Ask agencies for information" />
                <Loading state=state render=move |case: CaseView| {
                    if let Some(no) = not_allowed(&case, CaseAction::SendRequests) {
                        return no;
                    }
                    let asked: Vec<Uuid> = case.requests.iter().map(|r| r.agency_id).collect();
                    let boxes = move |list: Vec<AgencyView>| {
                        let open: Vec<AgencyView> = list.into_iter().filter(|a| a.active && !asked.contains(&a.id)).collect();
                        if open.is_empty() {
                            view! { <p class="govuk-body" id="agency_ids">"Every agency has been asked."</p> }.into_any()
                        } else {
                        open.into_iter()
                            .enumerate()
                            .map(|(i, a)| {
                                let input_id = if i == 0 { "agency_ids".to_string() } else { format!("agency_ids-{}", i + 1) };
                                let agency = a.id;
                                view! {
                                    <div class="govuk-checkboxes__item">
                                        <input class="govuk-checkboxes__input" id=input_id.clone() name="agency_ids" type="checkbox"
                                            value=agency.to_string() data-agency=a.name.clone()
                                            prop:checked=move || request.with(|r| r.requests.agency_ids.contains(&agency))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                request.update(|r| {
                                                    r.requests.agency_ids.retain(|x| *x != agency);
                                                    if on {
                                                        r.requests.agency_ids.push(agency);
                                                    }
                                                });
                                            } />
                                        <label class="govuk-label govuk-checkboxes__label" for=input_id>{a.name}</label>
                                    </div>
                                }
                            })
                            .collect_view()
                            .into_any()
                        }
                    };
                    view! {
                        <p class="govuk-body">{format!("Case {}. Each agency asked has 7 working days from the date sent to answer.", case.reference)}</p>
                        <form novalidate on:submit=on_submit>
                            <div class=move || group_class(error.with(Option::is_some))>
                                <fieldset class="govuk-fieldset" aria-describedby=move || error.with(Option::is_some).then_some("agency_ids-error")>
                                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Which agencies are asked?"</legend>
                                    {move || error.get().map(|m| view! { <ErrorMessage id="agency_ids".to_string() message=m /> })}
                                    <div class="govuk-checkboxes govuk-checkboxes--small">
                                        <Loading state=agencies render=boxes />
                                    </div>
                                </fieldset>
                            </div>
                            <DateInput id="sent_on" legend="Date sent" name="The date the request was sent"
                                value=day(request, |r| r.requests.sent_on) on_change=put_day(request, |r| &mut r.requests.sent_on)
                                errors=form.errors problems=form.problems />
                            <button type="submit" class="govuk-button" id="send-requests" disabled=move || form.sending.get()>
                                "Send the requests"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
