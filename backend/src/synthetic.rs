//! Synthetic partnerships for the benchmark (`cspr synthetic`): many tenants, each with
//! agencies, a business office and cases spread over every stage, their requests and clocks
//! dated around today so that every clock status occurs. Everything is invented.
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::models::{now, CaseRow, ClockRow, InformationRequestRow};
use crate::on_backend;
use crate::schema::{cases, clocks, information_requests};
use crate::store::directory;
use chrono::{Datelike, Days, NaiveDate};
use diesel::prelude::*;
use shared::agency::AgencyKind;
use shared::calendar::{BankHolidays, ClockKind, WorkingCalendar};
use shared::case::{CaseStage, Notification, Notifier, RequestStatus};
use shared::referral::ChildDetails;
use shared::region::Region;
use shared::Role;

/// The slug of synthetic tenant `i` (from 1).
pub fn slug(i: usize) -> String {
    format!("synthetic-{i:03}")
}

/// Rows a batch insert takes at once (well under SQLite's bound-variable limit).
const CHUNK: usize = 500;

/// Creates `tenants` partnerships of `cases` cases each; the office person of each is
/// `office@<slug>.example` with the given password hash. Returns the clocks written.
pub fn load(conn: &mut DbConn, tenants: usize, cases: usize, password_hash: &str) -> Result<usize, ApiError> {
    let region = Region::EnglandAndWales;
    let holidays = BankHolidays::shipped();
    let division = holidays.division(region).ok_or_else(ApiError::internal)?;
    let calendar = WorkingCalendar::new(region, division, []);
    let today = crate::api::today();
    let mut written = 0;
    for t in 1..=tenants {
        written += crate::db::write_transaction(conn, |conn| {
            load_tenant(conn, &calendar, today, &slug(t), cases, password_hash)
        })?;
        if t % 10 == 0 || t == tenants {
            eprintln!("  {t} of {tenants} partnerships loaded");
        }
    }
    // The planners' statistics, as after any bulk load; on PostgreSQL also the visibility
    // map (VACUUM), which autovacuum would write soon after such a load anyway: without it,
    // counts read the table instead of the index alone, until autovacuum comes by mid-run.
    let settle = match conn {
        DbConn::Pg(_) => "VACUUM ANALYZE",
        DbConn::Sqlite(_) => "ANALYZE",
    };
    diesel::sql_query(settle).execute(conn)?;
    Ok(written)
}

