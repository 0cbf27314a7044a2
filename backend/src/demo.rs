//! Fictional demo data: two partnerships, their agencies, one person per role, and a few
//! referrals in different stages. Everything here is invented.
use crate::auth::password;
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{new_id, now, CaseRow, ReferralRow, TenantRow};
use crate::store::{case as cases, directory, referral as referrals};
use chrono::NaiveDate;
use shared::agency::AgencyKind;
use shared::calendar::{BankHolidays, WorkingCalendar};
use shared::case::{
    answer, open, transition, AdditionalInformation, AnswerCommand, CaseCommand, Notification, Notifier, RequestAccess,
    SendRequests,
};
use shared::referral::*;
use shared::region::Region;
use shared::Role;

pub const DEFAULT_PASSWORD: &str = "demo-password-2026";

/// The role words of the demo e-mail addresses: `<word>@<slug>.example`.
pub const ROLE_WORDS: [(&str, Role); 6] = [
    ("referrer", Role::Referrer),
    ("author", Role::AgencyAuthor),
    ("reviewer", Role::Reviewer),
    ("scrutineer", Role::Scrutineer),
    ("lead", Role::StrategicLead),
    ("office", Role::BusinessOffice),
];

pub const SHARED_SCRUTINEER: &str = "scrutineer@independent.example";

/// The second agency author (of the health agency): `author.health@<slug>.example`.
pub const HEALTH_AUTHOR_WORD: &str = "author.health";

