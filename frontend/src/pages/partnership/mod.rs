//! The business office administers its partnership: its agencies, inviting people and
//! setting their roles and agency, closure days and the national addresses; every person's
//! working-days calculator; and the page an invitation's link opens. A lazily loaded chunk of
//! its own in the app's build.
pub mod addresses;
pub mod agencies;
pub mod closures;
pub mod invite;
pub mod report_sections;
pub mod retention;
pub mod working_days;

use crate::pages::{NotFound, PageHeading};
use crate::router::Route;
use crate::session::Session;
use leptos::prelude::*;
use shared::people::manages_people;

/// The page of a route of this chunk.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Settings => view! { <SettingsPage /> }.into_any(),
        Route::Agencies => view! { <agencies::AgenciesPage /> }.into_any(),
        Route::NewAgency => view! { <agencies::AgencyPage id=None /> }.into_any(),
        Route::Agency(id) => view! { <agencies::AgencyPage id=Some(id) /> }.into_any(),
        Route::Invite => view! { <invite::InvitePage /> }.into_any(),
        Route::EditPerson(id) => view! { <invite::EditPersonPage id=id /> }.into_any(),
        Route::Closures => view! { <closures::ClosuresPage /> }.into_any(),
        Route::Addresses => view! { <addresses::AddressesPage /> }.into_any(),
        Route::ReportSections => view! { <report_sections::ReportSectionsPage /> }.into_any(),
        Route::Retention => view! { <retention::RetentionPage /> }.into_any(),
        Route::WorkingDays => view! { <working_days::WorkingDaysPage /> }.into_any(),
        Route::AcceptInvitation => {
            view! { <crate::pages::account::PasswordLinkPage link=crate::pages::account::PasswordLink::Invitation /> }
                .into_any()
        }
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// Whether the person signed in is the business office (the server decides; the pages
/// follow).
pub fn is_office(session: Session) -> bool {
    session.me().is_some_and(|me| manages_people(&me.roles))
}

/// The office's settings: a link to each.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let link = |route: Route, id: &'static str, text: &'static str, about: &'static str| {
        view! {
            <li>
                <a class="govuk-link govuk-!-font-weight-bold" id=id href=route.href()>{text}</a>
                <p class="govuk-body">{about}</p>
            </li>
        }
    };
    view! {
        <PageHeading text="Your partnership" />
        <ul class="govuk-list" id="settings">
            {link(Route::Agencies, "settings-agencies", "Agencies", "Add agencies, change them, and stop offering those no longer involved.")}
            {link(Route::People, "settings-people", "People", "Change roles and agencies, remove people or disable accounts.")}
            {link(Route::Invite, "settings-invite", "Invite a person", "Send a link to set a password and a second factor.")}
            {link(Route::Closures, "settings-closures", "Closure days", "Days the partnership does not count as working days.")}
            {link(Route::WorkingDays, "settings-working-days", "Working days calculator", "The date a number of working days after another.")}
            {link(Route::Addresses, "settings-addresses", "National email addresses", "Where notifications and reports are sent: the National Panel, Ofsted and the DfE.")}
            {link(Route::ReportSections, "settings-report-sections", "Overview report sections", "The headings a first draft of an overview report starts from.")}
            {link(Route::BriefingHeadings, "settings-briefing-headings", "Learning briefing headings", "The six headings a new learning briefing starts from.")}
            {link(Route::Themes, "settings-themes", "Themes", "The themes cases, actions and recommendations are tagged with.")}
            {link(Route::Retention, "settings-retention", "Keeping and deleting closed cases", "How long a closed case is kept, and deleting the cases past it.")}
        </ul>
    }
}

/// A success banner that takes the focus.
pub fn success(id: &'static str, message: String) -> impl IntoView {
    let banner = NodeRef::<leptos::html::Div>::new();
    banner.on_load(|div| {
        let _ = div.focus();
    });
    let title = format!("{id}-title");
    let labelled_by = title.clone();
    view! {
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
            aria-labelledby=labelled_by id=id tabindex="-1" node_ref=banner>
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id=title>"Success"</h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">{message}</p>
            </div>
        </div>
    }
}
