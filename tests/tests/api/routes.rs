//! Authorisation for every route: no token, each role, and every role of the other tenant.
//! The table is the app's own route list; it must be exactly the routes the running server
//! documents (its OpenAPI spec), and each route is called as every role the list names and
//! every role it does not.
use backend::api::routes::{Access, ROUTES};
use backend::demo::ROLE_WORDS;
use serde_json::{json, Value};
use shared::Role;
use std::collections::BTreeSet;
use tests::*;

/// The demo person of each role: `<word>@<tenant>.example`.
fn word_of(role: Role) -> &'static str {
    ROLE_WORDS.iter().find(|(_, r)| *r == role).map(|(w, _)| *w).expect("every role has a demo person")
}

/// Every route the app declares, with who may call it ([`ROUTES`], the one list the server,
/// its policy and its spec are made from).
fn table() -> Vec<(&'static str, &'static str, Access)> {
    ROUTES.iter().map(|r| (r.method, r.pattern, r.access)).collect()
}

fn body_for(pattern: &str) -> Option<Value> {
    Some(match pattern {
        // the demo review's records are complete: every body is refused (422) or comes too
        // late (409), so that the route test changes nothing of it
        p if p.ends_with("/agency-reports/{agency_id}/return") => json!({"reason": ""}),
        p if p.ends_with("/agency-reports/{agency_id}/extensions") => json!({"reason": "route test"}),
        p if p.ends_with("/cspr/family") => json!({"initial_letter_on": "2999-01-01"}),
        p if p.ends_with("/review-group") => json!({"members": []}),
        p if p.contains("/cspr/") || p.ends_with("/agency-reports/{agency_id}") => json!({}),
        // the overview report's: refused (400 or 422) or too soon (409), the demo unchanged
        p if p.ends_with("/resolution") => json!({"resolved": false}),
        p if p.ends_with("/sign-offs") => json!({"version": 0, "step": "review_group"}),
        p if p.ends_with("/report") || p.contains("/report/") || p.ends_with("/report-sections") => json!({}),
        p if p.ends_with("/recommendation") => json!({
            "review_recommended": false, "comments": "", "recommended_on": "2026-01-05",
            "reason": "route test", "legal_advice_sought": false
        }),
        p if p.ends_with("/cases/{id}/decision") => json!({"outcome": null}),
        p if p.ends_with("/decision") => json!({"review_agreed": true, "comments": "", "decided_on": "2026-01-06"}),
        p if p.ends_with("/notification-sent") || p.ends_with("/report-sent") => json!({"sent_on": "2026-01-05"}),
        p if p.ends_with("/final-report-sent") => json!({"sent_on": "2026-01-05"}),
        p if p.ends_with("/observations") => json!({"text": "route test"}),
        p if p.ends_with("/review/extensions") => json!({}),
        // the default rule, so that other tests' clocks are not changed
        // refused (422): no period changed, nothing deleted
        p if p.ends_with("/retention") => json!({"months": 0}),
        p if p.ends_with("/retention/deletions") => json!({"case_ids": []}),
        // refused (422): an empty label; a theme not on the list
        "/api/v1/t/{tenant}/themes" => json!({"themes": [{"label": ""}]}),
        // learning: refused (422: no text, no owner, five headings) or too soon (409: the
        // demo's action is not awaiting agreement, its briefing published, the case not
        // decided)
        p if p.ends_with("/actions/{id}/updates") => json!({"text": ""}),
        p if p.ends_with("/actions/{id}/agreement") => json!({"agree": true}),
        p if p.ends_with("/actions/{id}") || p.ends_with("/cases/{id}/actions") => json!({}),
        p if p.ends_with("/briefings/{id}") => json!({"texts": []}),
        p if p.ends_with("/briefings/{id}/approval") => json!({"approve": true}),
        p if p.ends_with("/cases/{id}/briefings") => json!({"occasion": "rapid_review"}),
        p if p.ends_with("/briefing-headings") => json!({"headings": ["A"]}),
        p if p.ends_with("/cases/{id}/themes") => json!({"theme_ids": [uuid::Uuid::nil()]}),
        p if p.ends_with("/clock-rules/{kind}") => {
            serde_json::to_value(shared::calendar::ClockKind::AgencyInformation.default_rule()).unwrap()
        }
        p if p.ends_with("/cases/{id}/information-requests") => json!({"agency_ids": []}),
        p if p.ends_with("/closures") => json!({"days": []}),
        p if p.ends_with("/agencies") => json!({"name": "Route Agency", "kind": "other"}),
        p if p.ends_with("/agencies/{id}") => {
            json!({"name": "Route Agency Changed", "kind": "mash", "strategic_lead": false, "active": true})
        }
        "/api/v1/t/{tenant}/people" => {
            json!({"name": "Route Person", "email": "route-invite@example.org", "roles": ["reviewer"]})
        }
        p if p.ends_with("/people/{id}") => json!({"roles": ["reviewer"]}),
        p if p.ends_with("/settings/addresses") => {
            serde_json::to_value(shared::settings::FrameworkAddresses::default()).unwrap()
        }
        p if p.ends_with("/auth/invitation") => json!({"token": "x", "new_password": "y"}),
        p if p.ends_with("/meeting") => json!({}),
        "/api/v1/t/{tenant}/cases" | "/api/v1/t/{tenant}/information-requests/{id}" => json!({}),
        p if p.ends_with("/return") || p.ends_with("/return-by-manager") => json!({"reason": "route test"}),
        p if p.ends_with("/send-for-sign-off") => json!({"manager_id": uuid::Uuid::new_v4()}),
        p if p.ends_with("/switch") => json!({"tenant": "southmere", "refresh_token": "x"}),
        p if p.ends_with("/second-factor/confirm") => json!({"code": "000000", "current_password": "x"}),
        p if p.ends_with("/second-factor/setup") => json!({}),
        p if p.ends_with("/me/password") => json!({"current_password": "x", "new_password": "y"}),
        p if p.ends_with("/password-reset") => json!({"tenant": "x", "email": "x@x"}),
        p if p.ends_with("/password-reset/complete") => json!({"token": "x", "new_password": "y"}),
        p if p.ends_with("/login") => json!({"tenant": "x", "email": "x@x", "password": "x"}),
        p if p.ends_with("/refresh") || p.ends_with("/logout") => json!({"refresh_token": "x"}),
        "/api/v1/t/{tenant}/referrals" | "/api/v1/t/{tenant}/referrals/{id}" => json!({}),
        _ => return None,
    })
}

