//! The partnership's audit trail, for the business office: who did what to which record and
//! when, newest first, filtered by person (a list of the partnership's people) and by record
//! id. The filters are in the address (`/audit?actor=…&entity=…`); "Show more" reads further
//! back.
use crate::api;
use crate::components::{share, unshare, BackLink, Load, Loading, Shared};
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::calendar::uk_date_time;
use shared::people::{action_label, record_label, AuditEventView, PersonView};

/// Events read at first, and added by each "Show more".
const STEP: u32 = 100;
/// The most the API gives at once.
const MOST: u32 = 500;

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(&s.replace('+', " ")).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// The filters from the address's query string: (actor, entity).
fn parse_filters(search: &str) -> (String, String) {
    let mut actor = String::new();
    let mut entity = String::new();
    for pair in search.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some(("actor", v)) => actor = decode(v),
            Some(("entity", v)) => entity = decode(v),
            _ => {}
        }
    }
    (actor, entity)
}

/// The filters as a query string (`actor=…&entity=…`, only those given; no `?`).
fn filters_query(actor: &str, entity: &str) -> String {
    let mut parts = Vec::new();
    if !actor.is_empty() {
        parts.push(format!("actor={}", encode(actor)));
    }
    if !entity.trim().is_empty() {
        parts.push(format!("entity={}", encode(entity.trim())));
    }
    parts.join("&")
}

/// Who did it: their name, "System" when no person did, "Unknown" for someone no longer a
/// member.
fn who(e: &AuditEventView) -> String {
    match (&e.actor_name, e.actor_id) {
        (Some(name), _) => name.clone(),
        (None, None) => "System".to_string(),
        (None, Some(_)) => "Unknown".to_string(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Trail {
    events: Vec<AuditEventView>,
    limit: u32,
}

fn row(e: AuditEventView, people: &[PersonView]) -> impl IntoView {
    let who = who(&e);
    let from = e.address.clone().map(|a| view! { <br /><span class="govuk-body-s">{format!("from {a}")}</span> });
    // An account's record: the person's name when they are a member.
    let about = e
        .entity_id
        .as_deref()
        .and_then(|id| people.iter().find(|p| p.id.to_string() == id))
        .map(|p| view! { <br /><span>{p.name.clone()}</span> });
    let record_id = e.entity_id.clone().map(|id| view! { <br /><span class="govuk-body-s app-wrap">{id}</span> });
    let seq = e.seq.map(|s| s.to_string()).unwrap_or_else(|| "Not yet sealed".to_string());
    view! {
        <tr class="govuk-table__row" data-action=e.action.clone()
            data-actor=e.actor_id.map(|a| a.to_string()).unwrap_or_default()
            data-entity=e.entity_id.clone().unwrap_or_default()>
            <td class="govuk-table__cell">{uk_date_time(e.at)}</td>
            <td class="govuk-table__cell">{who}{from}</td>
            <td class="govuk-table__cell">{action_label(&e.action).to_string()}</td>
            <td class="govuk-table__cell">{record_label(&e.entity_type).to_string()}{about}{record_id}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric">{seq}</td>
        </tr>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let session = Session::expect();
    let (actor, entity) = parse_filters(&window().location().search().unwrap_or_default());
    let chosen_actor = RwSignal::new(actor.clone());
    let record = RwSignal::new(entity.clone());
    // Both hold `Load<Shared>` (a `Trail`, the people): one signal type for every page.
    let state = RwSignal::new(Load::<Shared>::Loading);
    let people = RwSignal::new(Load::<Shared>::Loading);
    let people_list = move || {
        people.with(|p| match p {
            Load::Loaded(list) => unshare::<Vec<PersonView>>(list).unwrap_or_default(),
            _ => Vec::new(),
        })
    };
    // The filters the table shows, as sent.
    let applied = StoredValue::new((actor, entity));

    let load = move |limit: u32| {
        let (actor, entity) = applied.get_value();
        spawn_local(async move {
            let filters = filters_query(&actor, &entity);
            let sep = if filters.is_empty() { "" } else { "&" };
            let events = api::audit_trail(session, &format!("limit={limit}{sep}{filters}")).await;
            state.set(match events {
                Ok(events) => Load::Loaded(share(Trail { events, limit })),
                Err(why) => Load::Failed(why),
            });
        });
    };
    spawn_local(async move {
        people.set(match api::people(session).await {
            Ok(list) => Load::Loaded(share(list)),
            Err(why) => Load::Failed(why),
        });
    });
    load(STEP);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let actor = chosen_actor.get_untracked();
        let entity = record.get_untracked().trim().to_string();
        let query = filters_query(&actor, &entity);
        let href = if query.is_empty() { Route::Audit.href() } else { format!("{}?{query}", Route::Audit.href()) };
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        applied.set_value((actor, entity));
        state.set(Load::Loading);
        load(STEP);
    };

    let actor_options = move || {
        people_list()
            .into_iter()
            .map(|p| {
                let value = p.id.to_string();
                let v = value.clone();
                view! { <option value=value selected=chosen_actor.with_untracked(|c| *c == v)>{p.name}" ("{p.email}")"</option> }
            })
            .collect_view()
    };
    let render = move |trail: Trail| {
        let list = people_list();
        let count = trail.events.len();
        let summary = match count {
            0 => "No events match.".to_string(),
            1 => "Showing 1 event, newest first.".to_string(),
            n => format!("Showing the newest {n} events."),
        };
        let more = (count as u32 >= trail.limit && trail.limit < MOST).then(|| {
            let next = (trail.limit + STEP).min(MOST);
            view! {
                <button type="button" class="govuk-button govuk-button--secondary" id="show-more"
                    on:click=move |_| load(next)>
                    "Show more"
                </button>
            }
        });
        let table = (count > 0).then(|| {
            let rows = trail.events.into_iter().map(|e| row(e, &list)).collect_view();
            view! {
                <table class="govuk-table" id="audit">
                    <caption class="govuk-table__caption govuk-table__caption--m">"Events, newest first"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"When"</th>
                            <th scope="col" class="govuk-table__header">"Who"</th>
                            <th scope="col" class="govuk-table__header">"Action"</th>
                            <th scope="col" class="govuk-table__header">"Record"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Place in chain"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
            }
        });
        view! {
            <p class="govuk-body" id="audit-count" role="status">{summary}</p>
            {table}
            {more}
        }
    };

    view! {
        <BackLink href=Route::Home.href() />
        <PageHeading text="Audit trail" />
        <p class="govuk-body">
            "Who did what to which record, and when: every sign-in, every change and every read of a referral, case or information request. Never what a record holds. Times are UK time."
        </p>
        <form method="get" action=Route::Audit.href() class="app-filters" on:submit=on_submit>
            <div class="govuk-form-group">
                <label class="govuk-label" for="actor">"Person"</label>
                <select class="govuk-select" id="actor" name="actor" on:change=move |ev| chosen_actor.set(event_target_value(&ev))>
                    <option value="" selected=chosen_actor.with_untracked(String::is_empty)>"Anyone"</option>
                    {actor_options}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="entity">"Record"</label>
                <div class="govuk-hint" id="entity-hint">"The id of a referral, case, request or person"</div>
                <input class="govuk-input app-input-id" id="entity" name="entity" type="text"
                    spellcheck="false" autocomplete="off" aria-describedby="entity-hint"
                    prop:value=move || record.get() on:input=move |ev| record.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" id="apply-filters">"Show events"</button>
        </form>
        <Loading state=state render=render />
    }
}
