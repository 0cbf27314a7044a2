//! Learning that changes practice: the actions board and an action, the learning briefings,
//! the themes (the partnership's list and a case's), the statistics and quarterly report, and
//! the calendar feed. A lazily loaded chunk of its own in the app's build.
pub mod action_form;
pub mod actions;
pub mod briefings;
pub mod case_learning;
pub mod chart;
pub mod feed;
pub mod headings;
pub mod statistics;
pub mod themes;

use crate::pages::NotFound;
use crate::router::Route;
use leptos::prelude::*;

/// The page of a route of this chunk.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Actions => view! { <actions::ActionsPage /> }.into_any(),
        Route::Action(id) => view! { <actions::ActionPage id=id /> }.into_any(),
        Route::Briefings => view! { <briefings::BriefingsPage /> }.into_any(),
        Route::Briefing(id) => view! { <briefings::BriefingPage id=id /> }.into_any(),
        Route::Themes => view! { <themes::ThemesPage /> }.into_any(),
        Route::CaseThemes(id) => view! { <themes::CaseThemesPage id=id /> }.into_any(),
        Route::Statistics => view! { <statistics::StatisticsPage /> }.into_any(),
        Route::QualityReport => view! { <statistics::QualityReportPage /> }.into_any(),
        Route::CalendarFeed => view! { <feed::CalendarFeedPage /> }.into_any(),
        Route::NewAction(case) => {
            view! { <action_form::ActionFormPage target=action_form::Target::New(case) /> }.into_any()
        }
        Route::EditAction(id) => {
            view! { <action_form::ActionFormPage target=action_form::Target::Change(id) /> }.into_any()
        }
        Route::BriefingHeadings => view! { <headings::BriefingHeadingsPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}
