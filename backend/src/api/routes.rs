//! Every route of the API, declared once: its handler and who may call it.
//!
//! A handler carries its method and path in its actix attribute (`#[get("/api/v1/…")]`) and
//! its documentation in `#[utoipa::path(…)]` (no path, method or security there: they come
//! from here). [`ROUTES`] lists each handler with its [`Access`]; from that list come the
//! server's routing ([`configure`]), the casbin policy ([`policy`]), the OpenAPI paths with
//! their security, roles and common error answers ([`crate::openapi`]), the route pattern the
//! middleware matches, and the API suite's route table. A handler not listed is not served
//! and a unit test names it.
use super::{
    account, auth, calendar, case, clock_rules, cspr, health, learning, me, outbox, overview, partnership, people,
    referral, retention, second_factor,
};
use crate::error::ApiError;
use actix_web::{web, HttpResponse, ResponseError};
use shared::case::{CaseAction, CASE_READERS, INCIDENT_REPORTERS, REQUEST_ANSWERERS, REQUEST_READERS};
use shared::cspr::{CsprAction, CSPR_READERS, REPORT_SIGNERS, REPORT_WRITERS};
use shared::learning::actions::{ACTION_AGREERS, ACTION_BOARD, ACTION_KEEPERS, ACTION_UPDATERS};
use shared::learning::briefing::{BRIEFING_APPROVERS, BRIEFING_HEADING_SETTERS, BRIEFING_WRITERS};
use shared::learning::{THEME_ADMINS, THEME_READERS, THEME_TAGGERS};
use shared::overview::{OverviewAction, OVERVIEW_READERS};
use shared::people::PEOPLE_ADMINS;
use shared::referral::{ReferralAction, REFERRAL_READERS};
use shared::retention::RETENTION_ADMINS;
use shared::settings::SETTINGS_ADMINS;
use shared::Role;
use std::sync::LazyLock;
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No token needed.
    Public,
    /// Any signed-in person with a role in the partnership.
    SignedIn,
    /// A person holding one of these roles in the partnership.
    Roles(&'static [Role]),
}

use Access::*;
use Role::BusinessOffice;

/// Every role.
const ALL: &[Role] = &Role::ALL;

