//! The timeline of a case, stage by stage, as a picture: a line of stages with a marker each
//! (filled when done, a ring while under way, grey when still to come), and under each stage
//! what happened when and what is due. It is drawn with CSS over an ordered list, so the
//! picture and its text are the same thing for screen readers.
use crate::components::ClockTag;
use leptos::prelude::*;
use shared::case::timeline::{timeline, StageEntry, StageState};
use shared::case::CaseView;
use shared::learning::{BriefingStatus, BriefingSummary};
use shared::referral::journey::long_date;

fn entry(e: StageEntry, due: bool) -> impl IntoView {
    let class = if due { "app-timeline__entry app-timeline__entry--due" } else { "app-timeline__entry" };
    let when = if due { format!("Due {}", long_date(e.on)) } else { long_date(e.on) };
    view! {
        <li class=class>
            <time class="app-timeline__date" datetime=e.on.to_string()>{when}</time>
            <span class="app-timeline__label">{e.label}</span>
            {e.status.map(|s| view! { " " <ClockTag status=s /> })}
        </li>
    }
}

/// The learning that followed: the case's briefings, as a last stage (drafted, published).
fn learning_stage(briefings: Vec<BriefingSummary>) -> Option<impl IntoView> {
    if briefings.is_empty() {
        return None;
    }
    let state = if briefings.iter().any(|b| b.status == BriefingStatus::Published) {
        StageState::Done
    } else {
        StageState::Current
    };
    let entries = briefings
        .into_iter()
        .map(|b| {
            let when = b.published_on.map(|on| view! { <time class="app-timeline__date" datetime=on.to_string()>{long_date(on)}</time> });
            let text = format!("{} learning briefing: {}", b.occasion.label(), b.status.label().to_lowercase());
            view! {
                <li class="app-timeline__entry">
                    {when}
                    <a class="govuk-link app-timeline__label" id=format!("timeline-briefing-{}", b.occasion.as_str()) href=crate::router::Route::Briefing(b.id).href()>{text}</a>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <li class=format!("app-timeline__stage app-timeline__stage--{}", state.as_str()) data-state=state.as_str() id="timeline-learning">
            <span class="app-timeline__marker" aria-hidden="true"></span>
            <h3 class="govuk-heading-s app-timeline__title">"Learning"</h3>
            <p class="govuk-body-s app-timeline__state">{state.label()}</p>
            <ul class="govuk-list govuk-body-s app-timeline__entries">{entries}</ul>
        </li>
    })
}

#[component]
pub fn Timeline(
    case: CaseView,
    /// The case's learning briefings (loaded after the case).
    #[prop(optional)]
    briefings: Option<RwSignal<Vec<BriefingSummary>>>,
) -> impl IntoView {
    let stages = timeline(&case)
        .into_iter()
        .map(|stage| {
            let state = stage.state;
            let entries = stage
                .events
                .into_iter()
                .map(|e| entry(e, false).into_any())
                .chain(stage.deadlines.into_iter().map(|e| entry(e, true).into_any()))
                .collect_view();
            view! {
                <li class=format!("app-timeline__stage app-timeline__stage--{}", state.as_str()) data-state=state.as_str()>
                    <span class="app-timeline__marker" aria-hidden="true"></span>
                    <h3 class="govuk-heading-s app-timeline__title">{stage.phase.title()}</h3>
                    <p class="govuk-body-s app-timeline__state">{state.label()}</p>
                    <ul class="govuk-list govuk-body-s app-timeline__entries">{entries}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2 class="govuk-heading-m" id="timeline-heading">"Timeline"</h2>
        <ol class="app-timeline" id="timeline" aria-labelledby="timeline-heading">
            {stages}
            {move || briefings.and_then(|b| learning_stage(b.get()))}
        </ol>
    }
}
