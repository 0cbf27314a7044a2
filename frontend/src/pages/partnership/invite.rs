//! Invite a person (name, email, roles, agency): the server sends them a one-time link to
//! choose a password. And set a member's roles and agency.
use super::agencies::offered;
use crate::api;
use crate::components::field_errors::{group_class, ErrorMessage};
use crate::components::{share, BackLink, ErrorSummary, FieldErrors, Load, Loading, Shared, TextInput};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::agency::AgencyView;
use shared::people::{Invitation, PersonUpdate, PersonView};
use shared::Role;
use uuid::Uuid;

/// The roles, one checkbox each (GOV.UK checkboxes in a fieldset); the first carries the
/// field's id `roles`.
#[component]
fn RoleBoxes(roles: Signal<Vec<Role>>, on_change: Callback<(Role, bool)>, errors: FieldErrors) -> impl IntoView {
    let error = Memo::new(move |_| errors.message("roles"));
    let items = Role::ALL
        .iter()
        .enumerate()
        .map(|(i, &role)| {
            let id = if i == 0 { "roles".to_string() } else { format!("roles-{}", i + 1) };
            view! {
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=id.clone() name="roles" type="checkbox" value=role.as_str()
                        prop:checked=move || roles.with(|r| r.contains(&role))
                        on:change=move |ev| on_change.run((role, event_target_checked(&ev))) />
                    <label class="govuk-label govuk-checkboxes__label" for=id>{role.label()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=move || group_class(error.with(Option::is_some))>
            <fieldset class="govuk-fieldset" aria-describedby=move || error.with(Option::is_some).then_some("roles-error")>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Roles"</legend>
                {move || error.get().map(|m| view! { <ErrorMessage id="roles".to_string() message=m /> })}
                <div class="govuk-checkboxes govuk-checkboxes--small">{items}</div>
            </fieldset>
        </div>
    }
}

/// The agency, from a list (active agencies, and the one the person has).
#[component]
fn AgencySelect(
    agencies: Vec<AgencyView>,
    value: Signal<Option<Uuid>>,
    on_change: Callback<Option<Uuid>>,
) -> impl IntoView {
    let options = agencies
        .into_iter()
        .map(|a| {
            let id = a.id;
            view! { <option value=id.to_string() prop:selected=move || value.get() == Some(id)>{a.name}</option> }
        })
        .collect_view();
    view! {
        <div class="govuk-form-group">
            <label class="govuk-label" for="agency_id">"Agency"</label>
            <div class="govuk-hint" id="agency_id-hint">"The agency the person works for, if any"</div>
            <select class="govuk-select" id="agency_id" name="agency_id" aria-describedby="agency_id-hint"
                on:change=move |ev| on_change.run(event_target_value(&ev).parse().ok())>
                <option value="" prop:selected=move || value.get().is_none()>"No agency"</option>
                {options}
            </select>
        </div>
    }
}

fn toggle(roles: &mut Vec<Role>, role: Role, on: bool) {
    roles.retain(|r| *r != role);
    if on {
        roles.push(role);
        roles.sort();
    }
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let form = RwSignal::new(Invitation::default());
    let agencies = RwSignal::new(Load::<Shared>::Loading);
    super::agencies::load_agencies(session, agencies);
    let sent = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = form.get_untracked();
        if !state.ready(body.problems()) {
            return;
        }
        let email = body.email.trim().to_string();
        state.send(async move { api::invite(session, &body).await }, move |_| {
            form.set(Invitation::default());
            sent.set(Some(email));
        });
    };
    let roles = Signal::derive(move || form.with(|f| f.roles.clone()));
    let agency = Signal::derive(move || form.with(|f| f.agency_id));
    let render = move |list: Vec<AgencyView>| {
        view! {
            <form novalidate on:submit=on_submit>
                <TextInput id="name" label="Full name" autocomplete="off"
                    value=text(form, |f| &f.name) on_input=put(form, |f| &mut f.name) errors=state.errors />
                <TextInput id="email" label="Email address" input_type="email" autocomplete="off"
                    hint="The link to set a password is sent here"
                    value=text(form, |f| &f.email) on_input=put(form, |f| &mut f.email) errors=state.errors />
                <RoleBoxes roles=roles on_change=Callback::new(move |(role, on): (Role, bool)| form.update(|f| toggle(&mut f.roles, role, on)))
                    errors=state.errors />
                <AgencySelect agencies=offered(list, None) value=agency
                    on_change=Callback::new(move |a: Option<Uuid>| form.update(|f| f.agency_id = a)) />
                <button type="submit" class="govuk-button" id="send-invitation" disabled=move || state.sending.get()>
                    "Send the invitation"
                </button>
            </form>
        }
    };
    view! {
        <BackLink href=Route::People.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                {move || sent.get().map(|email| super::success("invite-sent", format!("An invitation was sent to {email}.")))}
                <PageHeading text="Invite a person" />
                <p class="govuk-body">
                    "They get an email with a link to choose a password, valid for 7 days and usable once. Then they set up a second factor and sign in."
                </p>
                <Loading state=agencies render=render />
                <p class="govuk-body"><a class="govuk-link" href=Route::People.href()>"Back to people"</a></p>
            </div>
        </div>
    }
}

/// Set a member's roles and agency.
#[component]
pub fn EditPersonPage(id: Uuid) -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let form = RwSignal::new(PersonUpdate::default());
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        let people = api::people(session).await;
        let agencies = api::agencies(session).await;
        let _ = loaded.try_set(match (people, agencies) {
            (Ok(people), Ok(agencies)) => match people.into_iter().find(|p| p.id == id) {
                Some(person) => {
                    form.set(PersonUpdate { roles: person.roles.clone(), agency_id: person.agency_id });
                    Load::Loaded(share((person, agencies)))
                }
                None => Load::Failed(api::ApiFailure::Unexpected { status: 404, detail: String::new() }),
            },
            (Err(why), _) | (_, Err(why)) => Load::Failed(why),
        });
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = form.get_untracked();
        if !state.ready(body.problems()) {
            return;
        }
        let router = state.router;
        state.send(async move { api::update_person(session, id, &body).await }, move |_| router.go(Route::People));
    };
    let roles = Signal::derive(move || form.with(|f| f.roles.clone()));
    let agency = Signal::derive(move || form.with(|f| f.agency_id));
    let render = move |(person, list): (PersonView, Vec<AgencyView>)| {
        view! {
            <p class="govuk-body" id="person-name">{format!("{} ({})", person.name, person.email)}</p>
            <form novalidate on:submit=on_submit>
                <RoleBoxes roles=roles on_change=Callback::new(move |(role, on): (Role, bool)| form.update(|f| toggle(&mut f.roles, role, on)))
                    errors=state.errors />
                <AgencySelect agencies=offered(list, person.agency_id) value=agency
                    on_change=Callback::new(move |a: Option<Uuid>| form.update(|f| f.agency_id = a)) />
                <button type="submit" class="govuk-button" id="save-person" disabled=move || state.sending.get()>
                    "Save roles and agency"
                </button>
            </form>
        }
    };
    view! {
        <BackLink href=Route::People.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Change roles and agency" />
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}