/// The ids the paths are filled with: a submitted referral, and a case with a request to
/// the police (the demo author's agency).
struct Ids {
    referral: String,
    case: String,
    request: String,
    /// People of the tenant for the business office's routes: one to take the reviewer role
    /// from, one to remove, one to disable.
    revoke: String,
    remove: String,
    disable: String,
    /// An agency of the tenant, for the office to change.
    agency: String,
    /// The demo local CSPR, its police and schools agencies (the demo author's and
    /// manager's, each writing a report for it) and its prosecution.
    cspr: String,
    police: String,
    schools: String,
    process: String,
    /// A comment thread on the demo review's overview report.
    thread: String,
    /// An open action of the police, owned by the demo author.
    action: String,
    /// The demo's published briefing.
    briefing: String,
}

/// The partnership's demo local CSPR: the one review with three agencies' reports.
fn demo_review(tenant: &str) -> String {
    let mut conn = server().pool.get().unwrap();
    let t = backend::store::directory::tenant_by_slug(&mut conn, tenant).unwrap().unwrap();
    let (cases, _) =
        backend::store::case::list(&mut conn, &t.id, Some(shared::case::CaseStage::LocalCspr), 1, 100).unwrap();
    cases
        .iter()
        .find(|c| backend::store::cspr::report_agencies(&mut conn, &t.id, &c.id).unwrap().len() == 3)
        .expect("the demo review")
        .id
        .to_string()
}

fn ids(tenant: &str) -> Ids {
    let (case, request) = open_case(tenant, "2026-11-02");
    let action = police_action(tenant, &case);
    let person = || person_id(&create_person(tenant, &[Role::Reviewer]));
    let cspr = demo_review(tenant);
    let review = Api::shared().get(&format!("/api/v1/t/{tenant}/cases/{cspr}/cspr"), &demo_token(tenant, "office"));
    let process = review.body["processes"][0]["id"].as_str().expect("the demo's prosecution").to_string();
    let report = Api::shared().get(&format!("/api/v1/t/{tenant}/cases/{cspr}/report"), &demo_token(tenant, "office"));
    let thread = report.body["threads"][0]["id"].as_str().expect("the demo's thread").to_string();
    Ids {
        referral: submitted_referral(tenant),
        case,
        request,
        revoke: person(),
        remove: person(),
        disable: person(),
        agency: new_agency(tenant),
        cspr,
        police: agency_id(tenant, "Police"),
        schools: agency_id(tenant, "Schools"),
        process,
        thread,
        action,
        briefing: published_briefing(tenant),
    }
}

