//! A GOV.UK summary list: a key, its answer, and optionally a link to change it.
use leptos::prelude::*;

/// One row of a summary list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub key: String,
    pub value: String,
    /// `(href, what is changed)` for the "Change" link.
    pub change: Option<(String, String)>,
}

impl SummaryRow {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> SummaryRow {
        SummaryRow { key: key.into(), value: value.into(), change: None }
    }

    pub fn with_change(mut self, href: Option<String>) -> SummaryRow {
        self.change = href.map(|h| (h, self.key.to_lowercase()));
        self
    }
}

/// Shown for a box left empty.
pub const NOT_GIVEN: &str = "Not given";

#[component]
pub fn SummaryList(rows: Vec<SummaryRow>, #[prop(optional)] id: Option<String>) -> impl IntoView {
    let any_change = rows.iter().any(|r| r.change.is_some());
    let rows = rows
        .into_iter()
        .map(|row| {
            let empty = row.value.trim().is_empty();
            let value = if empty { NOT_GIVEN.to_string() } else { row.value };
            let actions = row.change.map(|(href, what)| {
                view! {
                    <dd class="govuk-summary-list__actions">
                        <a class="govuk-link" href=href>
                            "Change"<span class="govuk-visually-hidden">{format!(" {what}")}</span>
                        </a>
                    </dd>
                }
            });
            let row_class = if any_change && actions.is_none() {
                "govuk-summary-list__row govuk-summary-list__row--no-actions"
            } else {
                "govuk-summary-list__row"
            };
            view! {
                <div class=row_class>
                    <dt class="govuk-summary-list__key">{row.key}</dt>
                    <dd class="govuk-summary-list__value app-pre-line">{value}</dd>
                    {actions}
                </div>
            }
        })
        .collect_view();
    view! { <dl class="govuk-summary-list" id=id>{rows}</dl> }
}
