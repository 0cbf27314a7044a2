//! A local CSPR's pages: the review with its records and the steps the person may take
//! ([`view`]), the office's and lead reviewer's steps ([`steps`], [`group`], [`event`],
//! [`family`], [`processes`]), each agency's chronology and key event analysis ([`report`])
//! and the merged chronology drawn as lanes ([`chronology`]). A lazily loaded chunk of its
//! own in the app's build. The rules are `shared::cspr`'s; the pages offer only what the
//! server answers the person may do.
pub mod chronology;
pub mod event;
pub mod family;
pub mod group;
pub mod processes;
pub mod report;
pub mod steps;
pub mod view;

use crate::api::{self, CsprRecord};
use crate::components::{share, Load, Shared};
use crate::form::FormState;
use crate::pages::NotFound;
use crate::router::{ReviewStep, Route};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::ObservationRequest;
use shared::cspr::*;
use uuid::Uuid;

/// The page of a route of this chunk.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Review(id) => view! { <view::ReviewPage id=id /> }.into_any(),
        Route::ReviewStep(id, ReviewStep::Group) => view! { <group::GroupPage id=id /> }.into_any(),
        Route::ReviewStep(id, ReviewStep::Event) => view! { <event::EventPage id=id /> }.into_any(),
        Route::ReviewStep(id, ReviewStep::Family) => view! { <family::FamilyPage id=id /> }.into_any(),
        Route::ReviewStep(id, ReviewStep::NewProcess) => {
            view! { <processes::ProcessPage id=id process=None /> }.into_any()
        }
        Route::Process(id, p) => view! { <processes::ProcessPage id=id process=Some(p) /> }.into_any(),
        Route::ReviewStep(id, step) => view! { <steps::StepPage id=id step=step /> }.into_any(),
        Route::AgencyReport(id, agency) => view! { <report::ReportPage id=id agency=agency /> }.into_any(),
        Route::Chronology(id) => view! { <chronology::ChronologyPage id=id /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// Starts loading the review of case `id` into a new signal (a [`CsprView`], shared).
pub fn load_review(id: Uuid) -> RwSignal<Load<Shared>> {
    let session = Session::expect();
    let state = RwSignal::new(Load::Loading);
    spawn_local(async move {
        state.set(match api::cspr(session, id).await {
            Ok(view) => Load::Loaded(share(view)),
            Err(why) => Load::Failed(why),
        });
    });
    state
}

/// Starts loading the partnership's agencies (when `needed`) into a new signal (a
/// `Vec<AgencyView>`, shared).
pub fn load_agencies(needed: bool) -> RwSignal<Load<Shared>> {
    let state = RwSignal::new(Load::Loading);
    if needed {
        let session = Session::expect();
        spawn_local(async move {
            state.set(match api::agencies(session).await {
                Ok(list) => Load::Loaded(share(list)),
                Err(why) => Load::Failed(why),
            });
        });
    }
    state
}

/// The agencies loaded into `state`, once they are there.
pub fn loaded_agencies(state: RwSignal<Load<Shared>>) -> Option<Vec<shared::agency::AgencyView>> {
    match state.get_untracked() {
        Load::Loaded(data) => crate::components::unshare(&data),
        _ => None,
    }
}

/// The review loaded into `state`, once it is there.
pub fn loaded_review(state: RwSignal<Load<Shared>>) -> Option<CsprView> {
    match state.get_untracked() {
        Load::Loaded(data) => crate::components::unshare::<CsprView>(&data),
        _ => None,
    }
}

/// Sends `record` for the review of case `id`, as loaded into `review` (a save based on it is
/// refused when someone saved since; the boxes keep what was typed); back to the review when
/// it is recorded.
pub fn send_review(form: FormState, id: Uuid, review: RwSignal<Load<Shared>>, record: CsprRecord) {
    let (session, router) = (form.session, form.router);
    let version = loaded_review(review).map(|v| v.version);
    form.send(api::record_cspr(session, id, record, version), move |_| router.go(Route::Review(id)));
}

/// "You cannot … now", for a step page the person may not take.
pub fn not_allowed(view: &CsprView, action: CsprAction) -> Option<AnyView> {
    (!view.allowed_actions.contains(&action)).then(|| {
        view! {
            <p class="govuk-body" id="not-allowed">"You cannot do this on this review now."</p>
            <p class="govuk-body"><a class="govuk-link" href=Route::Review(view.case_id).href()>"Back to the review"</a></p>
        }
        .into_any()
    })
}

/// The lines of a box written one item per line (blank lines dropped).
pub fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// Every form of the review's pages in one type, so that they share one signal type and one
/// copy of the code that binds boxes to it.
#[derive(Debug, Clone, Default)]
pub struct ReviewForms {
    pub commission: CommissionForm,
    pub lead: String,
    pub scrutineer: String,
    pub notice: NoticeForm,
    pub group: ReviewGroup,
    pub terms: TermsForm,
    /// The key lines of enquiry, one per line.
    pub key_lines: String,
    pub observation: ObservationRequest,
    pub version: String,
    pub agreement: AgreementForm,
    /// Who attended, one per line.
    pub attendees: String,
    pub briefing: AuthorBriefing,
    pub author: AssignAuthor,
    pub agency: String,
    pub person: String,
    pub event: PractitionerEvent,
    pub family: FamilyEngagement,
    pub process: ProcessForm,
    pub officer: parallel::OfficerInCharge,
}

/// A date for people: "3 April 2026".
pub fn long(d: chrono::NaiveDate) -> String {
    shared::referral::journey::long_date(d)
}

/// A date that may be missing.
pub fn maybe(d: Option<chrono::NaiveDate>) -> String {
    d.map(long).unwrap_or_else(|| "Not yet".into())
}