/// An open action of `case`, owned by the police and the demo author.
fn police_action(tenant: &str, case: &str) -> String {
    let body = json!({"description": "Route test", "owner_agency_id": agency_id(tenant, "Police"),
        "owner_person_id": person_id(&format!("author@{tenant}.example")), "due_on": "2099-01-01"});
    let r =
        Api::shared().post(&format!("/api/v1/t/{tenant}/cases/{case}/actions"), &demo_token(tenant, "office"), &body);
    assert_eq!(r.status, 201, "{r:?}");
    r.body["id"].as_str().unwrap().to_string()
}

/// The partnership's first published demo briefing.
fn published_briefing(tenant: &str) -> String {
    let r = Api::shared().get(&format!("/api/v1/t/{tenant}/briefings"), &demo_token(tenant, "author"));
    let list = r.body.as_array().expect("the briefings");
    list.iter().find(|b| b["status"] == "published").expect("a published demo briefing")["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A new agency of `tenant`, added by its office.
fn new_agency(tenant: &str) -> String {
    let name = format!("Route Agency {}", uuid::Uuid::new_v4().simple());
    let r = Api::shared().post(
        &format!("/api/v1/t/{tenant}/agencies"),
        &demo_token(tenant, "office"),
        &json!({"name": name, "kind": "other"}),
    );
    assert_eq!(r.status, 201, "{r:?}");
    r.body["id"].as_str().unwrap().to_string()
}

/// A referral of `tenant` that every role allowed to read referrals can see (submitted, and
/// signed off by the demo manager).
fn submitted_referral(tenant: &str) -> String {
    let api = Api::shared();
    let t = demo_token(tenant, "referrer");
    let r = api.post(&format!("/api/v1/t/{tenant}/referrals"), &t, &complete_form("Route Child"));
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["id"].as_str().unwrap().to_string();
    // sent to the demo manager, who signs it off: the manager reads it too
    assert_eq!(submit_referral(tenant, &t, &id).status, 200);
    id
}

/// The path of `pattern` in `tenant`, called as `role` (the agency whose report an agency's
/// person reaches is their own).
fn path_of(pattern: &str, tenant: &str, ids: &Ids, role: Option<Role>) -> String {
    let in_review =
        ["/cspr", "/review-group", "/agency-reports/", "/chronology", "/report/"].iter().any(|p| pattern.contains(p))
            || pattern.ends_with("/report");
    let agency = if role == Some(Role::AgencyManager) { &ids.schools } else { &ids.police };
    let id = if in_review {
        &ids.cspr
    } else if pattern.contains("/people/{id}/roles/") {
        &ids.revoke
    } else if pattern.ends_with("/people/{id}/disable") {
        &ids.disable
    } else if pattern.ends_with("/people/{id}") {
        &ids.remove
    } else if pattern.contains("/agencies/{id}") {
        &ids.agency
    } else if pattern.contains("/cases/{id}") {
        &ids.case
    } else if pattern.contains("/actions/{id}") {
        &ids.action
    } else if pattern.contains("/briefings/{id}") {
        &ids.briefing
    } else if pattern.contains("/information-requests/{id}") {
        &ids.request
    } else {
        &ids.referral
    };
    pattern
        .replace("{tenant}", tenant)
        .replace("{id}", id)
        .replace("{request_id}", &ids.request)
        .replace("{role}", "reviewer")
        .replace("{kind}", "agency_information")
        .replace("{agency_id}", agency)
        .replace("{version}", "1")
        .replace("{process_id}", &ids.process)
        .replace("{thread}", &ids.thread)
}

#[test]
fn the_table_lists_exactly_the_routes_of_the_spec() {
    let spec = Api::shared().send("GET", "/api/openapi.json", None, None);
    assert_eq!(spec.status, 200);
    let mut in_spec = BTreeSet::new();
    for (path, item) in spec.body["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            in_spec.insert((method.to_uppercase(), path.clone()));
        }
    }
    let in_table: BTreeSet<(String, String)> = table().iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    assert!(in_table.len() >= 37, "the route list shrank: {}", in_table.len());
    let missing: Vec<_> = in_spec.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&in_spec).collect();
    assert!(missing.is_empty(), "routes served but not in the authorisation table: {missing:?}");
    assert!(stale.is_empty(), "routes in the table that the app does not serve: {stale:?}");
}