/// The routes, in the order they are matched. Who may call a stage's route is the stage's
/// own rule from `shared` (the roles of an action, or of a scope), so the browser offers
/// exactly what the server allows.
pub static ROUTES: LazyLock<Vec<Route>> = LazyLock::new(|| {
    use CaseAction as C;
    use CsprAction as P;
    use OverviewAction as O;
    use ReferralAction as R;
    routes![
        health::health => Public,
        health::ready => Public,
        auth::login => Public,
        auth::refresh => Public,
        auth::logout => Public,
        auth::switch => SignedIn,
        account::request_reset => Public,
        account::complete_reset => Public,
        account::accept_invitation => Public,
        me::me => SignedIn,
        account::change_password => SignedIn,
        second_factor::setup => SignedIn,
        second_factor::confirm => SignedIn,
        partnership::agencies => Roles(ALL),
        partnership::create_agency => Roles(PEOPLE_ADMINS),
        partnership::update_agency => Roles(PEOPLE_ADMINS),
        partnership::get_addresses => Roles(ALL),
        partnership::set_addresses => Roles(SETTINGS_ADMINS),
        retention::get => Roles(RETENTION_ADMINS),
        retention::set => Roles(RETENTION_ADMINS),
        retention::delete => Roles(RETENTION_ADMINS),
        learning::themes::list => Roles(THEME_READERS),
        learning::themes::set => Roles(THEME_ADMINS),
        learning::themes::over_time => Roles(THEME_READERS),
        learning::statistics::timeliness_by_quarter => Roles(THEME_READERS),
        learning::statistics::quality => Roles(THEME_READERS),
        learning::actions::board => Roles(ACTION_BOARD),
        learning::actions::remind => Roles(ACTION_KEEPERS),
        learning::actions::get => Roles(ACTION_BOARD),
        learning::actions::change => Roles(ACTION_KEEPERS),
        learning::actions::add_update => Roles(ACTION_UPDATERS),
        learning::actions::agreement => Roles(ACTION_AGREERS),
        learning::briefings::list => Roles(ALL),
        learning::briefings::get => Roles(ALL),
        learning::briefings::save => Roles(BRIEFING_WRITERS),
        learning::briefings::send => Roles(BRIEFING_WRITERS),
        learning::briefings::approval => Roles(BRIEFING_APPROVERS),
        learning::briefings::export => Roles(ALL),
        learning::briefings::headings => Roles(BRIEFING_WRITERS),
        learning::briefings::set_headings => Roles(BRIEFING_HEADING_SETTERS),
        learning::feed::status => Roles(ALL),
        learning::feed::make => Roles(ALL),
        learning::feed::revoke => Roles(ALL),
        learning::feed::feed => Public,
        people::list => Roles(PEOPLE_ADMINS),
        people::invite => Roles(PEOPLE_ADMINS),
        people::update => Roles(PEOPLE_ADMINS),
        people::revoke_role => Roles(PEOPLE_ADMINS),
        people::remove => Roles(PEOPLE_ADMINS),
        people::disable => Roles(PEOPLE_ADMINS),
        people::audit_trail => Roles(PEOPLE_ADMINS),
        referral::read::list => Roles(REFERRAL_READERS),
        referral::draft::create => Roles(R::Edit.roles()),
        referral::read::get => Roles(REFERRAL_READERS),
        referral::draft::update => Roles(R::Edit.roles()),
        referral::moves::managers => Roles(R::SendForSignOff.roles()),
        referral::moves::send_for_sign_off => Roles(R::SendForSignOff.roles()),
        referral::moves::sign_off => Roles(R::SignOff.roles()),
        referral::moves::return_by_manager => Roles(R::ReturnByManager.roles()),
        referral::moves::return_for_completion => Roles(R::Return.roles()),
        referral::moves::recommend => Roles(R::Recommend.roles()),
        referral::moves::decide => Roles(R::Decide.roles()),
        calendar::working_days => Roles(ALL),
        calendar::closures => Roles(ALL),
        calendar::set_closures => Roles(&[BusinessOffice]),
        clock_rules::list => Roles(ALL),
        clock_rules::set => Roles(shared::calendar::CLOCK_RULE_SETTERS),
        case::read::list => Roles(CASE_READERS),
        case::notification::create => Roles(INCIDENT_REPORTERS),
        case::read::get => Roles(CASE_READERS),
        learning::themes::of_case => Roles(CASE_READERS),
        learning::themes::tag => Roles(THEME_TAGGERS),
        learning::actions::add => Roles(ACTION_KEEPERS),
        learning::briefings::open => Roles(BRIEFING_WRITERS),
        case::notification::sent => Roles(C::RecordNotificationSent.roles()),
        case::requests::send => Roles(C::SendRequests.roles()),
        case::requests::remind => Roles(C::Remind.roles()),
        case::meeting::record => Roles(C::RecordMeeting.roles()),
        case::decision::decide => Roles(C::Decide.roles()),
        case::decision::report_sent => Roles(C::RecordReportSent.roles()),
        case::review::observe => Roles(C::AddObservation.roles()),
        case::review::extend => Roles(C::ExtendReview.roles()),
        case::review::final_report_sent => Roles(C::RecordFinalReportSent.roles()),
        case::information::list => Roles(REQUEST_ANSWERERS),
        case::information::get => Roles(REQUEST_READERS),
        case::information::save => Roles(REQUEST_ANSWERERS),
        case::information::submit => Roles(REQUEST_ANSWERERS),
        case::dashboard::open_clocks => Roles(REQUEST_READERS),
        cspr::read::tasks => Roles(CSPR_READERS),
        cspr::read::get => Roles(CSPR_READERS),
        cspr::commission::commission => Roles(P::Commission.roles()),
        cspr::commission::notice => Roles(P::SendNotice.roles()),
        cspr::commission::review_group => Roles(P::SetReviewGroup.roles()),
        cspr::terms::draft => Roles(P::DraftTerms.roles()),
        cspr::terms::agree => Roles(P::AgreeTerms.roles()),
        cspr::terms::observe => Roles(P::ObserveTerms.roles()),
        cspr::authors::briefing => Roles(P::RecordBriefing.roles()),
        cspr::authors::assign => Roles(P::AssignAuthor.roles()),
        cspr::report::get => Roles(CSPR_READERS),
        cspr::report::save => Roles(REPORT_WRITERS),
        cspr::report::sign_off => Roles(REPORT_SIGNERS),
        cspr::report::submit => Roles(REPORT_WRITERS),
        cspr::report::return_report => Roles(&[Role::Reviewer]),
        cspr::report::extend => Roles(&[BusinessOffice]),
        cspr::chronology::get => Roles(CSPR_READERS),
        cspr::chronology::share => Roles(P::ShareChronology.roles()),
        cspr::event::event => Roles(P::RecordEvent.roles()),
        cspr::event::family => Roles(P::RecordFamily.roles()),
        cspr::parallel::add => Roles(P::RecordProcess.roles()),
        cspr::parallel::update => Roles(P::RecordProcess.roles()),
        overview::read::drafts => SignedIn,
        overview::read::get => Roles(OVERVIEW_READERS),
        overview::draft::save => Roles(O::SaveDraft.roles()),
        overview::read::version => Roles(OVERVIEW_READERS),
        overview::read::diff => Roles(OVERVIEW_READERS),
        overview::comments::open => Roles(O::Comment.roles()),
        overview::comments::reply => Roles(O::Comment.roles()),
        overview::comments::resolve => Roles(O::Comment.roles()),
        overview::anonymisation::get => Roles(OVERVIEW_READERS),
        overview::anonymisation::waive => Roles(O::Waive.roles()),
        overview::signoff::sign_off => Roles(O::SignOff.roles()),
        overview::publication::submit => Roles(O::SubmitToPanel.roles()),
        overview::publication::response => Roles(O::RecordPanelResponse.roles()),
        overview::publication::plan => Roles(O::PlanPublication.roles()),
        overview::export::export => Roles(OVERVIEW_READERS),
        overview::headings::get => Roles(SETTINGS_ADMINS),
        overview::headings::set => Roles(SETTINGS_ADMINS),
        outbox::list => Roles(&[BusinessOffice]),
    ]
});