fn load_tenant(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    today: NaiveDate,
    slug: &str,
    n_cases: usize,
    password_hash: &str,
) -> Result<usize, ApiError> {
    let tenant = directory::create_tenant(conn, slug, &format!("Synthetic partnership {slug}"), calendar.region())?;
    // The benchmark signs in with a password alone.
    directory::set_second_factor_rule(conn, &tenant.id, shared::auth::SecondFactorRule::Off)?;
    let kinds = [
        AgencyKind::Police,
        AgencyKind::HealthIcb,
        AgencyKind::ChildrensSocialCare,
        AgencyKind::Education,
        AgencyKind::Probation,
    ];
    let mut agencies = Vec::new();
    for (i, kind) in kinds.into_iter().enumerate() {
        agencies.push(directory::create_agency(conn, &tenant.id, &format!("Agency {i}"), kind, i < 3)?.id);
    }
    let office = directory::create_user(conn, &format!("office@{slug}.example"), "Synthetic Office", password_hash)?;
    directory::grant(conn, &tenant.id, &office.id, Some(agencies[2]), &[Role::BusinessOffice])?;
    let author = directory::create_user(conn, &format!("author@{slug}.example"), "Synthetic Author", password_hash)?;
    directory::grant(conn, &tenant.id, &author.id, Some(agencies[0]), &[Role::AgencyAuthor])?;
    // A referrer and their senior manager at the school (`cargo xtask load` saves drafts and
    // sends referrals for sign-off).
    let referrer =
        directory::create_user(conn, &format!("referrer@{slug}.example"), "Synthetic Referrer", password_hash)?;
    directory::grant(conn, &tenant.id, &referrer.id, Some(agencies[3]), &[Role::Referrer])?;
    let manager = directory::create_user(conn, &format!("manager@{slug}.example"), "Synthetic Manager", password_hash)?;
    directory::grant(conn, &tenant.id, &manager.id, Some(agencies[3]), &[Role::AgencyManager])?;

    let notification = Json::encode(&Notification {
        criteria: shared::case::NotificationCriteria { abuse_or_neglect: true, died_or_seriously_harmed: true },
        decided_by: Default::default(),
        incident_date: Some(today),
        incident_place: "Synthetic".into(),
        la_aware_on: Some(today),
        children: vec![ChildDetails { name: "Synthetic child".into(), ..Default::default() }],
        notifier: Notifier { name: "Synthetic".into(), ..Default::default() },
        referral_id: None,
    })?;
    let empty_warnings = Json::encode(&Vec::new())?;
    let empty_observations = Json::encode(&Vec::<shared::case::Observation>::new())?;
    let default_rule = Json::encode(&ClockKind::RapidReviewReport.default_rule())?;
    let case_rules = Json::encode(&shared::calendar::ClockRules::default().resolved())?;
    let (mut case_rows, mut request_rows, mut clock_rows) = (Vec::new(), Vec::new(), Vec::new());
    let mut action_rows = Vec::new();
    let t = now();
    let wd = |from: NaiveDate, n: u32| calendar.add_working_days(from, n).map(|r| r.value).unwrap_or(from);
    for i in 0..n_cases {
        // aware between 0 and 59 days ago; the stage cycles through four
        let aware = today.checked_sub_days(Days::new((i % 60) as u64)).unwrap_or(today);
        let stage =
            [CaseStage::RapidReview, CaseStage::AwaitingDecision, CaseStage::LocalCspr, CaseStage::LearningOnly][i % 4];
        let case_id = Id::new();
        let notified = (stage != CaseStage::RapidReview || i % 8 == 0).then(|| wd(aware, 3).min(today));
        let decided = stage.decided().then(|| wd(aware, 14).min(today));
        let mut clock = |kind: ClockKind, start: NaiveDate, met: Option<NaiveDate>, req: Option<(Id, Id)>| {
            let rule = kind.default_rule();
            let (due, warnings) = rule.due(calendar, start).unwrap_or((start, Vec::new()));
            clock_rows.push(ClockRow {
                tenant_id: tenant.id.clone(),
                id: Id::new(),
                case_id,
                kind,
                request_id: req.map(|r| r.0),
                agency_id: req.map(|r| r.1),
                started_on: start,
                due_on: due,
                met_on: met,
                warnings: Json::encode(&warnings).unwrap_or_else(|_| empty_warnings.clone()),
                rule: Json::encode(&rule).unwrap_or_else(|_| default_rule.clone()),
            });
            due
        };
        clock(ClockKind::NotificationToPanel, aware, notified, None);
        clock(ClockKind::RapidReviewReport, aware, decided, None);
        let sent_on = wd(aware, 1).min(today);
        for (a, agency) in agencies.iter().take(3).enumerate() {
            let answered = stage != CaseStage::RapidReview || a == 0;
            let request_id = Id::new();
            let submitted = answered.then(|| wd(sent_on, 5 + a as u32).min(today));
            let due = clock(ClockKind::AgencyInformation, sent_on, submitted, Some((request_id, *agency)));
            request_rows.push(InformationRequestRow {
                tenant_id: tenant.id.clone(),
                id: request_id,
                case_id,
                agency_id: *agency,
                sent_on,
                due_on: due,
                status: if answered { RequestStatus::Submitted } else { RequestStatus::Sent },
                response: None,
                submitted_on: submitted,
                reminders: 0,
                last_reminded_on: None,
                created_at: t,
                updated_at: t,
                version: 0,
            });
        }
        if let (CaseStage::LocalCspr, Some(on)) = (stage, decided) {
            clock(ClockKind::CsprCompletion, on, None, None);
        }
        // a learning-only decision's action: due 30 days on, every other one closed
        if let (CaseStage::LearningOnly, Some(on)) = (stage, decided) {
            let reference = format!("{}-{:04}", t.date().year(), i + 1);
            let mut row = crate::store::learning::actions::new_row(
                &tenant.id,
                Some((&case_id, &reference)),
                None,
                shared::learning::ActionSource::RapidReview,
                "Synthetic action",
                (Some(agencies[0]), "Agency 0".into()),
                Some(author.id),
                on + chrono::Duration::days(30),
                on,
            );
            if i % 8 == 3 {
                row.status = shared::learning::ActionStatus::Closed;
                row.closed_on = Some(today);
            }
            action_rows.push(row);
        }
        case_rows.push(CaseRow {
            tenant_id: tenant.id.clone(),
            id: case_id,
            reference: format!("{}-{:04}", t.date().year(), i + 1),
            stage,
            referral_id: None,
            la_aware_on: aware,
            notification: notification.clone(),
            notification_sent_on: notified,
            meeting: None,
            decision: None,
            decided_on: decided,
            report_sent_on: None,
            created_by: office.id.to_string(),
            created_at: t,
            updated_at: t,
            observations: empty_observations.clone(),
            final_report_sent_on: None,
            clock_rules: case_rules.clone(),
            version: 0,
        });
    }
    for chunk in case_rows.chunks(CHUNK) {
        on_backend!(conn, |c| diesel::insert_into(cases::table).values(chunk).execute(c))?;
    }
    for chunk in request_rows.chunks(CHUNK) {
        on_backend!(conn, |c| diesel::insert_into(information_requests::table).values(chunk).execute(c))?;
    }
    for chunk in clock_rows.chunks(CHUNK) {
        on_backend!(conn, |c| diesel::insert_into(clocks::table).values(chunk).execute(c))?;
    }
    for chunk in action_rows.chunks(CHUNK) {
        on_backend!(conn, |c| diesel::insert_into(crate::schema::actions::table).values(chunk).execute(c))?;
    }
    Ok(clock_rows.len())
}

