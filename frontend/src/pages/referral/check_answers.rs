//! "Check your answers", then send the referral to a senior manager of the referrer's agency
//! for sign-off. The whole form is checked in the browser with the server's own rules first;
//! what is missing is listed in the error summary, each entry linking to its box on its
//! section's page. A 422 from the server is shown the same way.
use super::answers::Answers;
use super::load::{caption, load_referral};
use crate::api;
use crate::clock::today;
use crate::components::field_errors::{described_by, group_class, ErrorMessage};
use crate::components::{BackLink, ErrorSummary, FieldErrors, Loading};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::referral::journey::Section;
use shared::referral::{validate_for_submission, ReferralAction, ReferralView, SignOffManager, SignOffRequest};
use shared::FieldError;
use uuid::Uuid;

/// Where the error summary sends a person for a field: its section's page, at the field
/// (the manager's choice is on this page).
pub fn field_href(id: Uuid, field: &str) -> String {
    match Section::of_field(field) {
        _ if field == "manager_id" => format!("#{field}"),
        Some(section) => format!("{}#{field}", Route::Section(id, section).href()),
        None => format!("{}#{field}", Route::Tasks(id).href()),
    }
}

#[component]
pub fn CheckAnswers(id: Uuid) -> impl IntoView {
    let state = FormState::new();
    let loaded = load_referral(id, |_| {});
    let managers = RwSignal::new(None::<Vec<SignOffManager>>);
    let chosen = RwSignal::new(None::<Uuid>);
    let session = state.session;
    spawn_local(async move {
        // The form still shows when the list cannot be read: the server names the problem.
        managers.set(Some(api::sign_off_managers(session).await.unwrap_or_default()));
    });

    let send = move |_| {
        let form = match loaded.get_untracked() {
            crate::components::Load::Loaded(data) => match crate::components::unshare::<ReferralView>(&data) {
                Some(view) => view.form,
                None => return,
            },
            _ => return,
        };
        let mut errors = validate_for_submission(&form, today());
        let manager = chosen.get_untracked();
        if manager.is_none() {
            errors.push(FieldError::new("manager_id", "required", "Choose the manager who will sign off the referral"));
        }
        if !state.ready(errors) {
            return;
        }
        let Some(manager_id) = manager else { return };
        let (session, router) = (state.session, state.router);
        let request = async move { api::send_for_sign_off(session, id, &SignOffRequest { manager_id }).await };
        state.send(request, move |_| router.go(Route::Referral(id)));
    };

    view! {
        <BackLink href=Route::Tasks(id).href() text="Back to the task list" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure href_for=Callback::new(move |field: String| field_href(id, &field)) />
                <PageHeading text="Check your answers before sending your referral for sign-off" caption=caption(id) />
                <Loading state=loaded render=move |view: ReferralView| {
                    if !view.allowed_actions.contains(&ReferralAction::SendForSignOff) {
                        return view! {
                            <p class="govuk-body" id="not-editable">"This referral cannot be sent now."</p>
                            <p class="govuk-body"><a class="govuk-link" href=Route::Referral(id).href()>"View the referral"</a></p>
                        }
                        .into_any();
                    }
                    view! {
                        <Answers form=view.form.clone() change=id />
                        <h2 class="govuk-heading-m">"Now send your referral for sign-off"</h2>
                        <p class="govuk-body">
                            "Your agency's senior manager for safeguarding signs the referral off before it goes to the business office. They can agree with it, or return it to you with what to change."
                        </p>
                        {move || managers.get().map(|list| manager_choice(list, chosen, state.errors))}
                        <button type="button" class="govuk-button" id="send-for-sign-off" disabled=move || state.sending.get() on:click=send>
                            "Send for sign-off"
                        </button>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}

/// The managers of the referrer's agency as radios (GOV.UK pattern), by name.
fn manager_choice(list: Vec<SignOffManager>, chosen: RwSignal<Option<Uuid>>, errors: FieldErrors) -> AnyView {
    const ID: &str = "manager_id";
    if list.is_empty() {
        return view! {
            <div class="govuk-inset-text" id=ID>
                "Your agency has no senior manager for safeguarding in this partnership. Ask the business office to add one."
            </div>
        }
        .into_any();
    }
    let error = Memo::new(move |_| errors.message(ID));
    let items = list
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let input_id = if i == 0 { ID.to_string() } else { format!("{ID}-{}", i + 1) };
            let manager = m.id;
            let hint_id = format!("{input_id}-item-hint");
            view! {
                <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id=input_id.clone() name=ID type="radio" value=manager.to_string()
                        aria-describedby=hint_id.clone()
                        prop:checked=move || chosen.get() == Some(manager)
                        on:change=move |_| chosen.set(Some(manager)) />
                    <label class="govuk-label govuk-radios__label" for=input_id>{m.name}</label>
                    <div class="govuk-hint govuk-radios__hint" id=hint_id>{m.agency}</div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=move || group_class(error.with(Option::is_some))>
            <fieldset class="govuk-fieldset" aria-describedby=move || described_by(ID, false, error.with(Option::is_some))>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Who will sign off the referral?"</legend>
                {move || error.get().map(|m| view! { <ErrorMessage id=ID.to_string() message=m /> })}
                <div class="govuk-radios">{items}</div>
            </fieldset>
        </div>
    }
    .into_any()
}