/// What a session that may only enrol a second factor reaches (its partnership requires one
/// and the person has none yet).
pub const ENROLMENT_ROUTES: &[&str] =
    &["/api/v1/me", "/api/v1/me/second-factor/setup", "/api/v1/me/second-factor/confirm", "/api/v1/me/password"];

/// The routes under `/api/v1/t/{tenant}/` belong to one partnership: the segment must be
/// the token's.
pub const TENANT_PREFIX: &str = "/api/v1/t/{tenant}/";

/// One route: from its handler's attributes, and its access.
pub struct Route {
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// The path pattern, `{name}` for a segment.
    pub pattern: &'static str,
    pub access: Access,
    register: fn(&mut web::ServiceConfig),
    doc: fn() -> (Vec<&'static str>, Operation),
    schemas: fn(&mut Vec<(String, RefOr<Schema>)>),
}

/// Lists handlers with their access; each handler is the unit type that actix's route
/// attribute makes of it, which utoipa also documents.
macro_rules! routes {
    ($($handler:path => $access:expr),* $(,)?) => {
        vec![$(
            Route::of(
                <$handler as utoipa::Path>::path(),
                <$handler as utoipa::Path>::methods(),
                $access,
                |cfg| {
                    cfg.service($handler);
                },
                || (<$handler as utoipa::__dev::Tags<'static>>::tags(), <$handler as utoipa::Path>::operation()),
                <$handler as utoipa::__dev::SchemaReferences>::schemas,
            )
        ),*]
    };
}
use routes;

impl Route {
    fn of(
        pattern: String,
        methods: Vec<HttpMethod>,
        access: Access,
        register: fn(&mut web::ServiceConfig),
        doc: fn() -> (Vec<&'static str>, Operation),
        schemas: fn(&mut Vec<(String, RefOr<Schema>)>),
    ) -> Route {
        let [method] = methods.as_slice() else {
            panic!("the handler of {pattern} must serve exactly one method");
        };
        Route {
            method: method_name(method),
            // Made once, for the life of the process.
            pattern: Box::leak(pattern.into_boxed_str()),
            access,
            register,
            doc,
            schemas,
        }
    }

    /// The roles that may call it (every role for a signed-in route; none for a public one).
    pub fn roles(&self) -> &'static [Role] {
        match self.access {
            Public => &[],
            SignedIn => ALL,
            Roles(roles) => roles,
        }
    }

    /// Whether a token is needed.
    pub fn is_public(&self) -> bool {
        self.access == Public
    }

    /// Whether the route belongs to one partnership (the `{tenant}` segment).
    pub fn in_tenant(&self) -> bool {
        self.pattern.starts_with(TENANT_PREFIX)
    }

    /// The route's documentation: its tags and operation.
    pub fn doc(&self) -> (Vec<&'static str>, Operation) {
        (self.doc)()
    }

    /// The schemas its documentation refers to.
    pub fn schemas(&self, into: &mut Vec<(String, RefOr<Schema>)>) {
        (self.schemas)(into)
    }
}

fn method_name(m: &HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
        HttpMethod::Delete => "DELETE",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Head => "HEAD",
        HttpMethod::Options => "OPTIONS",
        HttpMethod::Trace => "TRACE",
    }
}

/// The route a request is for: the first whose pattern `path` fits, segment by segment,
/// among the routes of its [`family`].
pub fn find(path: &str) -> Option<&'static Route> {
    FAMILIES
        .iter()
        .find(|(f, _)| *f == family(path))
        .and_then(|(_, routes)| routes.iter().copied().find(|r| fits(r.pattern, path)))
}

