//! Fictional demo data: two partnerships, their agencies, one person per role, referrals at
//! each of their stages and cases at each point of the case stage (built by the case's own
//! transitions). Everything here is invented.
mod cspr;
mod learning;
mod overview;

use crate::auth::password;
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{new_id, now, CaseRow, ReferralRow, TenantRow};
use crate::store::{case as cases, directory, referral as referrals};
use chrono::NaiveDate;
use shared::agency::AgencyKind;
use shared::calendar::{BankHolidays, ClockChange, ClockKind, ClockRules, WorkingCalendar};
use shared::case::{
    answer, open, transition, AdditionalInformation, AnswerCommand, CaseCommand, CaseDecision, LaDecisionMaker,
    LearningAction, MeetingMember, MemberRole, Notification, NotificationCriteria, Notifier, ObservationRequest,
    RapidReviewMeeting, RapidReviewOutcome, RequestAccess, SendRequests,
};
use shared::referral::*;
use shared::region::Region;
use shared::Role;

pub const DEFAULT_PASSWORD: &str = "demo-password-2026";

/// The role words of the demo e-mail addresses: `<word>@<slug>.example`.
pub const ROLE_WORDS: [(&str, Role); 7] = [
    ("referrer", Role::Referrer),
    ("author", Role::AgencyAuthor),
    ("reviewer", Role::Reviewer),
    ("scrutineer", Role::Scrutineer),
    ("lead", Role::StrategicLead),
    ("office", Role::BusinessOffice),
    ("manager", Role::AgencyManager),
];

pub const SHARED_SCRUTINEER: &str = "scrutineer@independent.example";

/// The second agency author (of the health agency): `author.health@<slug>.example`.
pub const HEALTH_AUTHOR_WORD: &str = "author.health";

/// The schools' agency author: `author.schools@<slug>.example`.
pub const SCHOOLS_AUTHOR_WORD: &str = "author.schools";

