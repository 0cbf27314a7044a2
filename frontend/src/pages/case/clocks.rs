//! A table of clocks: what is due, when, the working days left and the status. The case
//! page lists all its clocks; the dashboard and the home page list open clocks with their case.
use crate::components::{CaseStageTag, ClockTag};
use chrono::NaiveDate;
use leptos::prelude::*;
use shared::calendar::ClockStatus;
use shared::case::journey::days_left_text;
use shared::case::CaseStage;
use shared::referral::journey::long_date;

/// One row of a clocks table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockRow {
    /// `(link, reference)` of the case, on tables across cases.
    pub case: Option<(String, String)>,
    pub stage: Option<CaseStage>,
    pub title: String,
    pub due: NaiveDate,
    pub met: Option<NaiveDate>,
    pub status: ClockStatus,
    pub left: i64,
    /// Said under the due date (a calendar warning).
    pub warning: Option<String>,
    /// Said under the deadline: the rule the clock was started under.
    pub rule: Option<String>,
}

#[component]
pub fn ClocksTable(#[prop(into)] id: String, #[prop(into)] caption: String, rows: Vec<ClockRow>) -> impl IntoView {
    let across_cases = rows.iter().any(|r| r.case.is_some());
    let body = rows
        .into_iter()
        .map(|r| {
            let case = r.case.map(|(href, reference)| {
                view! {
                    <td class="govuk-table__cell">
                        <a class="govuk-link" href=href data-case=reference.clone()>{format!("Case {reference}")}</a>
                    </td>
                }
            });
            let stage = r.stage.map(|s| view! { <td class="govuk-table__cell"><CaseStageTag stage=s /></td> });
            let due = match r.met {
                Some(met) => format!("{} (met {})", long_date(r.due), long_date(met)),
                None => long_date(r.due),
            };
            let warning = r.warning.map(|w| view! { <br /><span class="govuk-body-s">{w}</span> });
            let rule = r.rule.map(|w| view! { <br /><span class="govuk-body-s app-clock-rule">{w}</span> });
            view! {
                <tr class="govuk-table__row">
                    {case}
                    <td class="govuk-table__cell">{r.title}{rule}</td>
                    <td class="govuk-table__cell">{due}{warning}</td>
                    <td class="govuk-table__cell">{days_left_text(r.status, r.left)}</td>
                    <td class="govuk-table__cell"><ClockTag status=r.status /></td>
                    {stage}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table" id=id>
            <caption class="govuk-table__caption govuk-visually-hidden">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    {across_cases.then(|| view! { <th scope="col" class="govuk-table__header">"Case"</th> })}
                    <th scope="col" class="govuk-table__header">"Deadline"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Working days"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    {across_cases.then(|| view! { <th scope="col" class="govuk-table__header">"Stage"</th> })}
                </tr>
            </thead>
            <tbody class="govuk-table__body">{body}</tbody>
        </table>
    }
}
