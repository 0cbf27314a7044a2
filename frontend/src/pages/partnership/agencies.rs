//! The partnership's agencies: a table (each with a link to change it), and the form that
//! adds or changes one: its name, kind, whether it is a statutory partner and whether it is
//! active (an inactive agency is not offered for new requests or people).
use crate::api;
use crate::components::{share, BackLink, Checkbox, ErrorSummary, Load, Loading, Radios, Shared, TextInput};
use crate::form::bind::{get, put, set, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::agency::{AgencyForm, AgencyKind, AgencyView};
use uuid::Uuid;

/// Loads the agencies into `state`.
pub fn load_agencies(session: Session, state: RwSignal<Load<Shared>>) {
    spawn_local(async move {
        let list = api::agencies(session).await;
        let _ = state.try_set(match list {
            Ok(list) => Load::Loaded(share(list)),
            Err(why) => Load::Failed(why),
        });
    });
}

#[component]
pub fn AgenciesPage() -> impl IntoView {
    let session = Session::expect();
    let state = RwSignal::new(Load::<Shared>::Loading);
    load_agencies(session, state);
    let office = super::is_office(session);
    let render = move |list: Vec<AgencyView>| {
        let rows = list
            .into_iter()
            .map(|a| {
                let change = office.then(|| {
                    view! {
                        <a class="govuk-link" href=Route::Agency(a.id).href()>
                            "Change"<span class="govuk-visually-hidden">{format!(" {}", a.name)}</span>
                        </a>
                    }
                });
                let status = if a.active {
                    view! { <strong class="govuk-tag govuk-tag--green">"Active"</strong> }
                } else {
                    view! { <strong class="govuk-tag govuk-tag--grey">"Inactive"</strong> }
                };
                view! {
                    <tr class="govuk-table__row" data-agency=a.name.clone()>
                        <td class="govuk-table__cell">{a.name.clone()}</td>
                        <td class="govuk-table__cell">{a.kind.label()}</td>
                        <td class="govuk-table__cell">{if a.strategic_lead { "Yes" } else { "No" }}</td>
                        <td class="govuk-table__cell">{status}</td>
                        <td class="govuk-table__cell">{change}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="govuk-table" id="agencies">
                <caption class="govuk-table__caption govuk-table__caption--m">"Agencies, by name"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Name"</th>
                        <th scope="col" class="govuk-table__header">"Kind"</th>
                        <th scope="col" class="govuk-table__header">"Statutory partner"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
    };
    view! {
        <BackLink href=Route::Settings.href() />
        <PageHeading text="Agencies" />
        {office.then(|| view! {
            <a class="govuk-button" id="add-agency" href=Route::NewAgency.href() role="button">"Add an agency"</a>
        })}
        <Loading state=state render=render />
    }
}

fn kind_options() -> Vec<(&'static str, &'static str)> {
    AgencyKind::ALL.iter().map(|k| (k.as_str(), k.label())).collect()
}

/// Add an agency (`id` none) or change one.
#[component]
pub fn AgencyPage(id: Option<Uuid>) -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let form = RwSignal::new(AgencyForm::default());
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    match id {
        Some(id) => spawn_local(async move {
            let found = api::agencies(session).await.map(|list| list.into_iter().find(|a| a.id == id));
            let _ = loaded.try_set(match found {
                Ok(Some(a)) => {
                    form.set(AgencyForm {
                        name: a.name,
                        kind: a.kind,
                        strategic_lead: a.strategic_lead,
                        active: a.active,
                    });
                    Load::Loaded(share(()))
                }
                Ok(None) => Load::Failed(api::ApiFailure::Unexpected { status: 404, detail: String::new() }),
                Err(why) => Load::Failed(why),
            });
        }),
        None => loaded.set(Load::Loaded(share(()))),
    }
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = form.get_untracked();
        if !state.ready(body.problems()) {
            return;
        }
        let router = state.router;
        state.send(async move { api::save_agency(session, id, &body).await }, move |_| router.go(Route::Agencies));
    };
    let title = if id.is_some() { "Change the agency" } else { "Add an agency" };
    let kind = Signal::derive(move || Some(form.with(|f| f.kind.as_str().to_string())));
    let active = Signal::derive(move || Some(if form.with(|f| f.active) { "yes" } else { "no" }.to_string()));
    let render = move |_: ()| {
        view! {
            <form novalidate on:submit=on_submit>
                <TextInput id="name" label="Name" hint="As people in the partnership know it, for example Northvale Police"
                    value=text(form, |f| &f.name) on_input=put(form, |f| &mut f.name) errors=state.errors />
                <Radios id="kind" legend="Kind of agency" options=kind_options() value=kind
                    on_change=set(form, |f, v: String| f.kind = AgencyKind::parse(&v).unwrap_or(AgencyKind::Other))
                    errors=state.errors />
                <Checkbox id="strategic_lead" legend="Statutory safeguarding partner"
                    label="One of the three statutory partners (the local authority, the police, health)"
                    checked=get(form, |f| f.strategic_lead) on_change=set(form, |f, v: bool| f.strategic_lead = v)
                    errors=state.errors />
                <Radios id="active" legend="Is the agency active?"
                    hint="An inactive agency is not offered for new information requests or new people. Older records still show it."
                    options=vec![("yes", "Yes, active"), ("no", "No, inactive")] value=active
                    on_change=set(form, |f, v: String| f.active = v == "yes") errors=state.errors inline=true />
                <button type="submit" class="govuk-button" id="save-agency" disabled=move || state.sending.get()>
                    "Save the agency"
                </button>
            </form>
        }
    };
    view! {
        <BackLink href=Route::Agencies.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text=title />
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}

/// The agencies offered for a person: the active ones, and `current` (shown even when
/// inactive, since the person has it).
pub fn offered(list: Vec<AgencyView>, current: Option<Uuid>) -> Vec<AgencyView> {
    list.into_iter().filter(|a| a.active || Some(a.id) == current).collect()
}
