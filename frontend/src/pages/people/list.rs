//! The partnership's people, for the business office: each member's roles (each with a button
//! that takes it away), and buttons to remove them from the partnership or disable their
//! account. Every change is confirmed first (a confirmation step that takes the focus, with a
//! warning button), then announced in a success banner, and the list is read again.
use crate::api::{self, ApiFailure, PersonChange};
use crate::components::{share, BackLink, ErrorSummary, Load, Loading, Shared};
use crate::pages::PageHeading;
use crate::router::{focus_id, Route};
use crate::session::Session;
use leptos::html::{Div, H2};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::people::PersonView;
use uuid::Uuid;

/// A change waiting for the office's confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending {
    id: Uuid,
    name: String,
    change: PersonChange,
    /// The button that asked, to take the focus back on "Cancel".
    from: String,
}

impl Pending {
    fn question(&self) -> String {
        match self.change {
            PersonChange::RevokeRole(role) => format!("Remove the role {} from {}?", role.label(), self.name),
            PersonChange::Remove => format!("Remove {} from the partnership?", self.name),
            PersonChange::Disable => format!("Disable the account of {}?", self.name),
            PersonChange::Update => format!("Change the roles of {}?", self.name),
        }
    }

    fn consequence(&self) -> &'static str {
        match self.change {
            PersonChange::RevokeRole(_) => {
                "They can no longer act in this role here. Anything they have open in CSPR Hub stops working until they sign in again."
            }
            PersonChange::Remove => {
                "They lose every role in this partnership and are signed out of it. Their account and other partnerships stay."
            }
            PersonChange::Disable => {
                "They are signed out everywhere and cannot sign in again. Only an operator can enable the account again."
            }
            PersonChange::Update => "",
        }
    }

    fn yes(&self) -> &'static str {
        match self.change {
            PersonChange::RevokeRole(_) => "Yes, remove the role",
            PersonChange::Remove => "Yes, remove from the partnership",
            PersonChange::Disable => "Yes, disable the account",
            PersonChange::Update => "Yes, change",
        }
    }

    fn done(&self) -> String {
        match self.change {
            PersonChange::RevokeRole(role) => format!("The role {} was removed from {}.", role.label(), self.name),
            PersonChange::Remove => format!("{} was removed from the partnership.", self.name),
            PersonChange::Disable => format!("The account of {} was disabled.", self.name),
            PersonChange::Update => format!("The roles of {} were changed.", self.name),
        }
    }
}

/// The page's state, shared by its parts (all `Copy`).
#[derive(Clone, Copy)]
struct People {
    session: Session,
    state: RwSignal<Load<Shared>>,
    pending: RwSignal<Option<Pending>>,
    done: RwSignal<Option<String>>,
    failure: RwSignal<Option<ApiFailure>>,
    busy: RwSignal<bool>,
}

impl People {
    fn load(self) {
        spawn_local(async move {
            let list = api::people(self.session).await;
            self.state.set(match list {
                Ok(list) => Load::Loaded(share(list)),
                Err(why) => Load::Failed(why),
            });
        });
    }

    fn ask(self, person: &PersonView, change: PersonChange, from: String) {
        self.done.set(None);
        self.failure.set(None);
        self.pending.set(Some(Pending { id: person.id, name: person.name.clone(), change, from }));
    }

    fn cancel(self) {
        let from = self.pending.get_untracked().map(|p| p.from);
        self.pending.set(None);
        if let Some(from) = from {
            request_animation_frame(move || {
                focus_id(&from);
            });
        }
    }

    fn confirm(self) {
        let Some(pending) = self.pending.get_untracked() else { return };
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        spawn_local(async move {
            let outcome = api::change_person(self.session, pending.id, pending.change).await;
            self.busy.set(false);
            self.pending.set(None);
            match outcome {
                Ok(()) => self.done.set(Some(pending.done())),
                Err(why) => self.failure.set(Some(why)),
            }
            self.load();
        });
    }
}

fn button_id(prefix: &str, person: &PersonView) -> String {
    format!("{prefix}-{}", person.id)
}

