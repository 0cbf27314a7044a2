//! Bar charts drawn as SVG, each with the same figures in a table beside it: the chart for
//! the eye, the table for a screen reader and for copying (the chart is hidden from
//! assistive technology, which reads the table).
use leptos::prelude::*;

/// One bar: its label (a quarter) and value; no value draws no bar ("no data").
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    /// What the table says of it ("2 of 3 on time").
    pub detail: String,
}

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 28.0;

/// A bar chart of `bars` on a scale from 0 to `max` (100 for percentages), with its table.
pub fn bar_chart(id: String, title: String, unit: &'static str, max: f64, bars: Vec<Bar>) -> impl IntoView {
    let n = bars.len().max(1) as f64;
    let slot = (WIDTH - LEFT) / n;
    let plot = HEIGHT - BOTTOM;
    let max = if max <= 0.0 { 1.0 } else { max };
    let ticks = [0.0, 0.5, 1.0]
        .into_iter()
        .map(|f| {
            let y = plot - plot * f + 4.0;
            let label = format!("{}{unit}", (max * f).round());
            view! {
                <line x1=LEFT y1=y x2=WIDTH y2=y class="app-chart__grid" />
                <text x=LEFT - 6.0 y=y + 4.0 text-anchor="end" class="app-chart__tick">{label}</text>
            }
        })
        .collect_view();
    let columns = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let x = LEFT + slot * i as f64 + slot * 0.2;
            let w = slot * 0.6;
            let h = b.value.map(|v| plot * (v / max).clamp(0.0, 1.0)).unwrap_or(0.0);
            let y = plot - h + 4.0;
            let text = b.value.map(|v| format!("{v}{unit}")).unwrap_or_else(|| "–".into());
            view! {
                <rect x=x y=y width=w height=h class="app-chart__bar" />
                <text x=x + w / 2.0 y=(y - 4.0).max(12.0) text-anchor="middle" class="app-chart__value">{text}</text>
                <text x=x + w / 2.0 y=HEIGHT - 8.0 text-anchor="middle" class="app-chart__tick">{b.label.clone()}</text>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .map(|b| {
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{b.label}</th>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{b.value.map(|v| format!("{v}{unit}")).unwrap_or_else(|| "No data".into())}</td>
                    <td class="govuk-table__cell">{b.detail}</td>
                </tr>
            }
        })
        .collect_view();
    let viewbox = format!("0 0 {WIDTH} {HEIGHT}");
    view! {
        <figure class="app-chart" id=id.clone()>
            <figcaption class="govuk-heading-s">{title.clone()}</figcaption>
            <svg class="app-chart__svg" viewBox=viewbox aria-hidden="true" focusable="false">
                {ticks}
                {columns}
            </svg>
            <table class="govuk-table app-chart__table" id=format!("{id}-table")>
                <caption class="govuk-table__caption govuk-table__caption--s">{format!("{title}: the figures")}</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Quarter"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Value"</th>
                    <th scope="col" class="govuk-table__header">"Of"</th>
                </tr></thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        </figure>
    }
}