/// What routes are grouped by: the segment after `/api/v1/t/{tenant}/` (as `t/referrals`), or
/// else after `/api/v1/` (as `me`), or else the whole path (`/health`). A path and the
/// patterns it may fit always have the same family (no pattern has a `{name}` there: a test
/// says so), so a request need only be matched against its family's routes.
pub fn family(path: &str) -> &str {
    if let Some(rest) = path.strip_prefix("/api/v1/t/") {
        // the segment after the partnership's, as the listed family that has it
        let after_tenant = rest.split_once('/').map_or("", |(_, r)| r);
        let segment = after_tenant.split('/').next().unwrap_or_default();
        return tenant_family(segment);
    }
    if let Some(rest) = path.strip_prefix("/api/v1/") {
        return rest.split('/').next().unwrap_or_default();
    }
    path
}

/// The family of a partnership's route whose segment after the tenant is `segment`: the
/// listed family's own text (`t/referrals`), or `t/` for a segment no route has.
fn tenant_family(segment: &str) -> &'static str {
    TENANT_FAMILIES.iter().find(|f| f[2..] == *segment).copied().unwrap_or("t/")
}

/// The families of the partnership's routes, as `t/<segment>`, made once.
static TENANT_FAMILIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut families: Vec<&'static str> = Vec::new();
    for r in ROUTES.iter().filter(|r| r.in_tenant()) {
        let segment = r.pattern[TENANT_PREFIX.len()..].split('/').next().unwrap_or_default();
        if !families.iter().any(|f| f[2..] == *segment) {
            families.push(Box::leak(format!("t/{segment}").into_boxed_str()));
        }
    }
    families
});

/// The routes by family, each family's in the order of [`ROUTES`], the families in the order
/// their first route comes.
static FAMILIES: LazyLock<Vec<(&'static str, Vec<&'static Route>)>> = LazyLock::new(|| {
    let mut families: Vec<(&'static str, Vec<&'static Route>)> = Vec::new();
    for r in ROUTES.iter() {
        let f = family(r.pattern);
        match families.iter_mut().find(|(g, _)| *g == f) {
            Some((_, routes)) => routes.push(r),
            None => families.push((f, vec![r])),
        }
    }
    families
});

/// The route of this method and pattern.
pub fn exact(method: &str, pattern: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| r.method == method && r.pattern == pattern)
}

