//! The merged multi-agency chronology: a picture with a lane per agency over one time axis
//! (where agencies' involvement overlapped, and the quiet periods when no agency recorded
//! anything), drawn as SVG; the same entries as a table, its text alternative; filters by
//! agency and period; a CSV download; and the lead reviewer's sharing with the review group.
use super::{load_review, long};
use crate::api::{self, CsprRecord};
use crate::components::{share, BackLink, DateInput, ErrorSummary, Load, Loading, Shared};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::cspr::{ChronologyView, CsprAction, CsprView, MergedEntry};
use uuid::Uuid;
use wasm_bindgen::JsCast;

/// The filters as chosen.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    agency: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Filters {
    fn query(&self) -> String {
        let mut q = Vec::new();
        if !self.agency.is_empty() {
            q.push(format!("agency={}", self.agency));
        }
        if let Some(d) = self.from {
            q.push(format!("from={d}"));
        }
        if let Some(d) = self.to {
            q.push(format!("to={d}"));
        }
        q.join("&")
    }
}

fn fetch(session: Session, id: Uuid, query: String, into: RwSignal<Load<Shared>>) {
    into.set(Load::Loading);
    spawn_local(async move {
        into.set(match api::chronology(session, id, &query).await {
            Ok(view) => Load::Loaded(share(view)),
            Err(why) => Load::Failed(why),
        });
    });
}

