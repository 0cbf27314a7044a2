//! A small router over the History API: each page has an address, so back and forward work
//! and links can be opened; the server answers `index.html` for every page address. Links are
//! ordinary `<a href="/...">`: [`Router::intercept_links`] turns clicks on them into page
//! changes without a reload (a reload would drop the in-memory session).
use leptos::ev;
use leptos::prelude::*;
use shared::referral::journey::Section;
use uuid::Uuid;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Home,
    Partnerships,
    /// A referral's summary, stage, outcome and the actions the person may take.
    Referral(Uuid),
    /// The task list of a draft.
    Tasks(Uuid),
    Section(Uuid, Section),
    CheckAnswers(Uuid),
    Recommend(Uuid),
    Decide(Uuid),
    Return(Uuid),
    /// The manager signs off a referral sent to them, or returns it.
    SignOff(Uuid),
    /// The Serious Incident Notification opened from a referral whose decision agreed a
    /// review, with its child carried over.
    NewCaseFrom(Uuid),
    /// The partnership's cases (and "Report a serious incident").
    Cases,
    /// The Serious Incident Notification form: opens a case.
    NewCase,
    /// A case: its clocks, timeline, requests and the actions the person may take.
    Case(Uuid),
    /// A step of a case recorded on a page of its own.
    CaseStep(Uuid, CaseStep),
    /// A case's local CSPR: its records, reports and the steps the person may take.
    Review(Uuid),
    /// A step of a local CSPR on a page of its own.
    ReviewStep(Uuid, ReviewStep),
    /// An agency's chronology and key event analysis: the case, the agency.
    AgencyReport(Uuid, Uuid),
    /// The merged multi-agency chronology of a case.
    Chronology(Uuid),
    /// A parallel process of a case, to update.
    Process(Uuid, Uuid),
    /// A case's overview report: the text with its comment threads, the anonymisation check,
    /// the sign-off chain and the versions.
    Overview(Uuid),
    /// The lead reviewer writes a new version.
    OverviewEdit(Uuid),
    /// The report sent to the National Panel, its response and the publication plan.
    Publication(Uuid),
    /// The partnership's clock rules (read by all; the office changes them).
    ClockRules,
    /// The requests to the person's agency.
    Requests,
    /// One request: the agency's answer.
    Request(Uuid),
    /// Every open clock of the partnership (filters in the query string).
    Dashboard,
    /// Ask for a link to reset a forgotten password (signed out).
    ForgotPassword,
    /// Set a new password with the link's token (in the fragment: `#token=…`).
    ResetPassword,
    /// Change the signed-in person's password.
    ChangePassword,
    /// Set up the second factor (shown instead of any page while the partnership requires
    /// one and the person has none).
    SecondFactor,
    /// The messages the system sent (the business office).
    Outbox,
    /// The partnership's people: roles, memberships, accounts (the business office).
    People,
    /// The partnership's audit trail, filtered in the query string (the business office).
    Audit,
    /// The office's settings of the partnership: links to each.
    Settings,
    /// The partnership's agencies (the office adds and changes them).
    Agencies,
    /// Add an agency.
    NewAgency,
    /// Change an agency.
    Agency(Uuid),
    /// Invite a person.
    Invite,
    /// Set a member's roles and agency.
    EditPerson(Uuid),
    /// The partnership's closure days.
    Closures,
    /// The national addresses.
    Addresses,
    /// The headings a first draft of an overview report starts from.
    ReportSections,
    /// How long closed cases are kept, and the deletion of those due.
    Retention,
    /// Working days from a date (every signed-in person).
    WorkingDays,
    /// Choose a password with an invitation's link (`#token=…`; signed out).
    AcceptInvitation,
    /// The actions across cases, overdue first (filters on the page).
    Actions,
    /// One action: its history, its owner's updates and a lead's agreement.
    Action(Uuid),
    /// Add an action to a case (the office).
    NewAction(Uuid),
    /// Change an action's words, owners and due date (the office).
    EditAction(Uuid),
    /// The partnership's learning briefings.
    Briefings,
    /// One briefing: written, checked, approved, printed.
    Briefing(Uuid),
    /// The partnership's themes (the office edits the list).
    Themes,
    /// The themes a case is tagged with.
    CaseThemes(Uuid),
    /// The timeliness statistics and the themes over time, as charts with tables.
    Statistics,
    /// The quarterly quality assurance report.
    QualityReport,
    /// The person's calendar feed.
    CalendarFeed,
    /// The partnership's headings of new learning briefings (the business office).
    BriefingHeadings,
    NotFound,
}

/// The pages of a case's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStep {
    NotificationSent,
    SendRequests,
    Meeting,
    Decision,
    ReportSent,
    Observation,
    Extension,
    FinalReportSent,
}

