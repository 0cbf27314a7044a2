//! An agency's answer to an information request (Appendix 2b): who completes it, what the
//! agency knows of the family, the background, its involvement, the learning, the actions
//! taken and good practice. Saved as a draft, then submitted; the case's readers see it read
//! only.
use crate::api;
use crate::components::{
    share, BackLink, ClockTag, ErrorSummary, Load, Loading, Shared, SummaryList, SummaryRow, TextInput, Textarea,
};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::case::CaseForms;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::journey::days_left_text;
use shared::case::reads_only_requests;
use shared::case::{validate_information, AdditionalInformation, InformationRequestView, RequestStatus};
use shared::referral::journey::long_date;
use uuid::Uuid;

fn answer_rows(a: &AdditionalInformation) -> Vec<SummaryRow> {
    let p = &a.completed_by;
    vec![
        SummaryRow::new("Completed by", format!("{}, {} ({})\n{}", p.name, p.designation, p.agency, p.contact_details)),
        SummaryRow::new("Family members known to the agency", a.family_known.clone()),
        SummaryRow::new("Background to the incident", a.background.clone()),
        SummaryRow::new("The agency's involvement", a.involvement.clone()),
        SummaryRow::new("Areas of learning", a.areas_of_learning.clone()),
        SummaryRow::new("Actions taken as a result of learning", a.themes.actions_taken.clone()),
        SummaryRow::new("Good practice", a.themes.good_practice.clone()),
    ]
}

