//! A case's learning, on the case's page: its briefings (and opening the Rapid Review's once
//! the case is decided), its themes, and its actions.
use super::actions::actions_table;
use crate::api::{self, ApiFailure};
use crate::components::{share, Load, Loading, Shared};
use crate::router::{Route, Router};
use crate::session::Session;
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::CaseView;
use shared::learning::actions::ACTION_BOARD;
use shared::learning::briefing::BRIEFING_WRITERS;
use shared::learning::{ActionView, BriefingOccasion, BriefingSummary, BriefingView, NewBriefing, THEME_TAGGERS};
use uuid::Uuid;

/// The case's briefings, loaded in the background (the list, filtered to the case).
pub fn load_briefings(session: Session, case: Uuid) -> RwSignal<Vec<BriefingSummary>> {
    let list = RwSignal::new(Vec::new());
    spawn_local(async move {
        let answer: Result<Vec<BriefingSummary>, ApiFailure> = api::read(session, "briefings").await;
        if let Ok(all) = answer {
            let _ = list.try_set(all.into_iter().filter(|b| b.case_id == case).collect());
        }
    });
    list
}

#[component]
pub fn CaseLearning(case: CaseView, briefings: RwSignal<Vec<BriefingSummary>>) -> impl IntoView {
    let session = Session::expect();
    let router = Router::get();
    let roles = untrack(|| session.me()).map(|m| m.roles).unwrap_or_default();
    let has = |list: &[shared::Role]| roles.iter().any(|r| list.contains(r));
    let id = case.id;
    let failure = RwSignal::new(None::<ApiFailure>);
    let opening = RwSignal::new(false);
    let may_open = case.stage.decided() && has(BRIEFING_WRITERS);
    let open = move |_| {
        if opening.get_untracked() {
            return;
        }
        opening.set(true);
        spawn_local(async move {
            let body = NewBriefing { occasion: BriefingOccasion::RapidReview };
            let answer: Result<BriefingView, ApiFailure> =
                api::write(session, Method::POST, &format!("cases/{id}/briefings"), &body, None).await;
            let _ = opening.try_set(false);
            match answer {
                Ok(b) => router.go(Route::Briefing(b.id)),
                Err(why) => {
                    let _ = failure.try_set(Some(why));
                }
            }
        });
    };
    let write_button = move || {
        let none_yet = briefings.with(|b| !b.iter().any(|x| x.occasion == BriefingOccasion::RapidReview));
        (may_open && none_yet).then(|| {
            view! {
                <button type="button" class="govuk-button govuk-button--secondary" id="write-briefing" on:click=open disabled=move || opening.get()>
                    "Write the learning briefing"
                </button>
            }
        })
    };
    let problem = move || {
        failure.get().map(|f| view! { <p class="govuk-error-message" id="briefing-failure">{f.to_string()}</p> })
    };
    let themes = has(THEME_TAGGERS).then(|| {
        view! { <p class="govuk-body"><a class="govuk-link" id="case-themes-link" href=Route::CaseThemes(id).href()>"Themes of the case"</a></p> }
    });
    let actions = has(ACTION_BOARD).then(|| {
        let loaded = RwSignal::new(Load::<Shared>::Loading);
        spawn_local(async move {
            let answer: Result<Vec<ActionView>, ApiFailure> =
                api::read(session, &format!("actions?case_id={id}")).await;
            let _ = loaded.try_set(match answer {
                Ok(list) => Load::Loaded(share(list)),
                Err(why) => Load::Failed(why),
            });
        });
        view! { <Loading state=loaded render={|list: Vec<ActionView>| actions_table("case-actions", list)} /> }
    });
    let add = has(&[shared::Role::BusinessOffice]).then(|| {
        view! { <p class="govuk-body"><a class="govuk-link" id="add-action" href=Route::NewAction(id).href()>"Add an action"</a></p> }
    });
    view! {
        <h2 class="govuk-heading-m" id="learning-heading">"Learning"</h2>
        {problem}
        {write_button}
        {themes}
        {actions}
        {add}
    }
}