/// The pages of a local CSPR's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStep {
    Commission,
    Notice,
    Group,
    Terms,
    Observe,
    Agreement,
    Briefing,
    Authors,
    Event,
    Family,
    NewProcess,
}

impl ReviewStep {
    pub const ALL: [ReviewStep; 11] = [
        ReviewStep::Commission,
        ReviewStep::Notice,
        ReviewStep::Group,
        ReviewStep::Terms,
        ReviewStep::Observe,
        ReviewStep::Agreement,
        ReviewStep::Briefing,
        ReviewStep::Authors,
        ReviewStep::Event,
        ReviewStep::Family,
        ReviewStep::NewProcess,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ReviewStep::Commission => "commission",
            ReviewStep::Notice => "notice",
            ReviewStep::Group => "group",
            ReviewStep::Terms => "terms",
            ReviewStep::Observe => "observe",
            ReviewStep::Agreement => "agreement",
            ReviewStep::Briefing => "briefing",
            ReviewStep::Authors => "authors",
            ReviewStep::Event => "event",
            ReviewStep::Family => "family",
            ReviewStep::NewProcess => "processes",
        }
    }

    /// The page of a step of the review.
    pub fn of(action: shared::cspr::CsprAction) -> Option<ReviewStep> {
        use shared::cspr::CsprAction as A;
        Some(match action {
            A::Commission => ReviewStep::Commission,
            A::SendNotice => ReviewStep::Notice,
            A::SetReviewGroup => ReviewStep::Group,
            A::DraftTerms => ReviewStep::Terms,
            A::ObserveTerms => ReviewStep::Observe,
            A::AgreeTerms => ReviewStep::Agreement,
            A::RecordBriefing => ReviewStep::Briefing,
            A::AssignAuthor => ReviewStep::Authors,
            A::RecordEvent => ReviewStep::Event,
            A::RecordFamily => ReviewStep::Family,
            A::RecordProcess => ReviewStep::NewProcess,
            A::ShareChronology => return None,
        })
    }
}