#[component]
pub fn ChronologyPage(id: Uuid) -> impl IntoView {
    let review = load_review(id);
    let chronology = RwSignal::new(Load::Loading);
    let filters = RwSignal::new(Filters::default());
    let state = FormState::new();
    let session = state.session;
    fetch(session, id, String::new(), chronology);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.ready(Vec::new()) {
            fetch(session, id, filters.with_untracked(Filters::query), chronology);
        }
    };
    let download = move |_| {
        let query = filters.with_untracked(Filters::query);
        state.send(api::chronology_csv(session, id, query), |csv: String| {
            let href = format!("data:text/csv;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&csv)));
            if let Ok(a) = document().create_element("a") {
                let _ = a.set_attribute("href", &href);
                let _ = a.set_attribute("download", "chronology.csv");
                if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
                    a.click();
                }
            }
        });
    };
    let share_it = move |_| {
        state.send(api::record_cspr(session, id, CsprRecord::ShareChronology, None), move |view: CsprView| {
            review.set(Load::Loaded(share(view)));
            fetch(session, id, filters.with_untracked(Filters::query), chronology);
        });
    };
    view! {
        <BackLink href=Route::Review(id).href() text="Back to the review" />
        <ErrorSummary failure=state.failure />
        <PageHeading text="Merged chronology" />
        <Loading state=review render=move |r: CsprView| {
            let can_share = r.allowed_actions.contains(&CsprAction::ShareChronology);
            view! {
                <p class="govuk-body">{format!("Case {}. ", r.case_reference)}
                    {if r.chronology_shared { "Shared with the review group." } else { "Not yet shared with the review group: each agency's author sees only their own agency's entries." }}
                </p>
                {can_share.then(|| view! {
                    <button type="button" class="govuk-button govuk-button--secondary" id="share-chronology" on:click=share_it>
                        "Share with the review group"
                    </button>
                })}
            }
        } />
        <Loading state=chronology render=move |c: ChronologyView| {
            let agencies: Vec<(String, String)> = c.agencies.iter().map(|a| (a.id.to_string(), a.name.clone())).collect();
            view! {
                <form novalidate on:submit=apply class="app-filters" id="chronology-filters">
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="agency">"Agency"</label>
                        <select class="govuk-select" id="agency" name="agency"
                            on:change=move |ev| filters.update(|f| f.agency = event_target_value(&ev))>
                            <option value="" selected=move || filters.with(|f| f.agency.is_empty())>"Every agency"</option>
                            {agencies.into_iter().map(|(v, l)| {
                                let chosen = v.clone();
                                view! { <option value=v selected=move || filters.with(|f| f.agency == chosen)>{l}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <DateInput id="from" legend="From" name="The first day"
                        value=Signal::derive(move || filters.with(|f| f.from))
                        on_change=Callback::new(move |d| filters.update(|f| f.from = d)) errors=state.errors problems=state.problems />
                    <DateInput id="to" legend="To" name="The last day"
                        value=Signal::derive(move || filters.with(|f| f.to))
                        on_change=Callback::new(move |d| filters.update(|f| f.to = d)) errors=state.errors problems=state.problems />
                    <div class="govuk-button-group">
                        <button type="submit" class="govuk-button" id="apply-filters">"Show entries"</button>
                        <button type="button" class="govuk-button govuk-button--secondary" id="download-csv" on:click=download>"Download as CSV"</button>
                    </div>
                </form>
                <Lanes c=c.clone() />
                <EntryTable entries=c.entries.clone() />
            }
        } />
    }
}

/// Drawing sizes (SVG user units).
const WIDTH: f64 = 960.0;
const LEFT: f64 = 220.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 40.0;
const LANE: f64 = 40.0;

/// Where a day falls across the axis.
fn x_of(day: NaiveDate, first: NaiveDate, span: i64) -> f64 {
    LEFT + (day - first).num_days() as f64 / span.max(1) as f64 * (WIDTH - LEFT - RIGHT)
}

/// The first day of each month from `first` to `last`, as ticks.
fn month_ticks(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    use chrono::Datelike;
    let mut ticks = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
    while d <= last {
        if d >= first {
            ticks.push(d);
        }
        d = d.checked_add_months(chrono::Months::new(1)).unwrap_or(last.succ_opt().unwrap_or(last));
    }
    ticks
}

/// The lanes picture; its text alternative is the table after it (named in its description).
#[component]
fn Lanes(c: ChronologyView) -> impl IntoView {
    if c.entries.is_empty() {
        return view! { <p class="govuk-body" id="no-entries">"No entries to show."</p> }.into_any();
    }
    let first = c.entries.iter().map(|e| e.date).min().unwrap_or_default();
    let last = c.entries.iter().map(|e| e.date).max().unwrap_or(first);
    let span = (last - first).num_days() + 1;
    let lanes: Vec<(uuid::Uuid, String)> = {
        let mut seen: Vec<(uuid::Uuid, String)> = Vec::new();
        for e in &c.entries {
            if !seen.iter().any(|(id, _)| *id == e.agency_id) {
                seen.push((e.agency_id, e.agency_name.clone()));
            }
        }
        seen.sort_by(|a, b| a.1.cmp(&b.1));
        seen
    };
    let height = TOP + LANE * lanes.len() as f64 + 10.0;
    let lane_of = |agency: uuid::Uuid| lanes.iter().position(|(id, _)| *id == agency).unwrap_or(0);
    let quiet = c
        .quiet_periods
        .iter()
        .map(|q| {
            let (x1, x2) = (x_of(q.from, first, span), x_of(q.to, first, span) + 1.0);
            view! {
                <g class="app-lanes__quiet">
                    <rect x=x1 y=TOP - 6.0 width=(x2 - x1).max(2.0) height=LANE * lanes.len() as f64 + 6.0 />
                    <title>{format!("No agency recorded anything from {} to {} ({} days)", long(q.from), long(q.to), q.days)}</title>
                </g>
            }
        })
        .collect_view();
    let rows = lanes
        .iter()
        .enumerate()
        .map(|(i, (_, name))| {
            let y = TOP + LANE * i as f64;
            view! {
                <g class="app-lanes__lane">
                    <rect x=LEFT y=y width=WIDTH - LEFT - RIGHT height=LANE class=if i % 2 == 0 { "app-lanes__band" } else { "app-lanes__band app-lanes__band--alt" } />
                    <text x=LEFT - 8.0 y=y + LANE / 2.0 + 5.0 text-anchor="end" class="app-lanes__label">{name.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let dots = c
        .entries
        .iter()
        .map(|e| {
            let x = x_of(e.date, first, span);
            let y = TOP + LANE * lane_of(e.agency_id) as f64 + LANE / 2.0;
            let time = e.time.map(|t| format!(" {}", t.format("%H:%M"))).unwrap_or_default();
            view! {
                <circle cx=x cy=y r=5 class="app-lanes__entry">
                    <title>{format!("{}{time}, {}: {}", long(e.date), e.agency_name, e.event)}</title>
                </circle>
            }
        })
        .collect_view();
    let ticks = month_ticks(first, last)
        .into_iter()
        .map(|d| {
            let x = x_of(d, first, span);
            view! {
                <g class="app-lanes__tick">
                    <line x1=x x2=x y1=TOP - 8.0 y2=height - 10.0 />
                    <text x=x y=TOP - 14.0 text-anchor="middle">{d.format("%b %Y").to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let quiet_words = match c.quiet_periods.len() {
        0 => "no period of four weeks or more when no agency recorded anything".to_string(),
        1 => "1 period of four weeks or more when no agency recorded anything".to_string(),
        n => format!("{n} periods of four weeks or more when no agency recorded anything"),
    };
    let description = format!(
        "{} entries from {} agencies between {} and {}; {quiet_words}. The table below lists every entry.",
        c.entries.len(),
        lanes.len(),
        long(first),
        long(last),
    );
    view! {
        <figure class="app-lanes" id="chronology-lanes">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby="lanes-title lanes-desc" class="app-lanes__svg">
                <title id="lanes-title">"Each agency's involvement over time"</title>
                <desc id="lanes-desc">{description.clone()}</desc>
                {rows}
                {quiet}
                {ticks}
                {dots}
            </svg>
            <figcaption class="govuk-body-s">{description}</figcaption>
        </figure>
    }
    .into_any()
}

/// Every entry, as a table.
#[component]
fn EntryTable(entries: Vec<MergedEntry>) -> impl IntoView {
    let rows = entries
        .into_iter()
        .map(|e| {
            let time = e.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{long(e.date)}</td>
                    <td class="govuk-table__cell">{time}</td>
                    <td class="govuk-table__cell">{e.agency_name}</td>
                    <td class="govuk-table__cell">{e.event}</td>
                    <td class="govuk-table__cell">{e.source}</td>
                    <td class="govuk-table__cell">{e.practitioner_role}</td>
                    <td class="govuk-table__cell">{e.outcome}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table app-table--small" id="chronology-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"Every entry, by date and time, then agency"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Date"</th>
                <th scope="col" class="govuk-table__header">"Time"</th>
                <th scope="col" class="govuk-table__header">"Agency"</th>
                <th scope="col" class="govuk-table__header">"Event"</th>
                <th scope="col" class="govuk-table__header">"Source"</th>
                <th scope="col" class="govuk-table__header">"Practitioner's role"</th>
                <th scope="col" class="govuk-table__header">"Action or outcome"</th>
            </tr></thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
}
