//! The whole app: the header, and in `<main>` the page for the address and the session.
//!
//! When the session ends (tokens refused and not renewable), the current page stays mounted but
//! hidden, with whatever the person typed, and the sign-in form is shown with a message.
//! Signing in again as the same person resumes that page; anyone else starts afresh at home.
use crate::components::{Header, IdleWarning};
use crate::pages::account::{
    ChangePasswordPage, ForgotPasswordPage, OutboxPage, PasswordLink, PasswordLinkPage, SecondFactorPage,
};
use crate::pages::case::{
    CaseDecisionPage, CasePage, CasesPage, ClockRulesPage, Dashboard, ExtensionPage, MeetingPage,
    NotificationFromReferral, NotificationPage, ObservationPage, RequestsPage, ResponsePage, SendRequestsPage,
    SentOnPage,
};
use crate::pages::people::{AuditPage, PeoplePage};
use crate::pages::referral::{
    CheckAnswers, DecisionPage, RecommendationPage, ReferralPage, ReturnPage, SectionPage, SignOffPage, TaskList,
};
use crate::pages::{Home, NotFound, Partnerships, SignIn};
use crate::router::{CaseStep, Route, Router};
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    let router = Router::provide();
    router.intercept_links();
    view! {
        <a href="#main-content" class="govuk-skip-link">"Skip to main content"</a>
        <Header />
        <div class="govuk-width-container">
            <main class="govuk-main-wrapper" id="main-content">
                <IdleWarning />
                <CurrentPage />
            </main>
        </div>
        <footer class="govuk-footer">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        <p class="govuk-body-s">
                            "CSPR Hub: Child Safeguarding Practice Reviews for safeguarding partnerships. "
                            "Free software under the GNU Affero General Public License."
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}

/// The sign-in page, or once signed in the page of the address.
#[component]
pub fn CurrentPage() -> impl IntoView {
    let session = Session::expect();
    let router = Router::get();
    // Only who is signed in matters here, not token refreshes.
    let person = Memo::new(move |_| session.me().map(|me| (me.user.id, me.tenant.slug)));
    let ended = Memo::new(move |_| session.ended_message());
    let must_enrol = Memo::new(move |_| session.me().is_some_and(|me| me.second_factor.must_enrol));
    move || match person.get() {
        // Forgotten passwords: pages for people not signed in.
        None if router.route().is_public() => page(router.route()),
        None => view! { <SignIn /> }.into_any(),
        Some(_) => view! {
            {move || ended.get().map(|message| view! { <SignIn ended=message /> })}
            <div hidden=move || ended.with(Option::is_some)>
                // A session that may only enrol shows the second factor's set-up, whatever the address.
                {move || page(if must_enrol.get() { Route::SecondFactor } else { router.route() })}
            </div>
        }
        .into_any(),
    }
}

/// A stage's page: with lazy chunks, "Loading…" (announced politely) until the stage's chunk
/// has arrived (once; then at once), then the page; without them (the wasm tests, which are
/// not split), the page straight away.
#[cfg(feature = "lazy")]
macro_rules! stage {
    ($pages:ident($route:expr)) => {
        lazy_stage($pages($route))
    };
}
#[cfg(not(feature = "lazy"))]
macro_rules! stage {
    ($pages:ident($route:expr)) => {
        $pages($route)
    };
}

/// The page of `route`. Sign-in (above) and "not found" are in the first wasm chunk; home is a
/// chunk of its own (fetched once signed in), the partnership switcher goes with the account pages; each stage's pages (the referral's, the cases', the accounts', the
/// office's people and audit trail) are a lazily loaded
/// chunk of their own in the app's build (feature `lazy`), fetched when a page of that stage
/// is first shown.
fn page(route: Route) -> AnyView {
    match route {
        Route::Home => stage!(home_page(route)),
        Route::NotFound => view! { <NotFound /> }.into_any(),
        Route::Referral(_)
        | Route::Tasks(_)
        | Route::Section(..)
        | Route::CheckAnswers(_)
        | Route::Recommend(_)
        | Route::Decide(_)
        | Route::Return(_)
        | Route::SignOff(_) => stage!(referral_pages(route)),
        Route::Cases
        | Route::NewCase
        | Route::NewCaseFrom(_)
        | Route::Case(_)
        | Route::CaseStep(..)
        | Route::Requests
        | Route::Request(_)
        | Route::Dashboard
        | Route::ClockRules => stage!(case_pages(route)),
        Route::Review(_)
        | Route::ReviewStep(..)
        | Route::AgencyReport(..)
        | Route::Chronology(_)
        | Route::Process(..) => {
            stage!(review_pages(route))
        }
        Route::Overview(_) | Route::OverviewEdit(_) | Route::Publication(_) => stage!(overview_pages(route)),
        Route::Partnerships
        | Route::ForgotPassword
        | Route::ResetPassword
        | Route::ChangePassword
        | Route::SecondFactor
        | Route::Outbox => {
            stage!(account_pages(route))
        }
        Route::People | Route::Audit => stage!(people_pages(route)),
        Route::Settings
        | Route::Agencies
        | Route::NewAgency
        | Route::Agency(_)
        | Route::Invite
        | Route::EditPerson(_)
        | Route::Closures
        | Route::Addresses
        | Route::ReportSections
        | Route::Retention
        | Route::WorkingDays
        | Route::AcceptInvitation => stage!(partnership_pages(route)),
        Route::Actions
        | Route::Action(_)
        | Route::NewAction(_)
        | Route::EditAction(_)
        | Route::Briefings
        | Route::Briefing(_)
        | Route::Themes
        | Route::CaseThemes(_)
        | Route::Statistics
        | Route::QualityReport
        | Route::CalendarFeed
        | Route::BriefingHeadings => stage!(learning_pages(route)),
    }
}