struct Partnership {
    slug: &'static str,
    name: &'static str,
    town: &'static str,
    people: [&'static str; 7],
    health_author: &'static str,
    schools_author: &'static str,
}

const PARTNERSHIPS: [Partnership; 2] = [
    Partnership {
        slug: "northvale",
        name: "Northvale Safeguarding Children Partnership",
        town: "Northvale",
        people: ["Alex Morgan", "Sam Patel", "Jordan Lee", "Casey Quinn", "Priya Shah", "Morgan Ellis", "Jo Whitfield"],
        health_author: "Dana Fox",
        schools_author: "Eli Grant",
    },
    Partnership {
        slug: "southmere",
        name: "Southmere Safeguarding Children Partnership",
        town: "Southmere",
        people: [
            "Taylor Brooks",
            "Jamie Okafor",
            "Rowan Hughes",
            "Avery Clarke",
            "Nadia Rahman",
            "Chris Doyle",
            "Lee Marsh",
        ],
        health_author: "Kit Murray",
        schools_author: "Noor Hassan",
    },
];

/// True when the database has no tenants yet.
pub fn is_empty(conn: &mut DbConn) -> Result<bool, String> {
    directory::tenant_count(conn).map(|n| n == 0).map_err(|e| e.to_string())
}

pub fn seed(conn: &mut DbConn, demo_password: &str) -> Result<(), String> {
    let hash = password::hash(demo_password)?;
    crate::db::write_transaction::<_, ApiError, _>(conn, |conn| {
        let scrutineer = directory::create_user(conn, SHARED_SCRUTINEER, "Dr Robin Hale", &hash)?;
        for p in &PARTNERSHIPS {
            let tenant = directory::create_tenant(conn, p.slug, p.name, Region::EnglandAndWales)?;
            // The demo signs in with a password alone, so the README's examples work as given.
            directory::set_second_factor_rule(conn, &tenant.id, shared::auth::SecondFactorRule::Off)?;
            let t = &tenant.id;
            // Northvale keeps a closed case for six years, Southmere for seven.
            let months = if p.slug == "northvale" { 72 } else { 84 };
            crate::store::retention::set_months(conn, t, Some(months))?;
            let police = directory::create_agency(conn, t, &format!("{} Police", p.town), AgencyKind::Police, true)?;
            let health = directory::create_agency(
                conn,
                t,
                &format!("{} Integrated Care Board", p.town),
                AgencyKind::HealthIcb,
                true,
            )?;
            let council = directory::create_agency(
                conn,
                t,
                &format!("{} Council Children's Services", p.town),
                AgencyKind::ChildrensSocialCare,
                true,
            )?;
            let schools =
                directory::create_agency(conn, t, &format!("{} Schools", p.town), AgencyKind::Education, false)?;
            let probation = directory::create_agency(
                conn,
                t,
                &format!("{} Probation Service", p.town),
                AgencyKind::Probation,
                false,
            )?;
            let mut referrer_id = String::new();
            let mut reviewer = (Id::new(), "");
            let mut author = (Id::new(), "");
            let mut office_id = String::new();
            let mut manager = None;
            let mut lead = (Id::new(), "");
            for ((word, role), name) in ROLE_WORDS.iter().zip(p.people) {
                let user = directory::create_user(conn, &format!("{word}@{}.example", p.slug), name, &hash)?;
                let agency = match role {
                    // the manager signs off the referrer's referrals: the same agency
                    Role::Referrer | Role::AgencyManager => Some(schools.id),
                    Role::AgencyAuthor => Some(police.id),
                    Role::StrategicLead | Role::BusinessOffice => Some(council.id),
                    _ => None,
                };
                directory::grant(conn, t, &user.id, agency, &[*role])?;
                match role {
                    Role::Referrer => referrer_id = user.id.to_string(),
                    Role::BusinessOffice => office_id = user.id.to_string(),
                    Role::Reviewer => reviewer = (user.id, name),
                    Role::AgencyAuthor => author = (user.id, name),
                    Role::StrategicLead => lead = (user.id, name),
                    Role::AgencyManager => {
                        manager =
                            Some(SignOffManager { id: user.id.uuid(), name: name.into(), agency: schools.name.clone() })
                    }
                    _ => {}
                }
            }
            // a second agency author, for the health agency
            let health_author = directory::create_user(
                conn,
                &format!("{HEALTH_AUTHOR_WORD}@{}.example", p.slug),
                p.health_author,
                &hash,
            )?;
            directory::grant(conn, t, &health_author.id, Some(health.id), &[Role::AgencyAuthor])?;
            // and one for the schools, whose manager signs off their report
            let schools_author = directory::create_user(
                conn,
                &format!("{SCHOOLS_AUTHOR_WORD}@{}.example", p.slug),
                p.schools_author,
                &hash,
            )?;
            directory::grant(conn, t, &schools_author.id, Some(schools.id), &[Role::AgencyAuthor])?;
            directory::grant(conn, t, &scrutineer.id, None, &[Role::Scrutineer])?;
            let manager = manager.ok_or_else(ApiError::internal)?;
            seed_referrals(conn, t, &referrer_id, &manager, p.town)?;
            seed_cases(conn, &tenant, &office_id, [police.id, health.id], p.town)?;
            let cast = cspr::Cast {
                town: p.town,
                lead: reviewer,
                scrutineer: (scrutineer.id, "Dr Robin Hale"),
                agencies: [&police, &health, &council, &schools, &probation],
                authors: [author, (health_author.id, p.health_author), (schools_author.id, p.schools_author)],
                manager: &manager.name,
            };
            seed_review(conn, &tenant, &cast)?;
            seed_themes(conn, t, p.slug)?;
            learning::seed(
                conn,
                t,
                &learning::People { lead, author, health_author: (health_author.id, p.health_author) },
            )?;
            seed_trail(conn, t)?;
            seed_administration(conn, &tenant, p.town)?;
            // The outbox: a password reset the referrer asked for (queued until mail is set up).
            let link = crate::store::password_reset::issue(conn, t, &referrer_id)?;
            let referrer_email = format!("referrer@{}.example", p.slug);
            crate::mail::messages::queue_password_reset(conn, t, &referrer_email, "http://127.0.0.1:8080", &link)?;
        }
        Ok(())
    })
    .map_err(|e| {
        // The boxes' names only (the demo's values are invented, but say nothing of them).
        let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
        format!("cannot write the demo data: {} {fields:?}", e.message)
    })
}

/// Themes on every case: Northvale's cases all raise information sharing (so it recurs),
/// Southmere's professional curiosity; and one more theme each, in turn.
fn seed_themes(conn: &mut DbConn, tenant_id: &str, slug: &str) -> ApiResult<()> {
    use crate::schema::cases;
    use diesel::prelude::*;
    use shared::learning::{seeded_id, SEEDED_THEMES};
    let index = |label: &str| SEEDED_THEMES.iter().position(|t| *t == label).unwrap_or(0);
    let (recurring, others) = if slug == "northvale" {
        (index("Information sharing"), [index("Neglect"), index("Domestic abuse"), index("Parental mental health")])
    } else {
        (index("Professional curiosity"), [index("Online harm"), index("Adolescent risk"), index("Substance misuse")])
    };
    let ids: Vec<String> =
        cases::table.filter(cases::tenant_id.eq(tenant_id)).order(cases::la_aware_on).select(cases::id).load(conn)?;
    for (i, id) in ids.iter().enumerate() {
        let tags = [seeded_id(recurring), seeded_id(others[i % others.len()])];
        crate::store::learning::tag_case(conn, tenant_id, id, &tags, crate::api::today())?;
    }
    Ok(())
}

/// The office's administration: agencies of more kinds (one no longer active), and a person
/// invited who has not yet chosen a password (the invitation queued in the outbox).
fn seed_administration(conn: &mut DbConn, tenant: &TenantRow, town: &str) -> ApiResult<()> {
    let t = &tenant.id;
    directory::create_agency(conn, t, &format!("{town} MASH"), AgencyKind::Mash, false)?;
    directory::create_agency(
        conn,
        t,
        &format!("{town} General Hospital NHS Trust"),
        AgencyKind::HealthHospital,
        false,
    )?;
    directory::create_agency(conn, t, &format!("{town} Medical Practice"), AgencyKind::HealthGp, false)?;
    let old = directory::create_agency(conn, t, &format!("{town} Youth Offending Team"), AgencyKind::Other, false)?;
    directory::update_agency(conn, t, &old.id, &old.name, old.kind, false, false)?;
    let slug = &tenant.slug;
    let email = format!("invited@{slug}.example");
    let user = directory::create_user(conn, &email, "Sam Newcomer", crate::api::people::INVITED)?;
    directory::grant(conn, t, &user.id, None, &[Role::Reviewer])?;
    let token = crate::store::password_reset::issue_invitation(conn, t, &user.id)?;
    crate::mail::messages::queue_invitation(conn, t, &email, &tenant.slug, "http://127.0.0.1:8080", &token)?;
    Ok(())
}

/// The audit trail of what the demo's people did: each referral and each case created by its
/// creator (the demo writes them through the store, not the API, so says so here).
fn seed_trail(conn: &mut DbConn, tenant_id: &str) -> Result<(), ApiError> {
    use crate::schema::{cases as c, referrals as r};
    use diesel::prelude::*;
    let referrals: Vec<(String, String)> =
        r::table.filter(r::tenant_id.eq(tenant_id)).select((r::id, r::referrer_id)).load(conn)?;
    let opened: Vec<(String, String)> =
        c::table.filter(c::tenant_id.eq(tenant_id)).select((c::id, c::created_by)).load(conn)?;
    let events = referrals
        .iter()
        .map(|(id, by)| ("referral", "referral.create", id, by))
        .chain(opened.iter().map(|(id, by)| ("case", "case.create", id, by)));
    for (entity_type, action, id, by) in events {
        crate::store::audit::record(
            conn,
            crate::store::audit::Event {
                tenant_id,
                actor_id: Some(by),
                action,
                entity_type,
                entity_id: Some(id),
                request_id: None,
                address: None,
            },
        )?;
    }
    Ok(())
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn person(name: &str, agency: &str, designation: &str, signed: Option<NaiveDate>) -> SignOff {
    SignOff {
        name: name.into(),
        agency: agency.into(),
        designation: designation.into(),
        contact_details: format!(
            "{agency}, 1 Example Road; 01632 960000; safeguarding@{}.example",
            agency.to_lowercase().replace(' ', "")
        ),
        signature: name.into(),
        signed_on: signed,
    }
}

/// A complete, invented referral.
pub fn example_form(town: &str, child: &str) -> ReferralForm {
    ReferralForm {
        referrer: person("Alex Example", &format!("{town} Schools"), "Designated Safeguarding Lead", day(2026, 10, 5)),
        // The senior manager signs off from their own account (the referral's manager).
        senior_manager: SeniorManagerSignOff::default(),
        review_type: Some(ReviewType::Cspr),
        rationale: "Neglect was suspected and the child was seriously harmed.".into(),
        child: ChildDetails {
            name: child.into(),
            date_of_birth: day(2019, 3, 14),
            date_of_incident: day(2026, 9, 28),
            home_address: format!("12 Sample Street, {town}"),
            ethnic_origin: "White British".into(),
            faith: "None recorded".into(),
            disability: "None known".into(),
            child_protection_plan: "Neglect, March 2024 to January 2025".into(),
            incident_location: format!("12 Sample Street, {town}"),
            carer_at_incident: "Mother".into(),
            criminal_investigation: Some(true),
        },
        genogram: String::new(),
        family_members: vec![FamilyMember {
            name: "Pat Example".into(),
            date_of_birth: day(1994, 7, 2),
            address: format!("12 Sample Street, {town}"),
            relationship: "Mother".into(),
        }],
        background: "Concerns about home conditions were raised by school staff over two terms.".into(),
        other_agencies: vec![OtherAgency {
            agency: "GP practice".into(),
            contact_details: "Example Surgery, 01632 960001".into(),
            reason_for_involvement: "Registered GP".into(),
        }],
        chronology: vec![KeyEvent {
            date: day(2026, 9, 28),
            time: "08:40".into(),
            event: "Child admitted to hospital".into(),
        }],
        areas_of_learning: "Recognition of cumulative neglect; information sharing between school and health.".into(),
        themes: Themes {
            actions_taken: "School has refreshed neglect training.".into(),
            good_practice: "Prompt referral by the class teacher.".into(),
        },
    }
}

fn seed_referrals(
    conn: &mut DbConn,
    tenant_id: &str,
    referrer_id: &str,
    manager: &SignOffManager,
    town: &str,
) -> Result<(), ApiError> {
    let mut draft = ReferralForm::default();
    draft.child.name = "Child D".into();
    draft.rationale = "Started; to be completed.".into();
    let recommendation = Recommendation {
        review_recommended: true,
        review_type: Some(ReviewType::Cspr),
        comments: "Criteria met".into(),
        recommended_on: day(2026, 10, 20).unwrap_or_default(),
        reason: "Serious harm and suspected neglect.".into(),
        legal_advice_sought: false,
    };
    let decision = Decision {
        review_agreed: true,
        comments: "Agreed by all three partners".into(),
        decided_on: day(2026, 10, 27).unwrap_or_default(),
        learning_identified: String::new(),
        actions: Vec::new(),
    };
    let not_recommended = Recommendation {
        review_recommended: false,
        review_type: None,
        reason: "The criteria for a review are not met; there is learning for the schools.".into(),
        ..recommendation.clone()
    };
    let learning_only = Decision {
        review_agreed: false,
        comments: "Learning only, agreed by all three partners".into(),
        decided_on: day(2026, 10, 28).unwrap_or_default(),
        learning_identified: "Schools escalate attendance concerns to the MASH sooner.".into(),
        actions: vec![LearningAction {
            action: "Remind designated safeguarding leads of the escalation route.".into(),
            owner: format!("{town} Schools"),
            due_on: day(2027, 1, 29),
        }],
    };
    let returned_by_manager = "Please add the GP's involvement to the other agencies known.";
    let returned_by_office = "Please add the school's involvement to the key-event chronology.";
    #[allow(clippy::type_complexity)]
    let at_each_stage: [(ReferralStage, ReferralForm, Option<&Recommendation>, Option<&Decision>, Option<&str>);
        8] = [
        (ReferralStage::Draft, draft, None, None, None),
        (ReferralStage::AwaitingSignOff, example_form(town, "Child M"), None, None, None),
        (ReferralStage::ReturnedByManager, example_form(town, "Child N"), None, None, Some(returned_by_manager)),
        (ReferralStage::Returned, example_form(town, "Child K"), None, None, Some(returned_by_office)),
        (ReferralStage::Submitted, example_form(town, "Child A"), None, None, None),
        (ReferralStage::Recommended, example_form(town, "Child B"), Some(&recommendation), None, None),
        (ReferralStage::Decided, example_form(town, "Child C"), Some(&recommendation), Some(&decision), None),
        (ReferralStage::Decided, example_form(town, "Child L"), Some(&not_recommended), Some(&learning_only), None),
    ];
    for (stage, form, rec, dec, returned) in at_each_stage {
        let t = now();
        let sent = stage != ReferralStage::Draft;
        let row = ReferralRow {
            tenant_id: tenant_id.into(),
            id: new_id(),
            referrer_id: referrer_id.into(),
            stage,
            review_type: form.review_type,
            child_name: referrals::child_name_column(&form),
            form: Json::encode(&form)?,
            return_reason: returned.map(str::to_string),
            recommendation: rec.map(Json::encode).transpose()?,
            decision: dec.map(Json::encode).transpose()?,
            created_at: t,
            updated_at: t,
            submitted_at: stage.at_office().then_some(t),
            manager_id: sent.then(|| manager.id.to_string()),
            manager_name: sent.then(|| manager.name.clone()),
            manager_agency: sent.then(|| manager.agency.clone()),
            signed_off_at: stage.at_office().then_some(t),
            case_id: None,
            version: 0,
        };
        referrals::insert(conn, &row)?;
        // The decision's clock, from when it reached the business office.
        if matches!(stage, ReferralStage::Submitted | ReferralStage::Recommended | ReferralStage::Decided) {
            let holidays = BankHolidays::shipped();
            let Some(division) = holidays.division(Region::EnglandAndWales) else { continue };
            let calendar = WorkingCalendar::new(Region::EnglandAndWales, division, []);
            let today = crate::api::today();
            let from = match dec {
                Some(d) => d.decided_on.checked_sub_days(chrono::Days::new(12)).unwrap_or(d.decided_on),
                None => today.checked_sub_days(chrono::Days::new(4)).unwrap_or(today),
            };
            let kind = ClockKind::ReferralDecision;
            let mut changes = vec![ClockChange::Start { kind, from, rule: kind.default_rule() }];
            if let Some(d) = dec {
                changes.push(ClockChange::Meet { kind, on: d.decided_on });
            }
            referrals::apply_clocks(conn, &calendar, &row, changes)?;
        }
    }
    Ok(())
}

/// How far a demo case has gone.
#[derive(Debug, Clone, Copy)]
enum Reached {
    /// Agencies asked; the police have answered, health has not.
    Requests,
    /// Every agency has answered and the meeting has recommended: awaiting the decision.
    Meeting,
    /// Decided (and the report sent to the National Panel).
    Decided(RapidReviewOutcome),
}

/// A demo case of `child`, which became known `aware` days ago and has `reached` so far.
/// Built by the same transitions the API runs, each on the day it happened, by the office
/// (and the lead for the decision; the agencies for their answers).
struct DemoCase<'a> {
    child: &'a str,
    aware: u64,
    reached: Reached,
    /// The notification and the Rapid Review report sent late (for a year of statistics that
    /// is not all on time).
    late: bool,
}

const DEMO_CASES: [DemoCase<'static>; 10] = [
    DemoCase { child: "Child E", aware: 11, reached: Reached::Requests, late: false },
    DemoCase { child: "Child F", aware: 25, reached: Reached::Meeting, late: false },
    DemoCase { child: "Child G", aware: 60, reached: Reached::Decided(RapidReviewOutcome::LocalCspr), late: false },
    DemoCase { child: "Child H", aware: 40, reached: Reached::Decided(RapidReviewOutcome::LearningOnly), late: false },
    DemoCase {
        child: "Child J",
        aware: 90,
        reached: Reached::Decided(RapidReviewOutcome::NationalReview),
        late: false,
    },
    // a local CSPR long done: its overview report published
    DemoCase { child: "Child K", aware: 330, reached: Reached::Decided(RapidReviewOutcome::LocalCspr), late: false },
    // past cases, learning only, for a year of statistics (two of them late)
    DemoCase { child: "Child M", aware: 130, reached: Reached::Decided(RapidReviewOutcome::LearningOnly), late: true },
    DemoCase { child: "Child N", aware: 200, reached: Reached::Decided(RapidReviewOutcome::LearningOnly), late: false },
    DemoCase { child: "Child P", aware: 265, reached: Reached::Decided(RapidReviewOutcome::LearningOnly), late: true },
    DemoCase { child: "Child Q", aware: 300, reached: Reached::Decided(RapidReviewOutcome::LearningOnly), late: false },
];

/// The demo cases of a partnership: one at each point the case stage reaches so far.
fn seed_cases(conn: &mut DbConn, tenant: &TenantRow, office_id: &str, agencies: [Id; 2], town: &str) -> ApiResult<()> {
    let region = tenant.region;
    let holidays = BankHolidays::shipped();
    let Some(division) = holidays.division(region) else { return Ok(()) };
    let calendar = WorkingCalendar::new(region, division, []);
    for case in &DEMO_CASES {
        seed_case(conn, &calendar, tenant, office_id, agencies, town, case)?;
    }
    Ok(())
}

fn seed_case(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    tenant: &TenantRow,
    office_id: &str,
    [police, health]: [Id; 2],
    town: &str,
    demo: &DemoCase<'_>,
) -> ApiResult<()> {
    let today = crate::api::today();
    // The day `n` days after the local authority became aware.
    let day = |n: u64| today.checked_sub_days(chrono::Days::new(demo.aware - n)).unwrap_or(today);
    let incident = day(0).pred_opt().unwrap_or(day(0));
    let mut child = example_form(town, demo.child).child;
    child.date_of_incident = Some(incident);
    let notification = Notification {
        criteria: NotificationCriteria { abuse_or_neglect: true, died_or_seriously_harmed: true },
        decided_by: LaDecisionMaker {
            name: "Sam Example".into(),
            designation: format!("Director of Children's Services, {town} Council"),
        },
        incident_date: Some(incident),
        incident_place: format!("{town}: the family home"),
        la_aware_on: Some(day(0)),
        children: vec![child],
        notifier: Notifier {
            name: "Morgan Example".into(),
            agency: format!("{town} Council Children's Services"),
            designation: "Head of Safeguarding".into(),
            contact_details: "01632 960001".into(),
        },
        referral_id: None,
    };
    let rules = ClockRules::default();
    let opened = open(notification, true, day(0), &rules)?;
    let opening =
        cases::Opening { tenant_id: &tenant.id, created_by: office_id, la_aware_on: day(0), referral_id: None };
    let mut case = cases::insert_opened(conn, calendar, opening, opened)?;
    let step = |conn: &mut DbConn, case: &mut CaseRow, command: CaseCommand, roles: &[Role], on: NaiveDate| {
        let t = transition(&cases::state(conn, case)?, command, roles, on, &rules)?;
        cases::advance(conn, calendar, case, t)
    };
    let office = [Role::BusinessOffice];
    let (notified, reported) = if demo.late { (9, 26) } else { (2, 15) };
    step(conn, &mut case, CaseCommand::RecordNotificationSent { sent_on: day(notified) }, &office, day(notified))?;
    let send = SendRequests { agency_ids: vec![police.uuid(), health.uuid()], sent_on: Some(day(3)) };
    let known = vec![police.uuid(), health.uuid()];
    step(conn, &mut case, CaseCommand::SendRequests { send, asked: Vec::new(), known }, &office, day(3))?;
    answer_request(conn, tenant, &case, police, town, day(8))?;
    if matches!(demo.reached, Reached::Requests) {
        return Ok(());
    }
    answer_request(conn, tenant, &case, health, town, day(10))?;
    let recommendation = match demo.reached {
        Reached::Decided(outcome) => outcome,
        _ => RapidReviewOutcome::LocalCspr,
    };
    step(
        conn,
        &mut case,
        CaseCommand::RecordMeeting(example_meeting(town, day(12), recommendation)),
        &office,
        day(12),
    )?;
    let Reached::Decided(outcome) = demo.reached else {
        // The scrutineer's observations inform the decision still to come.
        let observation = ObservationRequest {
            text: "The chronology shows missed health appointments that the meeting did not discuss.".into(),
        };
        let by = "Dr Robin Hale".to_string();
        step(conn, &mut case, CaseCommand::AddObservation { observation, by }, &[Role::Scrutineer], day(13))?;
        return Ok(());
    };
    let decision = example_decision(town, day(14), outcome);
    step(conn, &mut case, CaseCommand::Decide(decision), &[Role::StrategicLead], day(14))?;
    step(conn, &mut case, CaseCommand::RecordReportSent { sent_on: day(reported) }, &office, day(reported))?;
    Ok(())
}

/// The review of the partnership's local CSPR (the demo case decided for one).
fn seed_review(conn: &mut DbConn, tenant: &TenantRow, cast: &cspr::Cast<'_>) -> ApiResult<()> {
    let holidays = BankHolidays::shipped();
    let Some(division) = holidays.division(tenant.region) else { return Ok(()) };
    let calendar = WorkingCalendar::new(tenant.region, division, []);
    let (list, _) = cases::list(conn, &tenant.id, Some(shared::case::CaseStage::LocalCspr), 1, 10)?;
    let of_child = |conn: &mut DbConn, child: &str| -> ApiResult<CaseRow> {
        for c in &list {
            let row = cases::get(conn, &tenant.id, &c.id)?.ok_or_else(ApiError::internal)?;
            if row.notification.decode()?.children.iter().any(|k| k.name == child) {
                return Ok(row);
            }
        }
        Err(ApiError::internal())
    };
    let case = of_child(conn, "Child G")?;
    let mut done = of_child(conn, "Child K")?;
    cspr::seed(conn, &calendar, &case, cast)?;
    overview::seed_draft(conn, &case, cast)?;
    overview::seed_published(conn, &calendar, &mut done, cast)
}

/// The agency's author saves its answer, then submits it, on `on`.
fn answer_request(
    conn: &mut DbConn,
    tenant: &TenantRow,
    case: &CaseRow,
    agency: Id,
    town: &str,
    on: NaiveDate,
) -> ApiResult<()> {
    let (mut request, _) = cases::requests_of_case(conn, &tenant.id, &case.id)?
        .into_iter()
        .find(|(r, _)| r.agency_id == agency)
        .ok_or_else(ApiError::internal)?;
    let own = RequestAccess { answer: true };
    let info = example_information(town);
    let save = AnswerCommand::Save(Box::new(info.clone()));
    let saved = answer(request.status, || Ok::<_, ApiError>(None), own, save, on)?;
    cases::advance_answer(conn, &mut request, saved)?;
    let submitted = answer(request.status, || Ok::<_, ApiError>(Some(info)), own, AnswerCommand::Submit, on)?;
    cases::advance_answer(conn, &mut request, submitted)
}

/// An invented Rapid Review meeting with the three core members.
fn example_meeting(town: &str, held_on: NaiveDate, recommendation: RapidReviewOutcome) -> RapidReviewMeeting {
    let member = |role, name: &str, designation: &str, agency: &str| MeetingMember {
        role,
        name: name.into(),
        designation: designation.into(),
        agency: format!("{town} {agency}"),
    };
    RapidReviewMeeting {
        held_on: Some(held_on),
        members: vec![
            member(MemberRole::DesignatedDoctor, "Dr Lee Example", "Designated Doctor", "Integrated Care Board"),
            member(MemberRole::PoliceChildProtection, "DI Sam Example", "Head of Child Protection", "Police"),
            member(
                MemberRole::ChildrensServicesManager,
                "Jo Example",
                "Service Manager",
                "Council Children's Services",
            ),
        ],
        facts: "An infant was taken to hospital with injuries not explained by the carers.".into(),
        immediate_safety_actions: "Siblings placed with grandparents under a safety plan.".into(),
        immediate_learning: "Health visitor concerns were not shared with the school nurse.".into(),
        possible_improvements: "Information sharing between universal health services.".into(),
        recommendation: Some(recommendation),
        rationale: "The criteria for a review are met.".into(),
        outstanding_reason: String::new(),
    }
}

/// An invented decision of the strategic leads.
fn example_decision(town: &str, decided_on: NaiveDate, outcome: RapidReviewOutcome) -> CaseDecision {
    let learning_only = outcome == RapidReviewOutcome::LearningOnly;
    CaseDecision {
        outcome: Some(outcome),
        rationale: "Agreed by the three statutory partners.".into(),
        decided_on: Some(decided_on),
        learning_identified: if learning_only {
            "Health visitors share concerns with school nurses.".into()
        } else {
            String::new()
        },
        actions: if learning_only {
            vec![LearningAction {
                action: "Brief health visiting teams on information sharing.".into(),
                owner: format!("{town} Integrated Care Board"),
                due_on: decided_on.checked_add_days(chrono::Days::new(90)),
            }]
        } else {
            Vec::new()
        },
    }
}

/// A complete, invented answer to an information request.
pub fn example_information(town: &str) -> AdditionalInformation {
    AdditionalInformation {
        completed_by: Notifier {
            name: "Sam Example".into(),
            agency: format!("{town} Police"),
            designation: "Detective Inspector".into(),
            contact_details: "01632 960002".into(),
        },
        family_known: "Mother and her partner".into(),
        background: "Two call-outs to the address in the past year.".into(),
        involvement: "Domestic abuse notifications shared with children's services.".into(),
        areas_of_learning: "Sharing of call-out information with schools.".into(),
        themes: Themes {
            actions_taken: "Briefing to response officers.".into(),
            good_practice: "Prompt referral.".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{cases, referrals};
    use diesel::prelude::*;
    use shared::case::CaseStage;
    use std::collections::BTreeSet;

    /// A newcomer sees every stage built so far, in both partnerships: each referral stage
    /// and each point of the case stage (the cases are built by the transitions, so this also
    /// fails when a transition refuses the demo's own answers).
    #[test]
    fn the_demo_shows_every_stage_in_both_partnerships() {
        let dir = std::env::temp_dir().join(format!("cspr-demo-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("demo.db").display());
        let pool = crate::db::connect(&url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        seed(&mut conn, "a demo password for this test").unwrap();
        let case_stages: Vec<(String, CaseStage)> =
            cases::table.select((cases::tenant_id, cases::stage)).load(&mut *conn).unwrap();
        let referral_stages: Vec<(String, ReferralStage)> =
            referrals::table.select((referrals::tenant_id, referrals::stage)).load(&mut *conn).unwrap();
        let tenants: BTreeSet<&String> = case_stages.iter().map(|(t, _)| t).collect();
        assert_eq!(tenants.len(), PARTNERSHIPS.len());
        for tenant in tenants {
            let seen: BTreeSet<&str> =
                case_stages.iter().filter(|(t, _)| t == tenant).map(|(_, s)| s.as_str()).collect();
            let all: BTreeSet<&str> = CaseStage::ALL.iter().map(|s| s.as_str()).collect();
            assert_eq!(seen, all, "case stages of {tenant}");
            let seen: BTreeSet<&str> =
                referral_stages.iter().filter(|(t, _)| t == tenant).map(|(_, s)| s.as_str()).collect();
            let all: BTreeSet<&str> = ReferralStage::ALL.iter().map(|s| s.as_str()).collect();
            assert_eq!(seen, all, "referral stages of {tenant}");
        }
        // The office's pages have something to show: the audit trail (sealed into its chain)
        // and the outbox, in both partnerships.
        crate::store::audit::seal_unsealed(&mut conn).unwrap();
        let (checked, breaks) = crate::store::audit::verify(&mut conn).unwrap();
        assert!(checked > 0 && breaks.is_empty(), "{checked} {breaks:?}");
        for tenant in tenants_of(&case_stages) {
            let trail = crate::store::audit::list(&mut conn, &tenant, &Default::default(), 100).unwrap();
            assert!(trail.iter().any(|e| e.action == "case.create"), "trail of {tenant}");
            // A password reset and an invitation at least.
            assert!(crate::store::outbox::list(&mut conn, &tenant, 10).unwrap().len() >= 2, "outbox of {tenant}");
            let agencies = directory::agencies_of(&mut conn, &tenant).unwrap();
            assert!(agencies.iter().any(|a| !a.active), "an inactive agency in {tenant}");
            let kinds: BTreeSet<&str> = agencies.iter().map(|a| a.kind.as_str()).collect();
            assert!(kinds.len() >= 7, "agencies of several kinds in {tenant}: {kinds:?}");
            // The local CSPR: a review group, agreed terms, three agencies' reports submitted
            // and their merged chronology.
            let (local, _) = crate::store::case::list(&mut conn, &tenant, Some(CaseStage::LocalCspr), 1, 5).unwrap();
            let reviews: Vec<_> =
                local.iter().map(|c| (c, crate::store::cspr::get_or_new(&mut conn, c).unwrap())).collect();
            let (case, review) = reviews.iter().find(|(_, r)| r.agreement.is_some()).expect("the demo review");
            assert!(review.version > 0 && review.group_set_on.is_some(), "{tenant}");
            // The overview reports: a draft under comment on the review, and one published.
            let draft = crate::store::overview::get_or_new(&mut conn, case).unwrap();
            assert_eq!((draft.latest_version, draft.submission.is_none()), (2, true), "the draft in {tenant}");
            assert!(!crate::store::overview::threads(&mut conn, &tenant, &case.id).unwrap().is_empty());
            let published = reviews
                .iter()
                .map(|(c, _)| crate::store::overview::get_or_new(&mut conn, c).unwrap())
                .find(|o| o.plan.decode().unwrap().published_on.is_some())
                .expect("a published report");
            assert!(published.submission.is_some(), "sent to the Panel in {tenant}");
            let chronologies = crate::store::cspr::chronologies(&mut conn, &tenant, &case.id).unwrap();
            assert_eq!(chronologies.len(), 3, "three agencies' chronologies in {tenant}");
            let merged = shared::cspr::merge(
                chronologies.into_iter().map(|(id, name, e)| (id.uuid(), name, e.decode().unwrap())).collect(),
                &Default::default(),
            );
            assert!(merged.len() >= 10, "{tenant}: {}", merged.len());
            let processes = review.processes.decode().unwrap();
            assert!(shared::cspr::holds_publication(&processes), "a prosecution holds publication in {tenant}");
        }
        drop(conn);
        std::fs::remove_dir_all(&dir).ok();
    }

    fn tenants_of(rows: &[(String, CaseStage)]) -> BTreeSet<String> {
        rows.iter().map(|(t, _)| t.clone()).collect()
    }
}
