//! The page header: the partnership's name, then the service navigation with the service
//! name "CSPR Hub", the person signed in, a way to switch partnership and to sign out.
use crate::router::{Route, Router};
use crate::session::Session;
use leptos::prelude::*;
use shared::case::{answers_requests, reads_cases};
use shared::people::manages_people;
use shared::Role;

#[component]
pub fn Header() -> impl IntoView {
    let session = Session::expect();
    let router = Router::get();
    let me = Memo::new(move |_| session.me());
    let signed_in = Memo::new(move |_| session.is_signed_in());
    let partnership = move || {
        me.get()
            .filter(|_| signed_in.get())
            .map(|me| me.tenant.name)
            .unwrap_or_else(|| "Safeguarding partnerships".into())
    };
    let navigation = move || {
        let me = me.get().filter(|_| signed_in.get())?;
        let switch = (!me.other_tenants.is_empty()).then(|| {
            view! {
                <li class="govuk-service-navigation__item">
                    <a class="govuk-service-navigation__link" id="switch-partnership" href=Route::Partnerships.href()>
                        "Switch partnership"
                    </a>
                </li>
            }
        });
        let item = |route: Route, id: &'static str, text: &'static str| {
            view! {
                <li class="govuk-service-navigation__item">
                    <a class="govuk-service-navigation__link" id=id href=route.href()>{text}</a>
                </li>
            }
        };
        let cases = reads_cases(&me.roles).then(|| item(Route::Cases, "nav-cases", "Cases"));
        let dashboard = reads_cases(&me.roles).then(|| item(Route::Dashboard, "nav-dashboard", "Deadlines"));
        let requests =
            answers_requests(&me.roles).then(|| item(Route::Requests, "nav-requests", "Information requests"));
        let outbox = me.roles.contains(&Role::BusinessOffice).then(|| item(Route::Outbox, "nav-outbox", "Outbox"));
        let office = manages_people(&me.roles);
        let people = office.then(|| item(Route::People, "nav-people", "People"));
        let audit = office.then(|| item(Route::Audit, "nav-audit", "Audit trail"));
        let settings = office.then(|| item(Route::Settings, "nav-partnership", "Partnership"));
        let in_roles = |roles: &[Role]| me.roles.iter().any(|r| roles.contains(r));
        let actions =
            in_roles(shared::learning::actions::ACTION_BOARD).then(|| item(Route::Actions, "nav-actions", "Actions"));
        let statistics =
            in_roles(shared::learning::THEME_READERS).then(|| item(Route::Statistics, "nav-statistics", "Statistics"));
        Some(view! {
            <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                <ul class="govuk-service-navigation__list" id="navigation">
                    <li class="govuk-service-navigation__item">
                        <a class="govuk-service-navigation__link" href=Route::Home.href()>"Home"</a>
                    </li>
                    {cases}
                    {dashboard}
                    {requests}
                    {actions}
                    {item(Route::Briefings, "nav-briefings", "Learning briefings")}
                    {statistics}
                    {outbox}
                    {people}
                    {audit}
                    {settings}
                    {switch}
                    {item(Route::CalendarFeed, "nav-calendar", "Calendar feed")}
                    {item(Route::ChangePassword, "nav-password", "Change password")}
                </ul>
            </nav>
            <div class="app-service-navigation__end">
                <p class="app-header__person">
                    <span class="govuk-visually-hidden">"Signed in as "</span>
                    <span id="header-person">{me.user.name}</span>
                </p>
                <button type="button" class="app-link-button" id="sign-out" on:click=move |_| {
                    router.go(Route::Home);
                    session.sign_out();
                }>
                    "Sign out"
                </button>
            </div>
        })
    };
    view! {
        <header class="govuk-header" data-module="govuk-header">
            <div class="govuk-header__container govuk-width-container">
                <div class="govuk-header__logo">
                    <span class="app-header__partnership" id="header-partnership">{partnership}</span>
                </div>
            </div>
        </header>
        <section aria-label="Service information" class="govuk-service-navigation">
            <div class="govuk-width-container govuk-service-navigation__inlining-container">
                <div class="govuk-service-navigation__container">
                    <span class="govuk-service-navigation__service-name">
                        <a href=Route::Home.href() class="govuk-service-navigation__link">"CSPR Hub"</a>
                    </span>
                    {navigation}
                </div>
            </div>
        </section>
    }
}