/// Whether `path` fits `pattern` segment by segment (`{name}` fits any non-empty segment).
pub fn fits(pattern: &str, path: &str) -> bool {
    let mut want = pattern.split('/');
    let mut got = path.split('/');
    loop {
        match (want.next(), got.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if w.starts_with('{') => {
                if g.is_empty() {
                    return false;
                }
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

/// The casbin policy: for each route, a line per role that may call it, in every tenant.
pub fn policy() -> String {
    let mut lines = String::new();
    for route in ROUTES.iter().filter(|r| !r.is_public()) {
        for role in route.roles() {
            lines.push_str(&format!("p, {}, *, {}, {}\n", role.as_str(), route.pattern, route.method));
        }
    }
    lines
}

async fn method_not_allowed() -> HttpResponse {
    ApiError::new(
        actix_web::http::StatusCode::METHOD_NOT_ALLOWED,
        shared::ErrorCode::MethodNotAllowed,
        "This method is not allowed here",
    )
    .error_response()
}

/// Serves every route; a path served with another method answers 405.
/// Serves every route, family by family: each [`family`] in a scope of its own that only
/// requests of that family enter, so that actix matches a request's path (a regular
/// expression per route) against its family's routes only. (Against every route in turn, it
/// was a third of the workers' time under draft saves, whose route came some fifty routes
/// down the list: `cargo xtask bench`.) A path of a family that fits none of its routes goes
/// on to the app's default service, as before.
pub fn configure(cfg: &mut web::ServiceConfig) {
    for (name, routes) in FAMILIES.iter() {
        let name: &'static str = name;
        let routes: &'static [&'static Route] = routes;
        cfg.service(
            web::scope("")
                .guard(actix_web::guard::fn_guard(move |ctx| family(ctx.head().uri.path()) == name))
                .configure(|cfg| {
                    for route in routes {
                        (route.register)(cfg);
                    }
                    let mut seen = std::collections::BTreeSet::new();
                    for route in routes {
                        if seen.insert(route.pattern) {
                            cfg.service(web::resource(route.pattern).to(method_not_allowed));
                        }
                    }
                }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fit_patterns_segment_by_segment() {
        assert!(fits("/api/v1/t/{tenant}/referrals/{id}", "/api/v1/t/northvale/referrals/abc"));
        assert!(!fits("/api/v1/t/{tenant}/referrals/{id}", "/api/v1/t/northvale/referrals/"));
        assert!(!fits("/api/v1/t/{tenant}/referrals/{id}", "/api/v1/t/northvale/referrals/abc/submit"));
        assert!(!fits("/api/v1/t/{tenant}/referrals", "/api/v1/t/northvale/referrals/"));
        assert!(!fits("/api/v1/t/{tenant}/cases", "/api/v1/t/northvale/casesx"));
        assert!(fits("/api/v1/me", "/api/v1/me"));
        assert!(!fits("/api/v1/me", "/api/v1/me/"));
    }

    #[test]
    fn a_path_has_the_family_of_the_patterns_it_fits() {
        assert_eq!(family("/api/v1/t/northvale/referrals/abc"), "t/referrals");
        assert_eq!(family("/api/v1/t/{tenant}/referrals/{id}"), "t/referrals");
        assert_eq!(family("/api/v1/t/northvale/nothing-here"), "t/");
        assert_eq!(family("/api/v1/t/northvale"), "t/");
        assert_eq!(family("/api/v1/me"), "me");
        assert_eq!(family("/health"), "/health");
        for r in ROUTES.iter() {
            let f = family(r.pattern);
            assert!(!f.contains('{') && f != "t/", "{} {}: a route's family is a fixed segment", r.method, r.pattern);
            // a path made from the pattern finds the route, through its family
            let path =
                r.pattern.split('/').map(|s| if s.starts_with('{') { "x" } else { s }).collect::<Vec<_>>().join("/");
            assert_eq!(family(&path), f, "{path}");
            assert!(find(&path).is_some_and(|found| fits(found.pattern, &path)), "{path}");
            assert_eq!(
                find(&path).map(|r| r.pattern),
                ROUTES.iter().find(|r| fits(r.pattern, &path)).map(|r| r.pattern)
            );
        }
    }

    #[test]
    fn every_route_is_declared_once_and_public_routes_are_not_tenant_routes() {
        let mut seen = std::collections::BTreeSet::new();
        for r in ROUTES.iter() {
            assert!(seen.insert((r.method, r.pattern)), "{} {} is listed twice", r.method, r.pattern);
            assert!(!(r.is_public() && r.in_tenant()), "{} {} is public inside a partnership", r.method, r.pattern);
            if r.pattern.starts_with("/api/v1/t/") {
                assert!(r.in_tenant(), "{}", r.pattern);
            }
        }
    }

    /// Every handler documented in `src/api` is served: a handler written but not listed in
    /// [`ROUTES`] fails here.
    #[test]
    fn every_documented_handler_is_listed() {
        fn count(dir: &std::path::Path) -> usize {
            let mut n = 0;
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    n += count(&path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    n += text.lines().filter(|l| l.trim_start().starts_with("#[utoipa::path(")).count();
                }
            }
            n
        }
        let api = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
        assert_eq!(count(&api), ROUTES.len(), "a handler under src/api is documented but not listed in ROUTES");
    }
}
