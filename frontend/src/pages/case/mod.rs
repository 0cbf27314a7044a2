//! Cases (issue 4): the Serious Incident Notification, a case's page with its clocks and
//! timeline, the office's and the strategic lead's steps, the agencies' answers, and the
//! partnership dashboard of open clocks.
pub mod clocks;
pub mod dashboard;
pub mod decision;
pub mod list;
pub mod meeting;
pub mod notify;
pub mod requests;
pub mod response;
pub mod steps;
pub mod timeline;
pub mod view;

pub use dashboard::Dashboard;
pub use decision::CaseDecisionPage;
pub use list::CasesPage;
pub use meeting::MeetingPage;
pub use notify::NotificationPage;
pub use requests::RequestsPage;
pub use response::ResponsePage;
pub use steps::{SendRequestsPage, SentOnPage};
pub use view::CasePage;

use crate::api::{self, ApiFailure, CaseRecord};
use crate::components::{share, DateProblems, FieldErrors, Load, Shared};
use crate::router::{Route, Router};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::{
    AdditionalInformation, CaseAction, CaseDecision, CaseView, Notification, RapidReviewMeeting, SendRequests,
};
use shared::FieldError;
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

/// The state of a form page: its field errors, unreadable dates, the failure shown in the
/// error summary, whether it is being sent; and the session and router. Cheap to copy; made
/// when the page is.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    pub errors: FieldErrors,
    pub problems: DateProblems,
    pub failure: RwSignal<Option<ApiFailure>>,
    pub sending: RwSignal<bool>,
    pub session: Session,
    pub router: Router,
}

impl FormState {
    pub fn new() -> FormState {
        FormState {
            errors: FieldErrors::new(),
            problems: DateProblems::new(),
            failure: RwSignal::new(None),
            sending: RwSignal::new(false),
            session: Session::expect(),
            router: Router::get(),
        }
    }

    /// Checks `found` (the page's own checks) with the dates that cannot be read first. True
    /// when there is nothing wrong and nothing being sent: the page may send.
    pub fn ready(&self, found: Vec<FieldError>) -> bool {
        if self.sending.get_untracked() {
            return false;
        }
        let dates = self.problems.all();
        let mut all = dates.clone();
        all.extend(found.into_iter().filter(|e| !dates.iter().any(|d| d.field == e.field)));
        if all.is_empty() {
            self.errors.clear();
            self.failure.set(None);
            true
        } else {
            self.errors.set(all.clone());
            self.failure.set(Some(ApiFailure::Invalid(all)));
            false
        }
    }

    /// Shows a failed request (nothing when the session ended: the sign-in form shows).
    pub fn fail(&self, why: ApiFailure) {
        if why != ApiFailure::SessionEnded {
            self.errors.set(why.fields().to_vec());
            self.failure.set(Some(why));
        }
    }
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}

/// Sends `record` for case `id`; back to the case's page when it is recorded.
pub fn send_record(form: FormState, id: Uuid, record: CaseRecord) {
    let (session, router) = (form.session, form.router);
    form.sending.set(true);
    spawn_local(async move {
        let outcome = api::record(session, id, record).await;
        form.sending.set(false);
        match outcome {
            Ok(_) => router.go(Route::Case(id)),
            Err(why) => form.fail(why),
        }
    });
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
}