/// A local CSPR's pages (the review, its steps, the agencies' reports, the merged
/// chronology): a chunk of their own.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn review_pages(route: Route) -> AnyView {
    crate::pages::cspr::page(route)
}

/// The overview report's pages (the text and its comments, the editor, publication): a
/// chunk of their own.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn overview_pages(route: Route) -> AnyView {
    crate::pages::overview::page(route)
}

/// The office's administration of its partnership (agencies, invitations, closure days,
/// addresses), the working-days calculator and accepting an invitation: a chunk of their own.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn partnership_pages(route: Route) -> AnyView {
    crate::pages::partnership::page(route)
}

/// Learning that changes practice (actions, briefings, themes, statistics, the quarterly
/// report, the calendar feed): a chunk of their own.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn learning_pages(route: Route) -> AnyView {
    crate::pages::learning::page(route)
}

#[cfg(feature = "lazy")]
fn lazy_stage(load: impl std::future::Future<Output = AnyView> + 'static) -> AnyView {
    // The split loader's future is not `Send`; the browser has one thread.
    let load = send_wrapper::SendWrapper::new(load);
    view! {
        <Suspense fallback=|| view! { <p class="app-loading" role="status">"Loading…"</p> }>
            {Suspend::new(load)}
        </Suspense>
    }
    .into_any()
}

/// The referral's pages: a chunk of their own.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn referral_pages(route: Route) -> AnyView {
    match route {
        Route::Referral(id) => view! { <ReferralPage id=id /> }.into_any(),
        Route::Tasks(id) => view! { <TaskList id=id /> }.into_any(),
        Route::Section(id, section) => view! { <SectionPage id=id section=section /> }.into_any(),
        Route::CheckAnswers(id) => view! { <CheckAnswers id=id /> }.into_any(),
        Route::Recommend(id) => view! { <RecommendationPage id=id /> }.into_any(),
        Route::Decide(id) => view! { <DecisionPage id=id /> }.into_any(),
        Route::Return(id) => view! { <ReturnPage id=id /> }.into_any(),
        Route::SignOff(id) => view! { <SignOffPage id=id /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// A person's account (forgotten and changed passwords) and the office's outbox: a chunk of
/// their own.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn account_pages(route: Route) -> AnyView {
    match route {
        Route::Partnerships => view! { <Partnerships /> }.into_any(),
        Route::ForgotPassword => view! { <ForgotPasswordPage /> }.into_any(),
        Route::ResetPassword => view! { <PasswordLinkPage link=PasswordLink::Reset /> }.into_any(),
        Route::ChangePassword => view! { <ChangePasswordPage /> }.into_any(),
        Route::SecondFactor => view! { <SecondFactorPage /> }.into_any(),
        Route::Outbox => view! { <OutboxPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// The business office's people and audit trail: a chunk of their own.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn people_pages(route: Route) -> AnyView {
    match route {
        Route::People => view! { <PeoplePage /> }.into_any(),
        Route::Audit => view! { <AuditPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// Home, shown once signed in (never before): a chunk of its own, so the sign-in page's first
/// load does not carry it.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn home_page(_route: Route) -> AnyView {
    view! { <Home /> }.into_any()
}

/// The cases' pages (cases, information requests, the dashboard): a chunk of their own.
#[cfg_attr(feature = "lazy", leptos::lazy)]
fn case_pages(route: Route) -> AnyView {
    match route {
        Route::Cases => view! { <CasesPage /> }.into_any(),
        Route::NewCase => view! { <NotificationPage /> }.into_any(),
        Route::NewCaseFrom(referral) => view! { <NotificationFromReferral referral=referral /> }.into_any(),
        Route::Case(id) => view! { <CasePage id=id /> }.into_any(),
        Route::CaseStep(id, CaseStep::SendRequests) => view! { <SendRequestsPage id=id /> }.into_any(),
        Route::CaseStep(id, CaseStep::Meeting) => view! { <MeetingPage id=id /> }.into_any(),
        Route::CaseStep(id, CaseStep::Decision) => view! { <CaseDecisionPage id=id /> }.into_any(),
        Route::CaseStep(id, CaseStep::Observation) => view! { <ObservationPage id=id /> }.into_any(),
        Route::CaseStep(id, CaseStep::Extension) => view! { <ExtensionPage id=id /> }.into_any(),
        Route::ClockRules => view! { <ClockRulesPage /> }.into_any(),
        Route::CaseStep(id, step) => view! { <SentOnPage id=id step=step /> }.into_any(),
        Route::Requests => view! { <RequestsPage /> }.into_any(),
        Route::Request(id) => view! { <ResponsePage id=id /> }.into_any(),
        Route::Dashboard => view! { <Dashboard /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}
