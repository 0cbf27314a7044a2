//! A case's overview report: the text with the comment threads beside it ([`report`],
//! [`text`], [`threads`]), the anonymisation check, the sign-off chain, the versions and their
//! differences and the Word export ([`checks`]), the lead reviewer's editor ([`editor`]), and
//! the submission to the National Panel and the publication plan ([`publication`]). A lazily
//! loaded chunk of its own. The rules are `shared::overview`'s; the pages offer only what the
//! server answers the person may do.
pub mod checks;
pub mod editor;
pub mod publication;
pub mod report;
pub mod text;
pub mod threads;

use crate::api::{self, OverviewStep};
use crate::components::{share, Load, Shared};
use crate::form::FormState;
use crate::pages::NotFound;
use crate::router::Route;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::overview::OverviewView;
use uuid::Uuid;

/// The page of a route of this chunk.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Overview(id) => view! { <report::OverviewPage id=id /> }.into_any(),
        Route::OverviewEdit(id) => view! { <editor::EditPage id=id /> }.into_any(),
        Route::Publication(id) => view! { <publication::PublicationPage id=id /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// Starts loading the report of case `id` into a new signal (an [`OverviewView`], shared).
pub fn load(id: Uuid) -> RwSignal<Load<Shared>> {
    let session = Session::expect();
    let state = RwSignal::new(Load::Loading);
    spawn_local(async move {
        state.set(match api::overview(session, id).await {
            Ok(view) => Load::Loaded(share(view)),
            Err(why) => Load::Failed(why),
        });
    });
    state
}

/// The report loaded into `state`, once it is there.
pub fn loaded(state: RwSignal<Load<Shared>>) -> Option<OverviewView> {
    match state.get_untracked() {
        Load::Loaded(data) => crate::components::unshare::<OverviewView>(&data),
        _ => None,
    }
}

/// A page's way to take a step: the answer replaces the report shown and a banner says
/// `done`; a refusal shows in the error summary and the boxes keep what was typed.
#[derive(Clone, Copy)]
pub struct Steps {
    pub id: Uuid,
    pub report: RwSignal<Load<Shared>>,
    pub state: FormState,
    pub done: RwSignal<Option<&'static str>>,
}

impl Steps {
    pub fn new(id: Uuid) -> Steps {
        Steps { id, report: load(id), state: FormState::new(), done: RwSignal::new(None) }
    }

    pub fn take(self, step: OverviewStep, done: &'static str, then: impl FnOnce() + 'static) {
        let Steps { id, report, state, done: banner } = self;
        banner.set(None);
        state.send(api::overview_step(state.session, id, step), move |view: OverviewView| {
            report.set(Load::Loaded(share(view)));
            banner.set(Some(done));
            then();
            let _ = crate::router::focus_id("saved");
        });
    }
}

/// The success banner of a step.
#[component]
pub fn Done(done: RwSignal<Option<&'static str>>) -> impl IntoView {
    move || {
        done.get().map(|m| {
            view! {
                <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" id="saved" tabindex="-1">
                    <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{m}</p></div>
                </div>
            }
        })
    }
}

/// A date for people: "3 April 2026".
pub fn long(d: chrono::NaiveDate) -> String {
    shared::referral::journey::long_date(d)
}