#[component]
pub fn ResponsePage(id: Uuid) -> impl IntoView {
    let form = FormState::new();
    let session = form.session;
    let me = session.me();
    let roles = me.as_ref().map(|m| m.roles.clone()).unwrap_or_default();
    let answer = RwSignal::new(CaseForms::default());
    let state = RwSignal::new(Load::<Shared>::Loading);
    // The version the boxes were filled from: a save based on it is refused when someone
    // saved since (the boxes keep what was typed).
    let version = RwSignal::new(0);
    spawn_local(async move {
        match api::information_request(session, id).await {
            Ok(view) => {
                version.set(view.version);
                let mut a = view.response.clone().unwrap_or_default();
                if a.completed_by.name.is_empty() && a.completed_by.agency.is_empty() {
                    if let Some(me) = &me {
                        a.completed_by.name = me.user.name.clone();
                        a.completed_by.agency = view.agency_name.clone();
                    }
                }
                answer.update(|f| f.answer = a);
                state.set(Load::Loaded(share(view)));
            }
            Err(why) => state.set(Load::Failed(why)),
        }
    });
    let saved = RwSignal::new(None::<String>);

    // Saves the draft; then, when `submit`, submits it.
    let send = move |submit: bool| {
        let body = answer.with_untracked(|f| f.answer.clone());
        if !form.ready(validate_information(&body, submit)) {
            return;
        }
        saved.set(None);
        let read_at = version.get_untracked();
        let request = async move {
            let view = api::save_information(session, id, &body, read_at).await?;
            version.set(view.version);
            if submit {
                return api::submit_information(session, id).await;
            }
            Ok(view)
        };
        form.send(request, move |view| {
            let said = if submit { "Your answer has been submitted." } else { "Your draft has been saved." };
            saved.set(Some(said.to_string()));
            version.set(view.version);
            state.set(Load::Loaded(share(view)));
        });
    };

    let back = if reads_only_requests(&roles) {
        (Route::Requests.href(), "Back to information requests")
    } else {
        (Route::Cases.href(), "Back to cases")
    };
    let errors = form.errors;
    let render = move |view: InformationRequestView| {
        let mut about = vec![
            SummaryRow::new("Case", view.case_reference.clone()),
            SummaryRow::new("Agency asked", view.agency_name.clone()),
            SummaryRow::new("Sent", long_date(view.sent_on)),
            SummaryRow::new(
                "Due",
                format!("{} ({})", long_date(view.due_on), days_left_text(view.clock_status, view.working_days_left)),
            ),
        ];
        if let Some(n) = &view.notification {
            about.push(SummaryRow::new("Date of the incident", n.incident_date.map(long_date).unwrap_or_default()));
            about.push(SummaryRow::new("Place of the incident", n.incident_place.clone()));
            about.push(SummaryRow::new(
                "Children",
                n.children
                    .iter()
                    .map(|c| format!("{} (born {})", c.name, c.date_of_birth.map(long_date).unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ));
        }
        let status = view.clock_status;
        let body = if view.can_answer && view.status != RequestStatus::Submitted {
            view! {
                <form novalidate on:submit=move |ev| { ev.prevent_default(); send(true); }>
                    <h2 class="govuk-heading-m">"Who is completing this"</h2>
                    <TextInput id="completed_by.name" label="Full name" autocomplete="name"
                        value=text(answer, |a| &a.answer.completed_by.name) on_input=put(answer, |a| &mut a.answer.completed_by.name) errors=errors />
                    <TextInput id="completed_by.agency" label="Agency" autocomplete="organization"
                        value=text(answer, |a| &a.answer.completed_by.agency) on_input=put(answer, |a| &mut a.answer.completed_by.agency) errors=errors />
                    <TextInput id="completed_by.designation" label="Designation" hint="Job title or role" autocomplete="organization-title"
                        value=text(answer, |a| &a.answer.completed_by.designation) on_input=put(answer, |a| &mut a.answer.completed_by.designation) errors=errors />
                    <Textarea id="completed_by.contact_details" label="Contact details" hint="Address, telephone number and email address" rows=3
                        value=text(answer, |a| &a.answer.completed_by.contact_details) on_input=put(answer, |a| &mut a.answer.completed_by.contact_details) errors=errors />
                    <h2 class="govuk-heading-m">"What your agency knows"</h2>
                    <Textarea id="family_known" label="Family members known to your agency (optional)"
                        hint="Names, dates of birth, addresses and relationship to the child"
                        value=text(answer, |a| &a.answer.family_known) on_input=put(answer, |a| &mut a.answer.family_known) errors=errors />
                    <Textarea id="background" label="Background to the incident"
                        value=text(answer, |a| &a.answer.background) on_input=put(answer, |a| &mut a.answer.background) errors=errors />
                    <Textarea id="involvement" label="Your agency's involvement with the child and family"
                        value=text(answer, |a| &a.answer.involvement) on_input=put(answer, |a| &mut a.answer.involvement) errors=errors />
                    <Textarea id="areas_of_learning" label="Areas of learning"
                        value=text(answer, |a| &a.answer.areas_of_learning) on_input=put(answer, |a| &mut a.answer.areas_of_learning) errors=errors />
                    <Textarea id="themes.actions_taken" label="Actions taken as a result of learning"
                        value=text(answer, |a| &a.answer.themes.actions_taken) on_input=put(answer, |a| &mut a.answer.themes.actions_taken) errors=errors />
                    <Textarea id="themes.good_practice" label="Good practice"
                        value=text(answer, |a| &a.answer.themes.good_practice) on_input=put(answer, |a| &mut a.answer.themes.good_practice) errors=errors />
                    <div class="govuk-button-group">
                        <button type="submit" class="govuk-button" id="submit-information" disabled=move || form.sending.get()>
                            "Submit the information"
                        </button>
                        <button type="button" class="govuk-button govuk-button--secondary" id="save-draft"
                            disabled=move || form.sending.get() on:click=move |_| send(false)>
                            "Save as draft"
                        </button>
                    </div>
                </form>
            }
            .into_any()
        } else {
            let answered = match (view.status, view.submitted_on) {
                (RequestStatus::Submitted, Some(on)) => format!("Submitted on {}", long_date(on)),
                _ => "Not submitted yet".to_string(),
            };
            let rows = view.response.as_ref().map(answer_rows);
            view! {
                <p class="govuk-body" id="answer-status">{answered}</p>
                {rows.map(|rows| view! { <SummaryList rows=rows id="answer".to_string() /> })}
            }
            .into_any()
        };
        view! {
            <p class="govuk-body" id="request-clock"><ClockTag status=status /></p>
            <SummaryList rows=about id="request".to_string() />
            {body}
        }
        .into_any()
    };

    view! {
        <BackLink href=back.0 text=back.1 />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=form.failure />
                {move || saved.get().map(|m| view! {
                    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" id="saved"
                        aria-labelledby="saved-title">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="saved-title">"Success"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">{m}</p>
                        </div>
                    </div>
                })}
                <PageHeading text="Additional information for a Rapid Review" caption="Appendix 2b".to_string() />
                <Loading state=state render=render />
            </div>
        </div>
    }
}