/// A merged chronology for the benchmark: in partnership `slug`, its first local CSPR gets
/// submitted reports from `agencies` agencies (added where the partnership has fewer),
/// `entries` chronology entries in all, spread over the year before today with times of
/// day (some shared by two agencies). Answers the case's id.
pub fn chronology(conn: &mut DbConn, slug: &str, agencies: usize, entries: usize) -> Result<String, ApiError> {
    use crate::models::AgencyReportRow;
    use shared::cspr::{AgencyReportBody, ChronologyEntry, ReportStatus};
    crate::db::write_transaction(conn, |conn| {
        let tenant = directory::tenant_by_slug(conn, slug)?.ok_or_else(ApiError::not_found)?;
        let mut known = directory::agencies_of(conn, &tenant.id)?;
        for k in known.len()..agencies {
            known.push(directory::create_agency(
                conn,
                &tenant.id,
                &format!("Synthetic Agency {k}"),
                AgencyKind::Other,
                false,
            )?);
        }
        let (local, _) = crate::store::case::list(conn, &tenant.id, Some(CaseStage::LocalCspr), 1, 1)?;
        let case = local.into_iter().next().ok_or_else(ApiError::not_found)?;
        if !crate::store::cspr::report_agencies(conn, &tenant.id, &case.id)?.is_empty() {
            return Err(ApiError::invalid_stage("the review has reports already"));
        }
        let author =
            directory::user_by_email(conn, &format!("office@{slug}.example"))?.ok_or_else(ApiError::not_found)?;
        let today = crate::api::today();
        for (a, agency) in known.iter().take(agencies).enumerate() {
            let chronology: Vec<ChronologyEntry> = (0..entries)
                .filter(|i| i % agencies == a)
                .map(|i| {
                    let day =
                        today.checked_sub_days(Days::new(365 - (i * 365 / entries.max(1)) as u64)).unwrap_or(today);
                    ChronologyEntry {
                        date: Some(day),
                        time: chrono::NaiveTime::from_hms_opt(8 + (i % 10) as u32, 0, 0),
                        event: format!("Synthetic event {i}"),
                        source: "Synthetic record".into(),
                        practitioner_role: "Practitioner".into(),
                        outcome: "Recorded".into(),
                    }
                })
                .collect();
            let row = AgencyReportRow {
                tenant_id: tenant.id.clone(),
                case_id: case.id,
                agency_id: agency.id,
                author_id: author.id,
                assigned_on: today,
                status: ReportStatus::Submitted,
                draft: Json::encode(&AgencyReportBody { chronology: chronology.clone(), key_events: Vec::new() })?,
                revision: 1,
                manager_sign_off: None,
                submitted: Json::encode(&Vec::<shared::cspr::ReportVersion>::new())?,
                current_chronology: Json::encode(&chronology)?,
                returned_reason: None,
                submitted_on: Some(today),
                created_at: now(),
                updated_at: now(),
            };
            crate::store::cspr::insert_report(conn, &row)?;
        }
        Ok(case.id.to_string())
    })
}