impl CaseStep {
    pub const ALL: [CaseStep; 8] = [
        CaseStep::NotificationSent,
        CaseStep::SendRequests,
        CaseStep::Meeting,
        CaseStep::Decision,
        CaseStep::ReportSent,
        CaseStep::Observation,
        CaseStep::Extension,
        CaseStep::FinalReportSent,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            CaseStep::NotificationSent => "notification-sent",
            CaseStep::SendRequests => "requests",
            CaseStep::Meeting => "meeting",
            CaseStep::Decision => "decision",
            CaseStep::ReportSent => "report-sent",
            CaseStep::Observation => "observations",
            CaseStep::Extension => "extension",
            CaseStep::FinalReportSent => "final-report-sent",
        }
    }
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let parts: Vec<&str> = path.trim_matches('/').split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["partnerships"] => Route::Partnerships,
            ["referrals", id, rest @ ..] => {
                let Ok(id) = id.parse::<Uuid>() else { return Route::NotFound };
                match rest {
                    [] => Route::Referral(id),
                    ["tasks"] => Route::Tasks(id),
                    ["check"] => Route::CheckAnswers(id),
                    ["recommend"] => Route::Recommend(id),
                    ["decide"] => Route::Decide(id),
                    ["return"] => Route::Return(id),
                    ["sign-off"] => Route::SignOff(id),
                    ["rapid-review"] => Route::NewCaseFrom(id),
                    [slug] => Section::parse(slug).map_or(Route::NotFound, |s| Route::Section(id, s)),
                    _ => Route::NotFound,
                }
            }
            ["cases"] => Route::Cases,
            ["cases", "new"] => Route::NewCase,
            ["cases", id, rest @ ..] => {
                let Ok(id) = id.parse::<Uuid>() else { return Route::NotFound };
                let uuid = |s: &str| s.parse::<Uuid>().ok();
                match rest {
                    [] => Route::Case(id),
                    ["themes"] => Route::CaseThemes(id),
                    ["actions", "new"] => Route::NewAction(id),
                    ["review"] => Route::Review(id),
                    ["review", "chronology"] => Route::Chronology(id),
                    ["review", "report"] => Route::Overview(id),
                    ["review", "report", "edit"] => Route::OverviewEdit(id),
                    ["review", "report", "publication"] => Route::Publication(id),
                    ["review", "reports", agency] => {
                        uuid(agency).map_or(Route::NotFound, |a| Route::AgencyReport(id, a))
                    }
                    ["review", "processes", p] => uuid(p).map_or(Route::NotFound, |p| Route::Process(id, p)),
                    ["review", slug] => ReviewStep::ALL
                        .into_iter()
                        .find(|s| s.slug() == *slug)
                        .map_or(Route::NotFound, |s| Route::ReviewStep(id, s)),
                    [slug] => CaseStep::ALL
                        .into_iter()
                        .find(|s| s.slug() == *slug)
                        .map_or(Route::NotFound, |s| Route::CaseStep(id, s)),
                    _ => Route::NotFound,
                }
            }
            ["information-requests"] => Route::Requests,
            ["information-requests", id] => id.parse().map_or(Route::NotFound, Route::Request),
            ["dashboard"] => Route::Dashboard,
            ["clock-rules"] => Route::ClockRules,
            ["forgot-password"] => Route::ForgotPassword,
            ["reset-password"] => Route::ResetPassword,
            ["account", "password"] => Route::ChangePassword,
            ["account", "second-factor"] => Route::SecondFactor,
            ["outbox"] => Route::Outbox,
            ["people"] => Route::People,
            ["audit"] => Route::Audit,
            ["partnership"] => Route::Settings,
            ["partnership", "agencies"] => Route::Agencies,
            ["partnership", "agencies", "new"] => Route::NewAgency,
            ["partnership", "agencies", id] => id.parse().map_or(Route::NotFound, Route::Agency),
            ["people", "invite"] => Route::Invite,
            ["people", id, "edit"] => id.parse().map_or(Route::NotFound, Route::EditPerson),
            ["partnership", "closures"] => Route::Closures,
            ["partnership", "addresses"] => Route::Addresses,
            ["partnership", "report-sections"] => Route::ReportSections,
            ["partnership", "retention"] => Route::Retention,
            ["working-days"] => Route::WorkingDays,
            ["accept-invitation"] => Route::AcceptInvitation,
            ["actions"] => Route::Actions,
            ["actions", id] => id.parse().map_or(Route::NotFound, Route::Action),
            ["actions", id, "edit"] => id.parse().map_or(Route::NotFound, Route::EditAction),
            ["briefings"] => Route::Briefings,
            ["briefings", id] => id.parse().map_or(Route::NotFound, Route::Briefing),
            ["partnership", "themes"] => Route::Themes,
            ["statistics"] => Route::Statistics,
            ["statistics", "quality-report"] => Route::QualityReport,
            ["account", "calendar"] => Route::CalendarFeed,
            ["partnership", "briefing-headings"] => Route::BriefingHeadings,
            _ => Route::NotFound,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Partnerships => "/partnerships".into(),
            Route::Referral(id) => format!("/referrals/{id}"),
            Route::Tasks(id) => format!("/referrals/{id}/tasks"),
            Route::Section(id, s) => format!("/referrals/{id}/{}", s.as_str()),
            Route::CheckAnswers(id) => format!("/referrals/{id}/check"),
            Route::Recommend(id) => format!("/referrals/{id}/recommend"),
            Route::Decide(id) => format!("/referrals/{id}/decide"),
            Route::Return(id) => format!("/referrals/{id}/return"),
            Route::SignOff(id) => format!("/referrals/{id}/sign-off"),
            Route::NewCaseFrom(id) => format!("/referrals/{id}/rapid-review"),
            Route::Cases => "/cases".into(),
            Route::NewCase => "/cases/new".into(),
            Route::Case(id) => format!("/cases/{id}"),
            Route::CaseStep(id, s) => format!("/cases/{id}/{}", s.slug()),
            Route::Review(id) => format!("/cases/{id}/review"),
            Route::ReviewStep(id, s) => format!("/cases/{id}/review/{}", s.slug()),
            Route::AgencyReport(id, a) => format!("/cases/{id}/review/reports/{a}"),
            Route::Chronology(id) => format!("/cases/{id}/review/chronology"),
            Route::Overview(id) => format!("/cases/{id}/review/report"),
            Route::OverviewEdit(id) => format!("/cases/{id}/review/report/edit"),
            Route::Publication(id) => format!("/cases/{id}/review/report/publication"),
            Route::Process(id, p) => format!("/cases/{id}/review/processes/{p}"),
            Route::Requests => "/information-requests".into(),
            Route::Request(id) => format!("/information-requests/{id}"),
            Route::Dashboard => "/dashboard".into(),
            Route::ClockRules => "/clock-rules".into(),
            Route::ForgotPassword => "/forgot-password".into(),
            Route::ResetPassword => "/reset-password".into(),
            Route::ChangePassword => "/account/password".into(),
            Route::SecondFactor => "/account/second-factor".into(),
            Route::Outbox => "/outbox".into(),
            Route::People => "/people".into(),
            Route::Audit => "/audit".into(),
            Route::Settings => "/partnership".into(),
            Route::Agencies => "/partnership/agencies".into(),
            Route::NewAgency => "/partnership/agencies/new".into(),
            Route::Agency(id) => format!("/partnership/agencies/{id}"),
            Route::Invite => "/people/invite".into(),
            Route::EditPerson(id) => format!("/people/{id}/edit"),
            Route::Closures => "/partnership/closures".into(),
            Route::Addresses => "/partnership/addresses".into(),
            Route::ReportSections => "/partnership/report-sections".into(),
            Route::Retention => "/partnership/retention".into(),
            Route::WorkingDays => "/working-days".into(),
            Route::AcceptInvitation => "/accept-invitation".into(),
            Route::Actions => "/actions".into(),
            Route::Action(id) => format!("/actions/{id}"),
            Route::NewAction(case) => format!("/cases/{case}/actions/new"),
            Route::EditAction(id) => format!("/actions/{id}/edit"),
            Route::Briefings => "/briefings".into(),
            Route::Briefing(id) => format!("/briefings/{id}"),
            Route::Themes => "/partnership/themes".into(),
            Route::CaseThemes(id) => format!("/cases/{id}/themes"),
            Route::Statistics => "/statistics".into(),
            Route::QualityReport => "/statistics/quality-report".into(),
            Route::CalendarFeed => "/account/calendar".into(),
            Route::BriefingHeadings => "/partnership/briefing-headings".into(),
            Route::NotFound => "/not-found".into(),
        }
    }
}

