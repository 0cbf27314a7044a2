//! The whole app: the header, and in `<main>` the page for the address and the session.
//!
//! When the session ends (tokens refused and not renewable), the current page stays mounted but
//! hidden, with whatever the person typed, and the sign-in form is shown with a message.
//! Signing in again as the same person resumes that page; anyone else starts afresh at home.
use crate::components::Header;
use crate::pages::case::{
    CaseDecisionPage, CasePage, CasesPage, Dashboard, MeetingPage, NotificationPage, RequestsPage, ResponsePage,
    SendRequestsPage, SentOnPage,
};
use crate::pages::referral::{
    CheckAnswers, DecisionPage, RecommendationPage, ReferralPage, ReturnPage, SectionPage, TaskList,
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
    move || match person.get() {
        None => view! { <SignIn /> }.into_any(),
        Some(_) => view! {
            {move || ended.get().map(|message| view! { <SignIn ended=message /> })}
            <div hidden=move || ended.with(Option::is_some)>
                {move || page(router.route())}
            </div>
        }
        .into_any(),
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <Home /> }.into_any(),
        Route::Partnerships => view! { <Partnerships /> }.into_any(),
        Route::Referral(id) => view! { <ReferralPage id=id /> }.into_any(),
        Route::Tasks(id) => view! { <TaskList id=id /> }.into_any(),
        Route::Section(id, section) => view! { <SectionPage id=id section=section /> }.into_any(),
        Route::CheckAnswers(id) => view! { <CheckAnswers id=id /> }.into_any(),
        Route::Recommend(id) => view! { <RecommendationPage id=id /> }.into_any(),
        Route::Decide(id) => view! { <DecisionPage id=id /> }.into_any(),
        Route::Return(id) => view! { <ReturnPage id=id /> }.into_any(),
        Route::Cases => view! { <CasesPage /> }.into_any(),
        Route::NewCase => view! { <NotificationPage /> }.into_any(),
        Route::Case(id) => view! { <CasePage id=id /> }.into_any(),
        Route::CaseStep(id, CaseStep::SendRequests) => view! { <SendRequestsPage id=id /> }.into_any(),
        Route::CaseStep(id, CaseStep::Meeting) => view! { <MeetingPage id=id /> }.into_any(),
        Route::CaseStep(id, CaseStep::Decision) => view! { <CaseDecisionPage id=id /> }.into_any(),
        Route::CaseStep(id, step) => view! { <SentOnPage id=id step=step /> }.into_any(),
        Route::Requests => view! { <RequestsPage /> }.into_any(),
        Route::Request(id) => view! { <ResponsePage id=id /> }.into_any(),
        Route::Dashboard => view! { <Dashboard /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
    }
}
