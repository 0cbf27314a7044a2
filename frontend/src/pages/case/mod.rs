//! The case stage's pages: the Serious Incident Notification, a case's page with its clocks
//! and timeline, the office's and the strategic lead's steps, the agencies' answers, and the
//! partnership dashboard of open clocks. A lazily loaded chunk of its own in the app's build.
pub mod clocks;
pub mod dashboard;
pub mod decision;
pub mod list;
pub mod meeting;
pub mod notify;
pub mod requests;
pub mod response;
pub mod review;
pub mod rules;
pub mod steps;
pub mod timeline;
pub mod view;

pub use dashboard::Dashboard;
pub use decision::CaseDecisionPage;
pub use list::CasesPage;
pub use meeting::MeetingPage;
pub use notify::{NotificationFromReferral, NotificationPage};
pub use requests::RequestsPage;
pub use response::ResponsePage;
pub use review::{ExtensionPage, ObservationPage};
pub use rules::ClockRulesPage;
pub use steps::{SendRequestsPage, SentOnPage};
pub use view::CasePage;

use crate::api::{self, CaseRecord};
use crate::components::{share, Load, Shared};
use crate::form::FormState;
use crate::router::Route;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::{
    AdditionalInformation, CaseAction, CaseDecision, CaseView, Notification, RapidReviewMeeting, SendRequests,
};
use uuid::Uuid;

/// Starts loading case `id` into a new signal (a [`CaseView`], shared).
pub fn load_case(id: Uuid) -> RwSignal<Load<Shared>> {
    let session = Session::expect();
    let state = RwSignal::new(Load::Loading);
    spawn_local(async move {
        state.set(match api::case(session, id).await {
            Ok(view) => Load::Loaded(share(view)),
            Err(why) => Load::Failed(why),
        });
    });
    state
}

/// Sends `record` for case `id`; back to the case's page when it is recorded.
pub fn send_record(form: FormState, id: Uuid, record: CaseRecord) {
    let (session, router) = (form.session, form.router);
    form.send(api::record(session, id, record), move |_| router.go(Route::Case(id)));
}

/// The case loaded into `state`, once it is there.
pub fn loaded_case(state: RwSignal<Load<Shared>>) -> Option<CaseView> {
    match state.get_untracked() {
        Load::Loaded(data) => crate::components::unshare::<CaseView>(&data),
        _ => None,
    }
}

/// "You cannot … now", for a step page the person may not take.
pub fn not_allowed(view: &CaseView, action: CaseAction) -> Option<AnyView> {
    (!view.allowed_actions.contains(&action)).then(|| {
        view! {
            <p class="govuk-body" id="not-allowed">"You cannot do this on this case now."</p>
            <p class="govuk-body"><a class="govuk-link" href=Route::Case(view.id).href()>"Back to the case"</a></p>
        }
        .into_any()
    })
}

/// Every form of the case pages in one type, so that they share one signal type and one copy
/// of the code that binds boxes to it (each type costs the wasm its own copies).
#[derive(Debug, Clone, Default)]
pub struct CaseForms {
    pub notification: Notification,
    pub requests: SendRequests,
    pub meeting: RapidReviewMeeting,
    pub decision: CaseDecision,
    pub answer: AdditionalInformation,
    pub observation: shared::case::ObservationRequest,
    pub extension: shared::case::ReviewExtension,
}