/// One member's row.
fn row(page: People, me: Option<Uuid>, person: PersonView) -> impl IntoView {
    let own = me == Some(person.id);
    // What may be done to this member: the shared rule the server follows.
    let offered = |change: PersonChange| change.refusal(own, person.other_partnerships, person.disabled).is_none();
    let name = person.name.clone();
    let roles = person
        .roles
        .iter()
        .map(|&role| {
            let id = format!("remove-role-{}-{}", person.id, role.as_str());
            let from = id.clone();
            let p = person.clone();
            let button = offered(PersonChange::RevokeRole(role)).then(|| {
                view! {
                    <button type="button" class="govuk-button govuk-button--secondary app-button-small" id=id
                        on:click=move |_| page.ask(&p, PersonChange::RevokeRole(role), from.clone())>
                        <span class="govuk-visually-hidden">"Remove "</span>
                        {role.label()}
                        <span class="govuk-visually-hidden">{format!(" from {name}")}</span>
                        <span aria-hidden="true">" ×"</span>
                    </button>
                }
            });
            let label = (!offered(PersonChange::RevokeRole(role))).then(|| role.label());
            view! { <li>{button}{label}</li> }
        })
        .collect_view();
    let remove = offered(PersonChange::Remove).then(|| {
        let id = button_id("remove", &person);
        let from = id.clone();
        let p = person.clone();
        let name = person.name.clone();
        view! {
            <button type="button" class="govuk-button govuk-button--secondary app-button-small" id=id
                on:click=move |_| page.ask(&p, PersonChange::Remove, from.clone())>
                "Remove from partnership"
                <span class="govuk-visually-hidden">{format!(" ({name})")}</span>
            </button>
        }
    });
    let disable = offered(PersonChange::Disable).then(|| {
        let id = button_id("disable", &person);
        let from = id.clone();
        let p = person.clone();
        let name = person.name.clone();
        view! {
            <button type="button" class="govuk-button govuk-button--secondary app-button-small" id=id
                on:click=move |_| page.ask(&p, PersonChange::Disable, from.clone())>
                "Disable account"
                <span class="govuk-visually-hidden">{format!(" ({name})")}</span>
            </button>
        }
    });
    let edit = offered(PersonChange::Update).then(|| {
        let name = person.name.clone();
        view! {
            <a class="govuk-link app-action-link" id=button_id("edit", &person) href=Route::EditPerson(person.id).href()>
                "Change roles or agency"
                <span class="govuk-visually-hidden">{format!(" ({name})")}</span>
            </a>
        }
    });
    let last = person.last_sign_in.map(shared::calendar::uk_date_time).unwrap_or_else(|| "Never".to_string());
    let note = if own {
        Some("This is you.")
    } else if person.other_partnerships {
        Some("Also in other partnerships: only an operator can disable the account.")
    } else {
        None
    };
    let disabled = person
        .disabled
        .then(|| view! { <strong class="govuk-tag govuk-tag--grey app-tag-after">"Account disabled"</strong> });
    view! {
        <tr class="govuk-table__row" id=format!("person-{}", person.id)>
            <td class="govuk-table__cell">{person.name.clone()}{disabled}</td>
            <td class="govuk-table__cell app-wrap">{person.email.clone()}</td>
            <td class="govuk-table__cell">{person.agency.clone().unwrap_or_default()}</td>
            <td class="govuk-table__cell">
                <ul class="govuk-list app-role-list">{roles}</ul>
            </td>
            <td class="govuk-table__cell">{last}</td>
            <td class="govuk-table__cell">
                {edit}
                {remove}
                {disable}
                {note.map(|n| view! { <p class="govuk-body-s">{n}</p> })}
            </td>
        </tr>
    }
}

/// The confirmation step: takes the focus when it appears.
fn confirmation(page: People, pending: Pending) -> impl IntoView {
    let heading = NodeRef::<H2>::new();
    heading.on_load(|h2| {
        let _ = h2.focus();
    });
    view! {
        <div class="app-confirm" id="confirm">
            <h2 class="govuk-heading-m" id="confirm-heading" tabindex="-1" node_ref=heading>{pending.question()}</h2>
            <p class="govuk-body">{pending.consequence()}</p>
            <div class="govuk-button-group">
                <button type="button" class="govuk-button govuk-button--warning" id="confirm-action"
                    disabled=move || page.busy.get() on:click=move |_| page.confirm()>
                    {pending.yes()}
                </button>
                <button type="button" class="govuk-button govuk-button--secondary" id="cancel-action"
                    on:click=move |_| page.cancel()>
                    "Cancel"
                </button>
            </div>
        </div>
    }
}

/// What was done: a success banner that takes the focus.
fn success(message: String) -> impl IntoView {
    let banner = NodeRef::<Div>::new();
    banner.on_load(|div| {
        let _ = div.focus();
    });
    view! {
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
            aria-labelledby="people-done-title" id="people-done" tabindex="-1" node_ref=banner>
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="people-done-title">"Success"</h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">{message}</p>
            </div>
        </div>
    }
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let session = Session::expect();
    let page = People {
        session,
        state: RwSignal::new(Load::<Shared>::Loading),
        pending: RwSignal::new(None),
        done: RwSignal::new(None),
        failure: RwSignal::new(None),
        busy: RwSignal::new(false),
    };
    page.load();
    let me = session.me().map(|m| m.user.id);
    let render = move |list: Vec<PersonView>| {
        let rows = list.into_iter().map(|p| row(page, me, p)).collect_view();
        view! {
            <table class="govuk-table" id="people">
                <caption class="govuk-table__caption govuk-table__caption--m">"Members of the partnership, by name"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Name"</th>
                        <th scope="col" class="govuk-table__header">"Email"</th>
                        <th scope="col" class="govuk-table__header">"Agency"</th>
                        <th scope="col" class="govuk-table__header">"Roles"</th>
                        <th scope="col" class="govuk-table__header">"Last sign-in"</th>
                        <th scope="col" class="govuk-table__header">"Actions"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
    };
    let pending = Memo::new(move |_| page.pending.get());
    view! {
        <BackLink href=Route::Home.href() />
        <PageHeading text="People" />
        <ErrorSummary failure=page.failure />
        {move || page.done.get().map(success)}
        <p class="govuk-body">
            "Take a role away with its button. Removing someone from the partnership keeps their account for other partnerships; disabling an account signs the person out everywhere. Every change is recorded in the audit trail."
        </p>
        <a class="govuk-button" id="invite-person" href=Route::Invite.href() role="button">"Invite a person"</a>
        {move || pending.get().map(|p| confirmation(page, p))}
        <div hidden=move || pending.with(Option::is_some)>
            <Loading state=page.state render=render />
        </div>
    }
}
