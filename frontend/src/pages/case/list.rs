//! The partnership's cases, newest first, and "Report a serious incident" for the office.
use crate::api;
use crate::components::{share, CaseStageTag, Load, Loading, Shared};
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::reports_incidents;
use shared::case::CaseSummary;
use shared::page::Page;
use shared::referral::journey::long_date;

#[component]
pub fn CasesPage() -> impl IntoView {
    let session = Session::expect();
    let roles = session.me().map(|m| m.roles).unwrap_or_default();
    let state = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        state.set(match api::cases(session).await {
            Ok(page) => Load::Loaded(share(page)),
            Err(why) => Load::Failed(why),
        });
    });
    let report = reports_incidents(&roles).then(|| {
        view! {
            <a href=Route::NewCase.href() draggable="false" class="govuk-button" id="report-incident">
                "Report a serious incident"
            </a>
        }
    });
    let render = |page: Page<CaseSummary>| {
        if page.items.is_empty() {
            return view! { <p class="govuk-body" id="no-cases">"There are no cases yet."</p> }.into_any();
        }
        let rows = page
            .items
            .into_iter()
            .map(|c| {
                view! {
                    <tr class="govuk-table__row">
                        <td class="govuk-table__cell">
                            <a class="govuk-link" href=Route::Case(c.id).href() data-case=c.reference.clone()>
                                {format!("Case {}", c.reference)}
                            </a>
                        </td>
                        <td class="govuk-table__cell">{long_date(c.la_aware_on)}</td>
                        <td class="govuk-table__cell"><CaseStageTag stage=c.stage /></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="govuk-table" id="cases">
                <caption class="govuk-table__caption govuk-visually-hidden">"Cases"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Case"</th>
                        <th scope="col" class="govuk-table__header">"Local authority aware"</th>
                        <th scope="col" class="govuk-table__header">"Stage"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <PageHeading text="Cases" />
        {report}
        <p class="govuk-body">
            <a class="govuk-link" href=Route::Dashboard.href()>"See every open deadline on the dashboard"</a>
        </p>
        <Loading state=state render=render />
    }
}