#[test]
fn every_route_refuses_callers_without_a_token() {
    let api = Api::shared();
    let id = ids("northvale");
    for (method, pattern, access) in table() {
        if matches!(access, Access::Public) {
            continue;
        }
        let path = path_of(pattern, "northvale", &id, None);
        let r = api.send(method, &path, None, body_for(pattern).as_ref());
        assert_eq!(r.status, 401, "{method} {pattern} without a token: {r:?}");
        assert_eq!(r.body["code"], "unauthenticated");
        let r = api.send(method, &path, Some("garbage"), body_for(pattern).as_ref());
        assert_eq!(r.status, 401, "{method} {pattern} with a bad token");
    }
}

#[test]
fn every_role_gets_exactly_what_the_table_allows() {
    let api = Api::shared();
    let id = ids("northvale");
    for (method, pattern, access) in table() {
        for role in Role::ALL {
            let word = word_of(role);
            let token = demo_token("northvale", word);
            let path = path_of(pattern, "northvale", &id, Some(role));
            let r = api.send(method, &path, Some(&token), body_for(pattern).as_ref());
            assert!(r.status < 500, "{method} {pattern} as {word}: {r:?}");
            if matches!(access, Access::Public) {
                assert_ne!(r.status, 403, "{method} {pattern} is public");
                continue;
            }
            let allowed = match access {
                Access::Public | Access::SignedIn => true,
                Access::Roles(roles) => roles.contains(&role),
            };
            if allowed {
                assert!(
                    ![401, 403].contains(&r.status) && r.body["code"] != "not_found" || pattern.ends_with("/switch"),
                    "{method} {pattern} as {word} should be allowed: {r:?}"
                );
            } else {
                assert_eq!(r.status, 403, "{method} {pattern} as {word} should be forbidden: {r:?}");
                assert_eq!(r.body["code"], "forbidden");
            }
        }
    }
}

#[test]
fn no_role_of_one_tenant_reaches_anything_of_the_other() {
    let api = Api::shared();
    let north_id = ids("northvale");
    let south_id = ids("southmere");
    let mut southmere_people: Vec<String> = Role::ALL.iter().map(|r| demo_token("southmere", word_of(*r))).collect();
    // the shared scrutineer, signed in to southmere
    southmere_people.push(token("southmere", "scrutineer@independent.example"));
    for (method, pattern, access) in table() {
        if !matches!(access, Access::Roles(_)) {
            continue;
        }
        for token in &southmere_people {
            // their token on northvale's paths: 404, whatever the role
            let path = path_of(pattern, "northvale", &north_id, None);
            let r = api.send(method, &path, Some(token), body_for(pattern).as_ref());
            assert_eq!(r.status, 404, "{method} {pattern} with a southmere token on northvale: {r:?}");
            // and northvale's ids through their own tenant's paths: never found
            if pattern.contains("{id}") {
                let r = api.send(
                    method,
                    &path_of(pattern, "southmere", &north_id, None),
                    Some(token),
                    body_for(pattern).as_ref(),
                );
                assert!(r.status == 404 || r.status == 403, "{method} {pattern} with a northvale id: {r:?}");
            }
        }
    }
    // northvale's lists never show southmere's referral
    let office = demo_token("northvale", "office");
    let list = api.get("/api/v1/t/northvale/referrals?per_page=100", &office);
    assert!(!list.body.to_string().contains(&south_id.referral));
    assert_eq!(api.get(&format!("/api/v1/t/northvale/referrals/{}", south_id.referral), &office).status, 404);
    // nor southmere's cases, requests or clocks
    let cases = api.get("/api/v1/t/northvale/cases?per_page=100", &office);
    assert!(!cases.body.to_string().contains(&south_id.case));
    let clocks = api.get("/api/v1/t/northvale/clocks?per_page=100", &office);
    assert!(!clocks.body.to_string().contains(&south_id.case));
    assert_eq!(api.get(&format!("/api/v1/t/northvale/cases/{}", south_id.case), &office).status, 404);
    let author = demo_token("northvale", "author");
    assert_eq!(api.get(&format!("/api/v1/t/northvale/information-requests/{}", south_id.request), &author).status, 404);
}
