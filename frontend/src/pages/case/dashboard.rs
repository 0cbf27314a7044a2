//! The partnership dashboard: every open clock across the cases, soonest due first, filtered
//! by stage and agency (a GET form: the filters are in the address); and the home page's
//! "Deadlines you can act on".
use super::clocks::{ClockRow, ClocksTable};
use crate::api::{self, ApiFailure, DashboardClock};
use crate::components::{share, unshare, Load, Loading, Shared};
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::agency::AgencyView;
use shared::case::answers_requests;
use shared::case::journey::{clock_title, dashboard_query, parse_dashboard_query};
use shared::case::{clock_kinds_acted_on, CaseStage, InformationRequestView};
use shared::referral::journey::long_date;
use uuid::Uuid;

/// A dashboard row for a clock; `href` is where its case link goes.
fn row(c: DashboardClock, agencies: &[AgencyView], href: String) -> ClockRow {
    let agency = c.agency_id.and_then(|a| agencies.iter().find(|x| x.id == a)).map(|a| a.name.as_str());
    let extended = c
        .extensions
        .last()
        .map(|e| format!("Extended on {} to {}: {}", long_date(e.recorded_on), long_date(e.due_on), e.reason));
    ClockRow {
        rule: extended,
        case: Some((href, c.case_reference.clone())),
        stage: Some(c.case_stage),
        title: clock_title(c.kind, agency),
        due: c.due_on,
        met: c.met_on,
        status: c.status,
        left: c.working_days_left,
        warning: c.warnings.first().map(|w| w.message.clone()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Board {
    clocks: Vec<DashboardClock>,
    total: u64,
    agencies: Vec<AgencyView>,
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let session = Session::expect();
    let search = window().location().search().unwrap_or_default();
    let (stage, agency) = parse_dashboard_query(&search);
    let chosen_stage = RwSignal::new(stage.map(|s| s.as_str().to_string()).unwrap_or_default());
    let chosen_agency = RwSignal::new(agency.map(|a| a.to_string()).unwrap_or_default());
    // Both hold `Load<Shared>` (a `Board`, the agencies): one signal type for every page.
    let state = RwSignal::new(Load::<Shared>::Loading);
    let agencies = RwSignal::new(Load::<Shared>::Loading);
    let agency_list = move || {
        agencies.with(|a| match a {
            Load::Loaded(list) => unshare::<Vec<AgencyView>>(list).unwrap_or_default(),
            _ => Vec::new(),
        })
    };

    let load = move |stage: Option<CaseStage>, agency: Option<Uuid>| {
        state.set(Load::Loading);
        spawn_local(async move {
            let list = api::agencies(session).await;
            let query = dashboard_query(stage, agency);
            let clocks = api::clocks(session, query.trim_start_matches('?')).await;
            state.set(match (list, clocks) {
                (Ok(list), Ok(page)) => {
                    agencies.set(Load::Loaded(share(list.clone())));
                    Load::Loaded(share(Board { clocks: page.items, total: page.total, agencies: list }))
                }
                (Err(why), _) | (_, Err(why)) => Load::Failed(why),
            });
        });
    };
    load(stage, agency);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let stage = CaseStage::parse(&chosen_stage.get_untracked());
        let agency = chosen_agency.get_untracked().parse::<Uuid>().ok();
        let href = format!("{}{}", Route::Dashboard.href(), dashboard_query(stage, agency));
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        load(stage, agency);
    };

    let stage_options = CaseStage::ALL
        .into_iter()
        .map(|s| {
            view! { <option value=s.as_str() selected=chosen_stage.with_untracked(|c| c == s.as_str())>{s.label()}</option> }
        })
        .collect_view();
    let agency_options = move || {
        agency_list()
            .into_iter()
            .map(|a| {
                let value = a.id.to_string();
                let v = value.clone();
                view! { <option value=value selected=chosen_agency.with_untracked(|c| *c == v)>{a.name}</option> }
            })
            .collect_view()
    };
    let render = |board: Board| {
        let summary = format!("Open deadlines: {}.", board.total);
        let rows = board
            .clocks
            .into_iter()
            .map(|c| {
                let href = Route::Case(c.case_id).href();
                row(c, &board.agencies, href)
            })
            .collect::<Vec<_>>();
        let table =
            (!rows.is_empty()).then(|| view! { <ClocksTable id="dashboard" caption="Open deadlines" rows=rows /> });
        view! {
            <p class="govuk-body" id="dashboard-count" role="status">{summary}</p>
            {table}
        }
        .into_any()
    };

    view! {
        <PageHeading text="Deadlines dashboard" />
        <p class="govuk-body">"Every open deadline across the partnership's cases, soonest due first. "
            <a class="govuk-link" id="clock-rules-link" href=Route::ClockRules.href()>"The clock rules"</a>
            " say when each starts and stops; the "
            <a class="govuk-link" id="working-days-link" href=Route::WorkingDays.href()>"working-days calculator"</a>
            " works out a due date."</p>
        <form method="get" action=Route::Dashboard.href() class="app-filters" on:submit=on_submit>
            <div class="govuk-form-group">
                <label class="govuk-label" for="stage">"Stage"</label>
                <select class="govuk-select" id="stage" name="stage" on:change=move |ev| chosen_stage.set(event_target_value(&ev))>
                    <option value="" selected=chosen_stage.with_untracked(String::is_empty)>"All stages"</option>
                    {stage_options}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="agency_id">"Agency"</label>
                <select class="govuk-select" id="agency_id" name="agency_id" on:change=move |ev| chosen_agency.set(event_target_value(&ev))>
                    <option value="" selected=chosen_agency.with_untracked(String::is_empty)>"All agencies"</option>
                    {agency_options}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" id="apply-filters">"Apply filters"</button>
        </form>
        <Loading state=state render=render />
    }
}

/// The home page's "Deadlines you can act on": the open clocks of the person's roles. An
/// agency author's deadlines lead to their agency's request; everyone else's to the case.
#[component]
pub fn DeadlinesSection() -> impl IntoView {
    let session = Session::expect();
    let roles = session.me().map(|m| m.roles).unwrap_or_default();
    if clock_kinds_acted_on(&roles).is_empty() {
        return ().into_any();
    }
    let author = answers_requests(&roles);
    let state = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        let clocks = api::clocks(session, "mine=true").await;
        let requests: Result<Vec<InformationRequestView>, ApiFailure> =
            if author { api::information_requests(session).await } else { Ok(Vec::new()) };
        let agencies = api::agencies(session).await.unwrap_or_default();
        state.set(match (clocks, requests) {
            (Ok(page), Ok(requests)) => Load::Loaded(share(
                page.items
                    .into_iter()
                    .map(|c| {
                        let request =
                            requests.iter().find(|r| r.case_id == c.case_id && Some(r.agency_id) == c.agency_id);
                        let href = match request {
                            Some(r) => Route::Request(r.id).href(),
                            None => Route::Case(c.case_id).href(),
                        };
                        row(c, &agencies, href)
                    })
                    .collect::<Vec<ClockRow>>(),
            )),
            (Err(why), _) | (_, Err(why)) => Load::Failed(why),
        });
    });
    let render = |rows: Vec<ClockRow>| {
        if rows.is_empty() {
            view! { <p class="govuk-body" id="no-deadlines">"No open deadlines need you."</p> }.into_any()
        } else {
            view! { <ClocksTable id="my-deadlines" caption="Deadlines you can act on" rows=rows /> }.into_any()
        }
    };
    view! {
        <section id="deadlines" aria-labelledby="deadlines-heading">
            <h2 class="govuk-heading-m" id="deadlines-heading">"Deadlines you can act on"</h2>
            <Loading state=state render=render />
        </section>
    }
    .into_any()
}