/// The current page; cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Router {
    route: RwSignal<Route>,
}

fn location_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

impl Router {
    /// Reads the address bar, provides the router, follows back and forward.
    pub fn provide() -> Router {
        let router = Router { route: RwSignal::new(Route::parse(&location_path())) };
        provide_context(router);
        let handle = window_event_listener(ev::popstate, move |_| router.route.set(Route::parse(&location_path())));
        on_cleanup(move || handle.remove());
        router
    }

    /// The router provided above; a home-only router when there is none (component tests).
    pub fn get() -> Router {
        use_context::<Router>().unwrap_or_else(|| Router { route: RwSignal::new(Route::Home) })
    }

    /// The current page (tracked).
    pub fn route(&self) -> Route {
        self.route.get()
    }

    /// Goes to `href` (a path, optionally with `#fragment`): a new history entry.
    pub fn go_href(&self, href: &str) {
        let path = href.split(['#', '?']).next().unwrap_or("/");
        let route = Route::parse(path);
        // The same address again (a page drawn afresh, e.g. a case after a reminder): no
        // second history entry.
        let here = window().location().href().unwrap_or_default();
        if !here.ends_with(href) {
            if let Ok(history) = window().history() {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
            }
        }
        self.route.set(route);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    pub fn go(&self, route: Route) {
        self.go_href(&route.href());
    }

    /// Turns clicks on same-site links into page changes (not for `#` links, new tabs, or
    /// the API and its docs).
    pub fn intercept_links(&self) {
        let router = *self;
        let handle = window_event_listener(ev::click, move |event| {
            if event.default_prevented()
                || event.button() != 0
                || event.ctrl_key()
                || event.meta_key()
                || event.shift_key()
                || event.alt_key()
            {
                return;
            }
            let Some(anchor) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten())
            else {
                return;
            };
            let Some(href) = anchor.get_attribute("href") else { return };
            if !href.starts_with('/') || href.starts_with("//") || href.starts_with("/api") || href.starts_with("/docs")
            {
                return;
            }
            event.prevent_default();
            router.go_href(&href);
        });
        on_cleanup(move || handle.remove());
    }
}

/// The `#fragment` of the address, without `#`, percent-decoded.
pub fn fragment() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let raw = hash.strip_prefix('#')?;
    if raw.is_empty() {
        return None;
    }
    js_sys::decode_uri_component(raw).ok().and_then(|s| s.as_string())
}

impl Route {
    /// Pages shown to people who are not signed in (the rest show the sign-in form).
    pub fn is_public(&self) -> bool {
        matches!(self, Route::ForgotPassword | Route::ResetPassword | Route::AcceptInvitation)
    }
}

/// Replaces the address without a new history entry (to drop a token from the fragment).
pub fn replace_address(href: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
}

/// Moves the keyboard focus to the element with this id, and scrolls it into view.
pub fn focus_id(id: &str) -> bool {
    let Some(element) = document().get_element_by_id(id) else { return false };
    element.scroll_into_view();
    match element.dyn_into::<web_sys::HtmlElement>() {
        Ok(html) => html.focus().is_ok(),
        Err(_) => false,
    }
}

/// Sets the browser tab's title: "`page` – CSPR Hub".
pub fn set_title(page: &str) {
    document().set_title(&format!("{page} – CSPR Hub"));
}
