//! Browser tests: `cargo test -p frontend --target wasm32-unknown-unknown` (headless Chrome via
//! `CHROMEDRIVER`). Each test mounts into its own container and removes it when done.
#![cfg(target_arch = "wasm32")]

use frontend::api::ApiFailure;
use frontend::app::CurrentPage;
use frontend::components::{DateInput, DateProblems, ErrorSummary, FieldErrors, Header, TextInput};
use frontend::pages::SignIn;
use frontend::session::{Session, SignedIn};
use frontend::transport;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use shared::auth::{MeResponse, TenantInfo, UserInfo};
use shared::region::Region;
use shared::{ApiErrorBody, ErrorCode, FieldError, Role};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlLabelElement};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------- helpers

/// A fresh `<div>` in the body; removed by [`Fixture::drop`].
struct Fixture {
    root: HtmlElement,
}

impl Fixture {
    fn new() -> Self {
        let doc = document();
        let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
        doc.body().unwrap().append_child(&root).unwrap();
        Fixture { root }
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn get<T: JsCast>(&self, selector: &str) -> T {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches `{selector}`"))
            .dyn_into::<T>()
            .unwrap_or_else(|_| panic!("`{selector}` is not the expected element type"))
    }

    fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    fn text(&self, selector: &str) -> String {
        self.get::<Element>(selector).text_content().unwrap_or_default()
    }

    /// Waits (up to about 3 s) until `selector` matches.
    async fn wait_for(&self, selector: &str) -> Element {
        for _ in 0..150 {
            tick().await;
            if let Some(found) = self.find(selector) {
                return found;
            }
            sleep(20).await;
        }
        panic!("`{selector}` did not appear");
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.root.remove();
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn active_element_id() -> Option<String> {
    document().active_element().map(|e| e.id())
}

/// Types into an input the way a person does: sets the value and fires `input`.
fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let event = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

fn alice() -> MeResponse {
    MeResponse {
        user: UserInfo {
            id: "0b8a5d54-6a43-4c55-9d4b-3f0f1c2a9e11".parse().unwrap(),
            email: "alice@northvale.example".into(),
            name: "Alice Ashby".into(),
        },
        tenant: TenantInfo {
            slug: "northvale".into(),
            name: "Northvale Safeguarding Children Partnership".into(),
            region: Region::EnglandAndWales,
        },
        roles: vec![Role::Referrer, Role::Reviewer],
        agency: None,
        other_tenants: vec![],
        second_factor: Default::default(),
    }
}

/// Replaces `window.fetch` with a fake CSPR Hub API (restored by dropping the guard). The fake
/// answers after 100 ms: password `right` gets tokens, anything else 401 invalid_credentials.
struct FakeApi;

impl FakeApi {
    fn install() -> FakeApi {
        let me = serde_json::to_string(&alice()).unwrap();
        let script = format!(
            r#"
            window.__realFetch = window.__realFetch || window.fetch;
            const json = (status, body) => new Response(JSON.stringify(body), {{
                status, headers: {{ 'content-type': 'application/json' }} }});
            window.fetch = async (request) => {{
                await new Promise(r => setTimeout(r, 100));
                const path = new URL(request.url).pathname;
                if (path === '/api/v1/auth/login' && request.method === 'POST') {{
                    const body = await request.json();
                    if (body.tenant === 'northvale' && body.email === 'alice@northvale.example'
                        && body.password === 'right') {{
                        return json(200, {{ access_token: 'ACCESS', refresh_token: 'REFRESH',
                            token_type: 'Bearer', expires_in: 900, session_expires_in: 43200, idle_timeout: 1800, idle_warning: 120 }});
                    }}
                    return json(401, {{ code: 'invalid_credentials',
                        message: 'The partnership, email address or password is not right.' }});
                }}
                if (path === '/api/v1/me') {{
                    if (request.headers.get('authorization') !== 'Bearer ACCESS') {{
                        return json(401, {{ code: 'unauthenticated', message: 'Sign in first.' }});
                    }}
                    return json(200, {me});
                }}
                return new Response('not here', {{ status: 404 }});
            }};
            "#
        );
        js_sys::Function::new_no_args(&script).call0(&wasm_bindgen::JsValue::NULL).unwrap();
        FakeApi
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        let _ = js_sys::Function::new_no_args("window.fetch = window.__realFetch;").call0(&wasm_bindgen::JsValue::NULL);
    }
}

// ---------------------------------------------------------------- tests

#[wasm_bindgen_test]
async fn sign_in_page_has_labelled_inputs_and_a_button() {
    let fx = Fixture::new();
    let _app = mount_to(fx.root.clone(), || {
        Session::provide();
        view! { <SignIn /> }
    });
    tick().await;

    assert_eq!(fx.count("h1"), 1, "one heading");
    for (id, kind) in [("tenant", "text"), ("email", "email"), ("password", "password")] {
        let input: HtmlInputElement = fx.get(&format!("input#{id}"));
        assert_eq!(input.type_(), kind, "type of #{id}");
        let label: HtmlLabelElement = fx.get(&format!("label[for='{id}']"));
        assert_eq!(label.html_for(), id);
        assert!(!label.text_content().unwrap().trim().is_empty(), "label of #{id} has text");
        let bound = label.control().expect("label is bound to a control");
        assert_eq!(bound.id(), id, "label for #{id} points at it");
    }
    assert_eq!(fx.count("label"), 3);

    let button: HtmlButtonElement = fx.get("button#sign-in");
    assert_eq!(button.type_(), "submit");
    assert!(!button.disabled());
    assert_eq!(button.text_content().unwrap().trim(), "Sign in");
    assert!(fx.find("#error-summary").is_none(), "no error summary before a submission");
}

#[wasm_bindgen_test]
async fn error_summary_shows_the_server_message_and_takes_the_focus() {
    let fx = Fixture::new();
    let failure = RwSignal::new(None::<ApiFailure>);
    let _view = mount_to(fx.root.clone(), move || view! { <ErrorSummary failure=failure /> });
    tick().await;
    assert!(fx.find("#error-summary").is_none(), "nothing to show yet");

    failure.set(Some(ApiFailure::Server {
        status: 400,
        body: ApiErrorBody {
            code: ErrorCode::ValidationFailed,
            message: "Some answers need changing.".into(),
            fields: vec![FieldError::new("email", "invalid", "Enter an email address like name@example.org")],
            request_id: None,
        },
    }));
    tick().await;
    tick().await;

    let summary = fx.get::<Element>("#error-summary");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    let text = summary.text_content().unwrap();
    assert!(text.contains("Some answers need changing."), "server message shown: {text}");
    let link = fx.get::<Element>("#error-summary a");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#email"));
    assert_eq!(link.text_content().unwrap(), "Enter an email address like name@example.org");
    assert_eq!(active_element_id().as_deref(), Some("error-summary"), "focus moved to the summary");

    failure.set(Some(ApiFailure::Network("TypeError: Failed to fetch".into())));
    tick().await;
    assert!(fx.text("#error-summary").contains("Could not reach CSPR Hub"));
    assert_eq!(fx.count("#error-summary a"), 0, "no field links for a network failure");

    failure.set(None);
    tick().await;
    assert!(fx.find("#error-summary").is_none(), "cleared");
}

#[wasm_bindgen_test]
fn failures_keep_the_servers_body_or_fall_back_to_the_status() {
    let from_server = transport::failure_from(
        401,
        r#"{"code":"invalid_credentials","message":"Wrong partnership, email or password."}"#,
    );
    match &from_server {
        ApiFailure::Server { status: 401, body } => {
            assert_eq!(body.code, ErrorCode::InvalidCredentials);
        }
        other => panic!("expected the server's body, got {other:?}"),
    }
    assert_eq!(from_server.message(), "Wrong partnership, email or password.");

    let limited = transport::failure_from(429, "");
    assert!(matches!(limited, ApiFailure::Unexpected { status: 429, .. }));
    assert!(limited.message().contains("Too many attempts"), "{}", limited.message());

    let broken = transport::failure_from(502, "<html>Bad gateway</html>");
    assert_eq!(broken.status(), Some(502));
    assert!(broken.message().contains("not available"), "{}", broken.message());
}

#[wasm_bindgen_test]
async fn wrong_password_shows_the_servers_message_and_focuses_the_summary() {
    let _api = FakeApi::install();
    let fx = Fixture::new();
    let _app = mount_to(fx.root.clone(), || {
        Session::provide();
        view! { <CurrentPage /> }
    });
    tick().await;

    type_into(&fx.get("#tenant"), "northvale");
    type_into(&fx.get("#email"), "alice@northvale.example");
    type_into(&fx.get("#password"), "wrong");
    let button: HtmlButtonElement = fx.get("#sign-in");
    button.click();
    tick().await;
    assert!(button.disabled(), "button disabled while waiting");
    assert_eq!(button.text_content().unwrap().trim(), "Signing in…");

    fx.wait_for("#error-summary").await;
    tick().await;
    assert!(
        fx.text("#error-summary").contains("The partnership, email address or password is not right."),
        "{}",
        fx.text("#error-summary")
    );
    assert_eq!(active_element_id().as_deref(), Some("error-summary"));
    assert!(!button.disabled(), "button usable again");
    assert_eq!(button.text_content().unwrap().trim(), "Sign in");
    assert!(fx.find("#signed-in-user").is_none());
}

#[wasm_bindgen_test]
async fn signing_in_shows_the_person_and_signing_out_returns_to_the_form() {
    let _api = FakeApi::install();
    let fx = Fixture::new();
    let _app = mount_to(fx.root.clone(), || {
        Session::provide();
        view! { <Header /> <CurrentPage /> }
    });
    tick().await;

    type_into(&fx.get("#tenant"), " northvale ");
    type_into(&fx.get("#email"), "alice@northvale.example");
    type_into(&fx.get("#password"), "right");
    fx.get::<HtmlButtonElement>("#sign-in").click();

    fx.wait_for("#signed-in-user").await;
    assert_eq!(fx.text("#signed-in-user"), "Alice Ashby");
    assert_eq!(fx.text("#signed-in-tenant"), "Northvale Safeguarding Children Partnership");
    let roles = fx.text("#signed-in-roles");
    assert!(roles.contains("Referrer") && roles.contains("Reviewer"), "roles listed: {roles}");
    assert_eq!(fx.count("h1"), 1);
    assert!(fx.find("#sign-in").is_none(), "form gone");
    assert_eq!(fx.text("#header-person"), "Alice Ashby", "the header names the person");
    assert_eq!(fx.text("#header-partnership"), "Northvale Safeguarding Children Partnership");
    assert!(fx.find("#switch-partnership").is_none(), "no switcher for one partnership");

    fx.get::<HtmlButtonElement>("#sign-out").click();
    tick().await;
    assert!(fx.find("#signed-in-user").is_none(), "person forgotten");
    let password: HtmlInputElement = fx.get("#password");
    assert_eq!(password.value(), "", "password not kept");
    assert!(fx.find("#sign-in").is_some(), "back to the form");
}

#[wasm_bindgen_test]
async fn session_holds_the_tokens_in_memory_only() {
    let fx = Fixture::new();
    let (tx, rx) = std::sync::mpsc::channel();
    let _app = mount_to(fx.root.clone(), move || {
        let session = Session::provide();
        tx.send(session).unwrap();
        view! { <CurrentPage /> }
    });
    let session = rx.recv().unwrap();
    assert!(!session.is_signed_in());

    session.sign_in(SignedIn {
        access_token: "ACCESS".into(),
        refresh_token: "REFRESH".into(),
        expires_in: 900,
        idle_timeout: 0,
        idle_warning: 0,
        me: alice(),
    });
    tick().await;
    assert_eq!(session.access_token().as_deref(), Some("ACCESS"));
    assert_eq!(fx.text("#signed-in-user"), "Alice Ashby");
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(storage.length().unwrap(), 0, "nothing in localStorage");

    session.sign_out();
    tick().await;
    assert_eq!(session.access_token(), None);
    assert!(fx.find("#sign-in").is_some());
}

#[wasm_bindgen_test]
fn start_leaves_pages_without_the_app_marker_alone() {
    let before = document().query_selector_all("main").unwrap().length();
    frontend::start();
    assert_eq!(document().query_selector_all("main").unwrap().length(), before);
}

#[wasm_bindgen_test]
fn routes_round_trip_through_their_addresses() {
    use frontend::router::Route;
    use shared::referral::journey::Section;
    let id: uuid::Uuid = "0b8a5d54-6a43-4c55-9d4b-3f0f1c2a9e11".parse().unwrap();
    for route in [
        Route::Home,
        Route::Partnerships,
        Route::Referral(id),
        Route::Tasks(id),
        Route::Section(id, Section::Chronology),
        Route::CheckAnswers(id),
        Route::Recommend(id),
        Route::Decide(id),
        Route::Return(id),
    ] {
        assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
    }
    use frontend::router::CaseStep;
    for route in [Route::Cases, Route::NewCase, Route::Case(id), Route::Requests, Route::Request(id), Route::Dashboard]
        .into_iter()
        .chain(CaseStep::ALL.into_iter().map(|s| Route::CaseStep(id, s)))
    {
        assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
    }
    for route in [
        Route::ForgotPassword,
        Route::ResetPassword,
        Route::ChangePassword,
        Route::SecondFactor,
        Route::Outbox,
        Route::People,
        Route::Audit,
    ] {
        assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
    }
    // only the forgotten-password pages show to people not signed in
    assert!(Route::ForgotPassword.is_public() && Route::ResetPassword.is_public());
    assert!(!Route::ChangePassword.is_public() && !Route::Outbox.is_public() && !Route::Home.is_public());
    assert!(!Route::People.is_public() && !Route::Audit.is_public());
    // the office's administration, the calculator, and accepting an invitation (signed out)
    for route in [
        Route::Settings,
        Route::Agencies,
        Route::NewAgency,
        Route::Agency(id),
        Route::Invite,
        Route::EditPerson(id),
        Route::Closures,
        Route::Addresses,
        Route::ReportSections,
        Route::Retention,
        Route::WorkingDays,
        Route::AcceptInvitation,
    ] {
        assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
        assert_eq!(route.is_public(), route == Route::AcceptInvitation, "{}", route.href());
    }
    assert_eq!(Route::parse(&format!("/cases/{id}/nowhere")), Route::NotFound);
    assert_eq!(Route::parse("/referrals/not-an-id"), Route::NotFound);
    assert_eq!(Route::parse(&format!("/referrals/{id}/nowhere")), Route::NotFound);
}

#[wasm_bindgen_test]
async fn a_field_shows_its_error_and_is_described_by_it() {
    let fx = Fixture::new();
    let errors = FieldErrors::new();
    let value = RwSignal::new(String::new());
    let _view = mount_to(fx.root.clone(), move || {
        view! {
            <TextInput id="child.name" label="Name of the child" value=value
                on_input=Callback::new(move |v| value.set(v)) errors=errors />
        }
    });
    tick().await;
    let input: HtmlInputElement = fx.get("[id='child.name']");
    assert_eq!(input.get_attribute("aria-describedby"), None);
    assert!(fx.find(".govuk-error-message").is_none());

    errors.set(vec![FieldError::new("child.name", "required", "Enter the child's name")]);
    tick().await;
    assert!(fx.text(".govuk-error-message").contains("Enter the child's name"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("child.name-error"));
    assert!(input.class_name().contains("govuk-input--error"));

    type_into(&input, "Casey");
    assert_eq!(value.get_untracked(), "Casey", "typing writes the box");
}

#[wasm_bindgen_test]
async fn a_date_that_is_not_real_is_kept_as_a_problem() {
    let fx = Fixture::new();
    let errors = FieldErrors::new();
    let problems = DateProblems::new();
    let date = RwSignal::new(None::<chrono::NaiveDate>);
    let _view = mount_to(fx.root.clone(), move || {
        view! {
            <DateInput id="child.date_of_birth" legend="Date of birth" name="The child's date of birth"
                value=date on_change=Callback::new(move |d| date.set(d)) errors=errors problems=problems />
        }
    });
    tick().await;
    type_into(&fx.get("[id='child.date_of_birth']"), "31");
    type_into(&fx.get("[id='child.date_of_birth-month']"), "2");
    type_into(&fx.get("[id='child.date_of_birth-year']"), "2020");
    let found = problems.all();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "The child's date of birth must be a real date");
    assert_eq!(date.get_untracked(), None);

    type_into(&fx.get("[id='child.date_of_birth']"), "29");
    assert!(problems.all().is_empty(), "29 February 2020 is real");
    assert_eq!(date.get_untracked(), "2020-02-29".parse().ok());
    assert_eq!(fx.count("label"), 3, "day, month and year are labelled");
}

#[wasm_bindgen_test]
async fn an_ended_session_asks_to_sign_in_again_and_keeps_the_page() {
    let fx = Fixture::new();
    let (tx, rx) = std::sync::mpsc::channel();
    let _app = mount_to(fx.root.clone(), move || {
        let session = Session::provide();
        tx.send(session).unwrap();
        view! { <CurrentPage /> }
    });
    let session = rx.recv().unwrap();
    session.sign_in(SignedIn {
        access_token: "ACCESS".into(),
        refresh_token: "REFRESH".into(),
        expires_in: 900,
        idle_timeout: 0,
        idle_warning: 0,
        me: alice(),
    });
    tick().await;
    assert_eq!(fx.text("#signed-in-user"), "Alice Ashby");

    session.end(transport::SESSION_ENDED);
    tick().await;
    sleep(50).await;
    assert_eq!(session.access_token(), None, "tokens dropped");
    assert!(fx.text("#sign-in-notice").contains("Your session has ended"));
    let email: HtmlInputElement = fx.get("#email");
    let tenant: HtmlInputElement = fx.get("#tenant");
    assert_eq!(
        (tenant.value(), email.value(), fx.count("#email")),
        ("northvale".to_string(), "alice@northvale.example".to_string(), 1),
        "the person's partnership and address are kept"
    );
    let page = fx.get::<Element>("#signed-in-user");
    assert!(page.closest("[hidden]").unwrap().is_some(), "the page waits, hidden, behind the sign-in form");
}

// ---------------------------------------------------------------- cases

fn clock_row(status: shared::calendar::ClockStatus, left: i64) -> frontend::pages::case::clocks::ClockRow {
    frontend::pages::case::clocks::ClockRow {
        case: Some(("/cases/x".into(), "2026-0042".into())),
        stage: Some(shared::case::CaseStage::RapidReview),
        title: "Additional information from Northvale Police".into(),
        due: "2026-11-20".parse().unwrap(),
        met: None,
        status,
        left,
        warning: None,
        rule: Some("Rule: 7 working days from the request being sent".into()),
    }
}

#[wasm_bindgen_test]
async fn a_clocks_table_says_the_status_and_the_working_days_left() {
    use frontend::pages::case::clocks::ClocksTable;
    use shared::calendar::ClockStatus;
    let fx = Fixture::new();
    let rows = vec![clock_row(ClockStatus::Overdue, -3), clock_row(ClockStatus::DueSoon, 1)];
    let _view = mount_to(fx.root.clone(), move || {
        view! { <ClocksTable id="t" caption="Open deadlines" rows=rows.clone() /> }
    });
    tick().await;
    assert_eq!(fx.count("#t tbody tr"), 2);
    assert_eq!(fx.text("#t caption"), "Open deadlines", "the table has a caption");
    assert_eq!(fx.count("#t thead th"), 6, "case, deadline, due, working days, status, stage");
    let first = fx.text("#t tbody tr");
    assert!(first.contains("Case 2026-0042") && first.contains("20 November 2026"), "{first}");
    assert!(first.contains("3 working days overdue"), "{first}");
    assert_eq!(fx.text("#t tbody tr [data-status]"), "Overdue");
    assert_eq!(fx.count("[data-status='due_soon']"), 1);
    assert!(fx.text("#t").contains("1 working day left"));
}

#[wasm_bindgen_test]
async fn the_timeline_marks_each_stage_done_under_way_or_to_come() {
    use frontend::pages::case::timeline::Timeline;
    use shared::case::{CaseStage, CaseView, DatedStep, Notification};
    let step = |step: &str, on: &str| DatedStep {
        step: shared::case::TimelineStep::parse(step).unwrap(),
        on: on.parse().unwrap(),
        label: format!("{step} happened"),
    };
    let case = CaseView {
        id: uuid::Uuid::nil(),
        reference: "2026-0042".into(),
        stage: CaseStage::RapidReview,
        created_at: "2026-11-02T09:00:00Z".parse().unwrap(),
        updated_at: "2026-11-03T09:00:00Z".parse().unwrap(),
        la_aware_on: "2026-11-02".parse().unwrap(),
        notification: Notification::default(),
        notification_sent_on: Some("2026-11-03".parse().unwrap()),
        requests: Vec::new(),
        meeting: None,
        decision: None,
        report_sent_on: None,
        observations: Vec::new(),
        final_report_sent_on: None,
        clocks: Vec::new(),
        timeline: vec![step("aware", "2026-11-02"), step("notification_sent", "2026-11-03")],
        allowed_actions: Vec::new(),
    };
    let fx = Fixture::new();
    let _view = mount_to(fx.root.clone(), move || view! { <Timeline case=case.clone() /> });
    tick().await;
    assert_eq!(fx.count("#timeline > li"), 5, "five stages before a decision");
    assert_eq!(fx.get::<Element>("#timeline > li").get_attribute("data-state").as_deref(), Some("done"));
    assert_eq!(fx.count("#timeline > li[data-state='to_come']"), 4);
    assert!(fx.text("#timeline").contains("3 November 2026"), "the dates are written out");
    assert_eq!(
        fx.get::<Element>("#timeline").get_attribute("aria-labelledby").as_deref(),
        Some("timeline-heading"),
        "the picture is named by its heading"
    );
    assert_eq!(
        fx.get::<Element>("#timeline .app-timeline__marker").get_attribute("aria-hidden").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn the_notification_adds_and_removes_children_and_names_every_missing_box() {
    use frontend::pages::case::NotificationPage;
    let fx = Fixture::new();
    let _view = mount_to(fx.root.clone(), || {
        Session::provide();
        view! { <NotificationPage /> }
    });
    tick().await;
    assert_eq!(fx.count("fieldset[id$='-row']"), 1, "one child to start with");
    assert!(fx.find("#remove-child-1").is_none(), "the only child cannot be removed");

    // A second child; remove the first: the second's answers move up.
    fx.get::<HtmlButtonElement>("#children").click();
    tick().await;
    assert_eq!(fx.count("fieldset[id$='-row']"), 2);
    type_into(&fx.get::<HtmlInputElement>("[id='children[1].name']"), "Second Child");
    fx.get::<HtmlButtonElement>("#remove-child-1").click();
    tick().await;
    assert_eq!(fx.count("fieldset[id$='-row']"), 1);
    assert_eq!(fx.get::<HtmlInputElement>("[id='children[0].name']").value(), "Second Child");

    // Up to four children.
    for _ in 0..3 {
        fx.get::<HtmlButtonElement>("#children").click();
        tick().await;
    }
    assert_eq!(fx.count("fieldset[id$='-row']"), 4);
    assert!(fx.find("#children").is_none(), "no fifth child");

    // Sent empty (but for one name): the summary names each missing box, with the focus on it.
    fx.get::<HtmlButtonElement>("#send-notification").click();
    tick().await;
    fx.wait_for("#error-summary").await;
    let summary = fx.text("#error-summary");
    assert!(summary.contains("Enter the date of the incident"), "{summary}");
    assert!(summary.contains("Enter the notifier's name"), "{summary}");
    assert!(fx.find("#error-summary a[href='#children[1].name']").is_some(), "a link to the second child's name");
    assert!(fx.find("#error-summary a[href='#children[0].name']").is_none(), "the first child has a name");
    for _ in 0..50 {
        if active_element_id().as_deref() == Some("error-summary") {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(active_element_id().as_deref(), Some("error-summary"));
}

/// Replaces `window.fetch` with a fake that answers `GET path` with `body` (restored by
/// dropping the guard).
struct FakeGet;

impl FakeGet {
    fn install(path: &str, body: &str) -> FakeGet {
        let script = format!(
            r#"
            window.__realFetch = window.__realFetch || window.fetch;
            window.fetch = async (request) => {{
                const path = new URL(request.url).pathname;
                if (path === {path:?} && request.method === 'GET') {{
                    return new Response({body:?}, {{ status: 200, headers: {{ 'content-type': 'application/json' }} }});
                }}
                return new Response('not here', {{ status: 404 }});
            }};
            "#
        );
        js_sys::Function::new_no_args(&script).call0(&wasm_bindgen::JsValue::NULL).unwrap();
        FakeGet
    }
}

impl Drop for FakeGet {
    fn drop(&mut self) {
        let _ = js_sys::Function::new_no_args("window.fetch = window.__realFetch;").call0(&wasm_bindgen::JsValue::NULL);
    }
}

#[wasm_bindgen_test]
async fn the_decision_asks_for_the_learning_and_its_actions_only_for_learning_only() {
    use frontend::pages::case::CaseDecisionPage;
    use shared::case::{CaseAction, CaseStage, CaseView, Notification, RapidReviewMeeting, RapidReviewOutcome};
    let id: uuid::Uuid = "5d0c5a2e-8f0b-4b7e-9a56-2f1d3c4b5a69".parse().unwrap();
    let case = CaseView {
        id,
        reference: "2026-0042".into(),
        stage: CaseStage::AwaitingDecision,
        created_at: "2026-11-02T09:00:00Z".parse().unwrap(),
        updated_at: "2026-11-20T09:00:00Z".parse().unwrap(),
        la_aware_on: "2026-11-02".parse().unwrap(),
        notification: Notification::default(),
        notification_sent_on: None,
        requests: Vec::new(),
        meeting: Some(RapidReviewMeeting {
            recommendation: Some(RapidReviewOutcome::LearningOnly),
            rationale: "Learning, no CSPR".into(),
            ..Default::default()
        }),
        decision: None,
        report_sent_on: None,
        observations: Vec::new(),
        final_report_sent_on: None,
        clocks: Vec::new(),
        timeline: Vec::new(),
        allowed_actions: vec![CaseAction::Decide],
    };
    let _api = FakeGet::install(&format!("/api/v1/t/northvale/cases/{id}"), &serde_json::to_string(&case).unwrap());
    let fx = Fixture::new();
    let _view = mount_to(fx.root.clone(), move || {
        let session = Session::provide();
        session.sign_in(SignedIn {
            access_token: "ACCESS".into(),
            refresh_token: "REFRESH".into(),
            expires_in: 900,
            idle_timeout: 0,
            idle_warning: 0,
            me: alice(),
        });
        view! { <CaseDecisionPage id=id /> }
    });
    fx.wait_for("#save-decision").await;
    let page = fx.root.text_content().unwrap_or_default();
    assert!(page.contains("Learning, no CSPR"), "the meeting's recommendation is shown: {page}");
    assert!(fx.find("[id='learning_identified']").is_none(), "no learning boxes before the outcome is chosen");

    fx.get::<HtmlInputElement>("#outcome").click(); // learning only
    tick().await;
    assert!(fx.find("[id='learning_identified']").is_some(), "learning only asks for the learning");
    fx.get::<HtmlButtonElement>("#save-decision").click();
    fx.wait_for("#error-summary").await;
    let summary = fx.text("#error-summary");
    assert!(summary.contains("Enter the learning identified"), "{summary}");
    assert!(summary.contains("Add at least one row to the actions"), "{summary}");
    assert!(summary.contains("Enter the rationale for the decision"), "{summary}");

    fx.get::<HtmlButtonElement>("#actions").click();
    tick().await;
    assert!(fx.find("[id='actions[0].action']").is_some() && fx.find("[id='actions[0].due_on']").is_some());

    fx.get::<HtmlInputElement>("#outcome-2").click(); // a local CSPR
    tick().await;
    assert!(fx.find("[id='learning_identified']").is_none(), "a local CSPR needs no learning boxes");
}

// ---------------------------------------------------------------- the overview report

fn overview_thread(
    sections: &[shared::overview::Section],
    start: usize,
    end: usize,
) -> shared::overview::CommentThread {
    shared::overview::CommentThread {
        id: uuid::Uuid::nil(),
        anchor: shared::overview::anchor::anchor_at(sections, "a", start, end).unwrap(),
        anchored_version: 1,
        orphaned: false,
        opened_by_id: uuid::Uuid::nil(),
        comments: vec![],
        resolved: None,
    }
}

#[wasm_bindgen_test]
fn a_paragraph_is_cut_where_comment_marks_begin_and_end_and_overlaps_carry_both() {
    use frontend::pages::overview::text::{runs, Run};
    use shared::overview::Section;
    let sections = vec![Section::new("a", "A", "First para.\n\nOne two three four.")];
    let threads = vec![overview_thread(&sections, 13, 20), overview_thread(&sections, 17, 26)];
    let r = runs("One two three four.", 13, "a", &threads);
    let texts: Vec<(&str, Vec<usize>)> = r.iter().map(|r| (r.text.as_str(), r.threads.clone())).collect();
    assert_eq!(texts, vec![("One ", vec![1]), ("two", vec![1, 2]), (" three", vec![2]), (" four.", vec![])]);
    assert_eq!(runs("First para.", 0, "a", &threads), vec![Run { text: "First para.".into(), threads: vec![] }]);
}

#[wasm_bindgen_test]
fn a_new_section_takes_a_unique_key_from_its_heading() {
    use frontend::pages::overview::editor::{save_of, Draft};
    use shared::overview::Section;
    let d = Draft {
        base_version: 3,
        sections: vec![Section::new("lessons", "Lessons", ""), Section::new("", "Lessons", "x")],
    };
    let s = save_of(&d);
    assert_eq!((s.sections[1].key.as_str(), s.base_version), ("lessons_2", 3));
}

#[wasm_bindgen_test]
async fn the_report_text_marks_commented_words_and_a_selection_gives_its_characters() {
    use frontend::pages::overview::text::{selection, ReportText};
    use shared::overview::Section;
    let f = Fixture::new();
    let sections =
        vec![Section::new("a", "Analysis", "Zoë's first paragraph.\n\nThe plan was not reviewed. Nobody asked why.")];
    // a thread on "Nobody asked why." (characters 51..68)
    let start = "Zoë's first paragraph.\n\nThe plan was not reviewed. ".chars().count();
    let threads = vec![overview_thread(&sections, start, start + 17)];
    let (s, t) = (sections.clone(), threads.clone());
    let _handle =
        mount_to(f.root.clone(), move || view! { <ReportText sections=s.clone() threads=t.clone() on_select=None /> });
    tick().await;
    let mark = f.find("mark.app-highlight").expect("a mark");
    assert_eq!(mark.text_content().unwrap(), "Nobody asked why.");
    assert_eq!(mark.get_attribute("aria-describedby").as_deref(), Some("thread-1-label"));
    assert_eq!(mark.get_attribute("tabindex").as_deref(), Some("0"), "reached by keyboard");
    // select "plan was" in the second paragraph, as a person would
    let p = f.find("p[data-start]:nth-of-type(2)").expect("the second paragraph");
    let children = p.child_nodes();
    let text =
        (0..children.length()).filter_map(|i| children.item(i)).find(|n| n.node_type() == 3).expect("a text node");
    let range = document().create_range().unwrap();
    let at = "The ".len() as u32;
    range.set_start(&text, at).unwrap();
    range.set_end(&text, at + "plan was".len() as u32).unwrap();
    let sel = window().get_selection().unwrap().unwrap();
    sel.remove_all_ranges().unwrap();
    sel.add_range(&range).unwrap();
    let got = selection().expect("a selection within one paragraph");
    assert_eq!(got.section, "a");
    assert_eq!(got.quote, "plan was");
    let expected = "Zoë's first paragraph.\n\nThe ".chars().count();
    assert_eq!(got.start, expected, "counted in characters from the section's start");
    sel.remove_all_ranges().unwrap();
}
