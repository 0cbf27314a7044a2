//! The timeliness statistics by quarter and the themes across cases over time, as charts with
//! tables; and the quarterly quality assurance report.
use super::chart::{bar_chart, Bar};
use crate::api::{self, ApiFailure};
use crate::components::{share, BackLink, ErrorSummary, Load, Loading, Select, Shared};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::learning::{QualityReport, Quarter, ThemesOverTime, Timeliness};

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let session = Session::expect();
    let timeliness = RwSignal::new(Load::<Shared>::Loading);
    let themes = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        let answer: Result<Timeliness, ApiFailure> = api::read(session, "statistics/timeliness?quarters=4").await;
        let _ = timeliness.try_set(match answer {
            Ok(t) => Load::Loaded(share(t)),
            Err(why) => Load::Failed(why),
        });
        let answer: Result<ThemesOverTime, ApiFailure> = api::read(session, "themes/over-time?quarters=4").await;
        let _ = themes.try_set(match answer {
            Ok(t) => Load::Loaded(share(t)),
            Err(why) => Load::Failed(why),
        });
    });
    let draw_timeliness = |t: Timeliness| {
        t.series
            .into_iter()
            .map(|s| {
                let bars = s
                    .figures
                    .into_iter()
                    .map(|f| Bar {
                        label: f.quarter,
                        value: f.percent,
                        detail: format!("{} of {} on time", f.on_time, f.counted),
                    })
                    .collect();
                bar_chart(format!("chart-{}", s.measure.as_str().replace('_', "-")), s.label, "%", 100.0, bars)
            })
            .collect_view()
    };
    let draw_themes = |t: ThemesOverTime| {
        if t.themes.is_empty() {
            return view! { <p class="govuk-body" id="themes-over-time">"No case is tagged with a theme in these quarters."</p> }.into_any();
        }
        let labels: Vec<String> = t.quarters.iter().map(|q| q.label()).collect();
        let max = t.themes.iter().flat_map(|th| th.tally.by_quarter.iter().copied()).max().unwrap_or(1).max(1) as f64;
        t.themes
            .into_iter()
            .take(6)
            .enumerate()
            .map(|(i, th)| {
                let bars = th
                    .tally
                    .by_quarter
                    .iter()
                    .zip(&labels)
                    .map(|(n, q)| Bar { label: q.clone(), value: Some(f64::from(*n)), detail: format!("{n} case(s)") })
                    .collect();
                let title =
                    if th.recurrent { format!("{} (recurrent)", th.tally.label) } else { th.tally.label.clone() };
                bar_chart(format!("theme-{i}"), title, "", max, bars)
            })
            .collect_view()
            .into_any()
    };
    view! {
        <PageHeading text="Statistics" caption="The last four quarters".to_string() />
        <p class="govuk-body"><a class="govuk-link" id="quality-report-link" href=Route::QualityReport.href()>"The quarterly quality assurance report"</a></p>
        <h2 class="govuk-heading-m" id="timeliness-heading">"Deadlines met on time"</h2>
        <p class="govuk-body">"Of the deadlines that fell due in each quarter and are decided (met, or past due), the share met on time."</p>
        <div class="app-charts" id="timeliness"><Loading state=timeliness render=draw_timeliness /></div>
        <h2 class="govuk-heading-m" id="themes-heading">"Themes across cases"</h2>
        <p class="govuk-body">"Cases by the quarter the local authority became aware, for each theme; a theme on 3 cases or more in the last 4 quarters recurs."</p>
        <div class="app-charts" id="themes-over-time"><Loading state=themes render=draw_themes /></div>
    }
}

#[component]
pub fn QualityReportPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let now = Quarter::of(crate::clock::today());
    let quarters: Vec<(String, String)> =
        now.last(8).into_iter().rev().map(|q| (format!("{}-Q{}", q.year, q.q), q.label())).collect();
    let chosen = RwSignal::new(format!("{}-Q{}", now.year, now.q));
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let fetch = move || {
        let q = chosen.get_untracked();
        spawn_local(async move {
            let answer: Result<QualityReport, ApiFailure> =
                api::read(session, &format!("statistics/quality-report?quarter={q}")).await;
            let _ = loaded.try_set(match answer {
                Ok(r) => Load::Loaded(share(r)),
                Err(why) => Load::Failed(why),
            });
        });
    };
    fetch();
    let download = move |_| {
        let q = chosen.get_untracked();
        state.send(
            api::docx_at(session, format!("statistics/quality-report?quarter={q}&format=docx")),
            move |bytes: Vec<u8>| crate::pages::overview::checks::save_as(&bytes, &format!("quality-report-{q}.docx")),
        );
    };
    let render = |r: QualityReport| {
        let rows = r
            .actions
            .iter()
            .chain(std::iter::once(&r.total))
            .map(|a| {
                view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{a.agency.clone()}</th>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{a.opened}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{a.closed}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{a.overdue}</td>
                    </tr>
                }
            })
            .collect_view();
        let v = &r.reviews;
        view! {
            <table class="govuk-table" id="quality-actions">
                <caption class="govuk-table__caption govuk-table__caption--m">{format!("Actions by agency, {}", r.quarter)}</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Agency"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Opened"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Closed"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Overdue"</th>
                </tr></thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
            <h2 class="govuk-heading-m">"Briefings and reviews"</h2>
            <dl class="govuk-summary-list" id="quality-reviews">
                {[("Learning briefings published", r.briefings_published), ("Rapid Reviews started", v.rapid_reviews_started),
                  ("Rapid Reviews finished", v.rapid_reviews_finished), ("Local CSPRs started", v.csprs_started),
                  ("Local CSPRs finished", v.csprs_finished)].into_iter().map(|(k, n)| view! {
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">{k}</dt>
                        <dd class="govuk-summary-list__value">{n}</dd>
                    </div>
                }).collect_view()}
            </dl>
        }
    };
    view! {
        <BackLink href=Route::Statistics.href() />
        <ErrorSummary failure=state.failure />
        <PageHeading text="Quality assurance report" />
        <form novalidate id="quarter-form" on:submit=move |ev| { ev.prevent_default(); loaded.set(Load::Loading); fetch(); }>
            <Select id="quarter" label="Quarter" options=quarters value=chosen on_change=Callback::new(move |v| chosen.set(v)) errors=state.errors />
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button govuk-button--secondary" id="show-quarter">"Show this quarter"</button>
                <button type="button" class="govuk-button govuk-button--secondary" id="download-quality" on:click=download disabled=move || state.sending.get()>"Download (Word)"</button>
            </div>
        </form>
        <Loading state=loaded render=render />
    }
}