struct Partnership {
    slug: &'static str,
    name: &'static str,
    town: &'static str,
    people: [&'static str; 6],
    health_author: &'static str,
}

const PARTNERSHIPS: [Partnership; 2] = [
    Partnership {
        slug: "northvale",
        name: "Northvale Safeguarding Children Partnership",
        town: "Northvale",
        people: ["Alex Morgan", "Sam Patel", "Jordan Lee", "Casey Quinn", "Priya Shah", "Morgan Ellis"],
        health_author: "Dana Fox",
    },
    Partnership {
        slug: "southmere",
        name: "Southmere Safeguarding Children Partnership",
        town: "Southmere",
        people: ["Taylor Brooks", "Jamie Okafor", "Rowan Hughes", "Avery Clarke", "Nadia Rahman", "Chris Doyle"],
        health_author: "Kit Murray",
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
            let t = &tenant.id;
            let police = directory::create_agency(conn, t, &format!("{} Police", p.town), AgencyKind::Police, true)?;
            let health = directory::create_agency(
                conn,
                t,
                &format!("{} Integrated Care Board", p.town),
                AgencyKind::Health,
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
            directory::create_agency(conn, t, &format!("{} Probation Service", p.town), AgencyKind::Probation, false)?;
            let mut referrer_id = String::new();
            let mut office_id = String::new();
            for ((word, role), name) in ROLE_WORDS.iter().zip(p.people) {
                let user = directory::create_user(conn, &format!("{word}@{}.example", p.slug), name, &hash)?;
                let agency = match role {
                    Role::Referrer => Some(schools.id),
                    Role::AgencyAuthor => Some(police.id),
                    Role::StrategicLead | Role::BusinessOffice => Some(council.id),
                    _ => None,
                };
                directory::grant(conn, t, &user.id, agency, &[*role])?;
                match role {
                    Role::Referrer => referrer_id = user.id.to_string(),
                    Role::BusinessOffice => office_id = user.id.to_string(),
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
            directory::grant(conn, t, &scrutineer.id, None, &[Role::Scrutineer])?;
            seed_referrals(conn, t, &referrer_id, p.town)?;
            seed_case(conn, &tenant, &office_id, [police.id, health.id], p.town)?;
        }
        Ok(())
    })
    .map_err(|e| format!("cannot write the demo data: {}", e.message))
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
        senior_manager: SeniorManagerSignOff {
            person: person("Jo Example", &format!("{town} Schools"), "Head of Safeguarding", day(2026, 10, 6)),
            agrees: true,
        },
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

fn seed_referrals(conn: &mut DbConn, tenant_id: &str, referrer_id: &str, town: &str) -> Result<(), ApiError> {
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
    };
    let cases: [(ReferralStage, ReferralForm, Option<&Recommendation>, Option<&Decision>); 4] = [
        (ReferralStage::Draft, draft, None, None),
        (ReferralStage::Submitted, example_form(town, "Child A"), None, None),
        (ReferralStage::Recommended, example_form(town, "Child B"), Some(&recommendation), None),
        (ReferralStage::Decided, example_form(town, "Child C"), Some(&recommendation), Some(&decision)),
    ];
    for (stage, form, rec, dec) in cases {
        let t = now();
        let row = ReferralRow {
            tenant_id: tenant_id.into(),
            id: new_id(),
            referrer_id: referrer_id.into(),
            stage,
            review_type: form.review_type,
            child_name: referrals::child_name_column(&form),
            form: Json::encode(&form)?,
            return_reason: None,
            recommendation: rec.map(Json::encode).transpose()?,
            decision: dec.map(Json::encode).transpose()?,
            created_at: t,
            updated_at: t,
            submitted_at: (stage != ReferralStage::Draft).then_some(t),
        };
        referrals::insert(conn, &row)?;
    }
    Ok(())
}

/// One case at the Rapid Review stage, with dates relative to today: notified, two
/// agencies asked (the police have answered, health has not). Built by the same
/// transitions the API runs, each on the day it happened.
fn seed_case(
    conn: &mut DbConn,
    tenant: &TenantRow,
    office_id: &str,
    [police, health]: [Id; 2],
    town: &str,
) -> ApiResult<()> {
    let region = tenant.region;
    let holidays = BankHolidays::shipped();
    let Some(division) = holidays.division(region) else { return Ok(()) };
    let calendar = WorkingCalendar::new(region, division, []);
    let today = crate::api::today();
    let back = |days: u64| today.checked_sub_days(chrono::Days::new(days)).unwrap_or(today);
    let form = example_form(town, "Child E");
    let notification = Notification {
        incident_date: Some(back(12)),
        incident_place: format!("{town}: the family home"),
        la_aware_on: Some(back(11)),
        children: vec![form.child],
        notifier: Notifier {
            name: "Morgan Example".into(),
            agency: format!("{town} Council Children's Services"),
            designation: "Head of Safeguarding".into(),
            contact_details: "01632 960001".into(),
        },
        referral_id: None,
    };
    let opened = open(notification, true, back(11))?;
    let t = now();
    let mut case = CaseRow {
        tenant_id: tenant.id.clone(),
        id: Id::new(),
        reference: cases::next_reference(conn, &tenant.id, chrono::Datelike::year(&t.date()))?,
        stage: opened.to,
        referral_id: None,
        la_aware_on: back(11),
        notification: Json::encode(&Notification::default())?,
        notification_sent_on: None,
        meeting: None,
        decision: None,
        decided_on: None,
        report_sent_on: None,
        created_by: office_id.into(),
        created_at: t,
        updated_at: t,
    };
    cases::insert_opened(conn, &calendar, &mut case, opened.effects)?;
    let office = [Role::BusinessOffice];
    let step = |conn: &mut DbConn, case: &mut CaseRow, command: CaseCommand, on: NaiveDate| -> ApiResult<()> {
        let t = transition(&crate::api::case_state(case), command, &office, on)?;
        cases::advance(conn, &calendar, case, t)
    };
    step(conn, &mut case, CaseCommand::RecordNotificationSent { sent_on: back(9) }, back(9))?;
    let send = SendRequests { agency_ids: vec![police.uuid(), health.uuid()], sent_on: Some(back(8)) };
    let agencies = vec![police.uuid(), health.uuid()];
    step(conn, &mut case, CaseCommand::SendRequests { send, asked: Vec::new(), known: agencies }, back(8))?;
    // The police answer (saved, then submitted three days ago); health has not.
    let (mut request, _) = cases::requests_of_case(conn, &tenant.id, &case.id)?
        .into_iter()
        .find(|(r, _)| r.agency_id == police)
        .ok_or_else(ApiError::internal)?;
    let own = RequestAccess { answer: true };
    let info = example_information(town);
    let saved = answer(request.status, None, own, AnswerCommand::Save(Box::new(info.clone())), back(3))?;
    cases::advance_answer(conn, &mut request, saved)?;
    let submitted = answer(request.status, Some(&info), own, AnswerCommand::Submit, back(3))?;
    cases::advance_answer(conn, &mut request, submitted)?;
    Ok(())
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
