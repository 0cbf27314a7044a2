//! The demo local CSPR of a partnership, up to the practitioner event: commissioned (the
//! demo reviewer leads, the shared scrutineer scrutinises), the notice sent, a review group
//! that meets the rule, terms agreed after the scrutineer's observation, the authors briefed,
//! three agencies' chronologies and analyses submitted (health's returned once and revised),
//! the merged chronology shared, the practitioner event held, the family's part with a
//! genogram, and an active prosecution holding publication. Each record passes the checks of
//! `shared::cspr` before it is written. Everything here is invented.
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, AgencyReportRow, CaseRow};
use crate::store::cspr as store;
use chrono::{Days, NaiveDate};
use shared::calendar::{ClockKind, WorkingCalendar};
use shared::cspr::group::GroupAgency;
use shared::cspr::parallel::{OfficerInCharge, ProcessUpdate};
use shared::cspr::*;
use shared::Role;

/// The people and agencies the review involves.
pub struct Cast<'a> {
    pub town: &'a str,
    pub lead: (Id, &'a str),
    pub scrutineer: (Id, &'a str),
    /// Police, health, council (the strategic leads), schools, probation.
    pub agencies: [&'a crate::models::AgencyRow; 5],
    /// The authors of police, health and schools, and the schools' manager.
    pub authors: [(Id, &'a str); 3],
    pub manager: &'a str,
}

impl Cast<'_> {
    /// The review commissioned on `on` (the demo reviewer leads, the shared scrutineer), its
    /// notice sent on `notice`.
    pub fn commission(&self, on: NaiveDate, notice: NaiveDate) -> Commission {
        Commission {
            lead_reviewer_id: self.lead.0.uuid(),
            lead_reviewer_name: self.lead.1.into(),
            scrutineer_id: self.scrutineer.0.uuid(),
            scrutineer_name: self.scrutineer.1.into(),
            commissioned_on: on,
            notice_sent_on: Some(notice),
        }
    }
}

fn ok(errors: Vec<shared::FieldError>) -> ApiResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

fn after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// Seeds the review of `case` (decided for a local CSPR) as it would stand today.
pub fn seed(conn: &mut DbConn, calendar: &WorkingCalendar, case: &CaseRow, cast: &Cast<'_>) -> ApiResult<()> {
    let today = crate::api::today();
    let decided = case.decided_on.ok_or_else(ApiError::internal)?;
    let day = |n: u64| after(decided, n).min(today);
    let [police, health, council, schools, probation] = cast.agencies;
    let mut row = store::get_or_new(conn, case)?;

    let commission = cast.commission(day(3), day(4));
    row.commission = Some(Json::encode(&commission)?);

    let member = |name: &str, agency: &crate::models::AgencyRow, designation: &str, involved| GroupMember {
        name: name.into(),
        agency_id: Some(agency.id.uuid()),
        designation: designation.into(),
        involved,
    };
    let group = ReviewGroup {
        members: vec![
            member("Detective Inspector Ash Reed", police, "Head of Public Protection", true),
            member("Dr Lyn Carter", health, "Designated Nurse for Safeguarding", true),
            member("Pat Gordon", council, "Head of Service, Children's Social Care", true),
            member("Robin Shaw", schools, "Education Safeguarding Lead", true),
            member("Kim Adler", probation, "Senior Probation Officer", false),
        ],
    };
    let agencies: Vec<GroupAgency> = cast
        .agencies
        .iter()
        .map(|a| GroupAgency { id: a.id.uuid(), name: a.name.clone(), strategic_lead: a.strategic_lead })
        .collect();
    ok(check_review_group(&group, &agencies, &[police.id.uuid(), health.id.uuid()]))?;
    row.review_group = Json::encode(&group.members)?;
    row.group_set_on = Some(day(5));

    let form = TermsForm {
        text: format!(
            "The review considers the involvement of {town}'s agencies with the child and family over the \
             twelve months before the incident. It will identify what happened, why, and what should change.",
            town = cast.town
        ),
        key_lines: vec![
            "How well did agencies share information about the family's circumstances?".into(),
            "Was the child's lived experience understood and their voice heard?".into(),
            "How were missed health appointments followed up?".into(),
        ],
    };
    ok(check_terms(&form))?;
    let terms = vec![TermsVersion {
        version: 1,
        text: form.text,
        key_lines: form.key_lines,
        written_by: cast.lead.1.into(),
        written_on: day(7),
        observations: vec![TermsObservation {
            by: cast.scrutineer.1.into(),
            role: Role::Scrutineer,
            on: day(8),
            text: "The terms should say how the review will hear from the family.".into(),
        }],
    }];
    let agreement = AgreementForm {
        version: 1,
        agreed_on: Some(day(10)),
        attendees: group.members.iter().map(|m| m.name.clone()).chain([cast.lead.1.to_string()]).collect(),
    };
    ok(check_agreement(&agreement, &terms, today))?;
    row.terms = Json::encode(&terms)?;
    row.agreement = Some(Json::encode(&TermsAgreement {
        version: 1,
        agreed_on: day(10),
        attendees: agreement.attendees,
        recorded_by: cast.lead.1.into(),
    })?);
    let briefing = AuthorBriefing {
        held_on: Some(day(12)),
        attendees: cast.authors.iter().map(|(_, n)| n.to_string()).chain([cast.lead.1.to_string()]).collect(),
    };
    ok(check_briefing(&briefing, Some(day(10)), today))?;
    row.briefing = Some(Json::encode(&briefing)?);

    // the reports: police and schools submitted; health returned once and revised
    let incident = case.la_aware_on;
    let before = |months: u64, d: u64| incident.checked_sub_days(Days::new(months * 30 + d)).unwrap_or(incident);
    let entry =
        |date: NaiveDate, time: Option<&str>, event: &str, source: &str, role: &str, outcome: &str| ChronologyEntry {
            date: Some(date),
            time: time.and_then(|t| t.parse().ok()),
            event: event.into(),
            source: source.into(),
            practitioner_role: role.into(),
            outcome: outcome.into(),
        };
    let police_chronology = vec![
        entry(
            before(11, 3),
            Some("23:10:00"),
            "Call about shouting at the family home",
            "Command and control log",
            "Response officer",
            "Attended; no offences; DASH risk assessment standard",
        ),
        entry(
            before(8, 12),
            Some("09:30:00"),
            "Domestic abuse incident reported by a neighbour",
            "Crime report",
            "Response officer",
            "Referral to children's social care",
        ),
        entry(
            before(8, 12),
            Some("14:00:00"),
            "Strategy discussion",
            "Strategy discussion minutes",
            "Detective constable",
            "Single-agency police investigation",
        ),
        entry(
            before(3, 5),
            None,
            "Welfare check after a school's concern",
            "Command and control log",
            "Neighbourhood officer",
            "Child seen; no further action",
        ),
        entry(
            before(0, 1),
            Some("06:45:00"),
            "Emergency call to the family home",
            "Command and control log",
            "Response officer",
            "Child taken to hospital; investigation opened",
        ),
    ];
    let health_chronology = vec![
        entry(
            before(10, 20),
            None,
            "Health visitor's new birth review",
            "Health visiting record",
            "Health visitor",
            "Universal plus service",
        ),
        entry(
            before(8, 12),
            Some("09:30:00"),
            "Missed appointment at the clinic",
            "Clinic record",
            "Practice nurse",
            "Letter sent to the parent",
        ),
        entry(
            before(6, 2),
            None,
            "Second missed appointment",
            "Clinic record",
            "Practice nurse",
            "No follow-up recorded",
        ),
        entry(
            before(0, 1),
            Some("07:20:00"),
            "Child admitted to the emergency department",
            "Hospital record",
            "Emergency department consultant",
            "Safeguarding referral made",
        ),
    ];
    let schools_chronology = vec![
        entry(
            before(9, 1),
            None,
            "Attendance below 85% for the term",
            "Attendance register",
            "Attendance officer",
            "Letter to the parent",
        ),
        entry(
            before(3, 6),
            Some("15:30:00"),
            "Child said they were hungry and tired",
            "Safeguarding log",
            "Class teacher",
            "Designated safeguarding lead told; police welfare check asked",
        ),
        entry(
            before(1, 4),
            None,
            "Child absent for a week without explanation",
            "Attendance register",
            "Attendance officer",
            "Home visit planned",
        ),
    ];
    let analysis = |title: &str, date: NaiveDate| KeyEvent {
        date: Some(date),
        title: title.into(),
        analysis: "Practitioners acted on what they knew, but what each agency knew was not brought together.".into(),
        learning: "Information about missed appointments and school concerns must reach the lead professional.".into(),
        addressed: "A briefing for practitioners and a change to the referral form.".into(),
        outstanding_action: "Audit the use of the new form in six months.".into(),
        evidence: "Referrals now name every agency involved (audit of 20 referrals).".into(),
    };
    let reports = [
        (police, cast.authors[0], police_chronology, analysis("The domestic abuse incident", before(8, 12)), false),
        (health, cast.authors[1], health_chronology, analysis("The second missed appointment", before(6, 2)), true),
        (
            schools,
            cast.authors[2],
            schools_chronology,
            analysis("The child's disclosure of hunger", before(3, 6)),
            false,
        ),
    ];
    let rules = case.clock_rules.decode()?;
    let mut submitted_all = Vec::new();
    for (i, (agency, (author_id, author_name), chronology, key_event, revised)) in reports.into_iter().enumerate() {
        let body = AgencyReportBody { chronology, key_events: vec![key_event] };
        ok(check_report(&body, today, true))?;
        let assigned = day(12);
        let first = day(25 + i as u64);
        let manager = SignOff { name: cast.manager.into(), signed_on: first };
        let version = |n: u32, on: NaiveDate| ReportVersion {
            version: n,
            body: body.clone(),
            author: SignOff { name: author_name.into(), signed_on: on },
            manager: SignOff { signed_on: on, ..manager.clone() },
            revision: n > 1,
            submitted_on: on,
        };
        let mut versions = vec![version(1, first)];
        if revised {
            versions.push(version(2, day(30)));
        }
        submitted_all.push(first);
        let report = AgencyReportRow {
            tenant_id: case.tenant_id.clone(),
            case_id: case.id,
            agency_id: agency.id,
            author_id,
            assigned_on: assigned,
            status: ReportStatus::Submitted,
            draft: Json::encode(&body)?,
            revision: versions.len() as i32,
            manager_sign_off: None,
            current_chronology: Json::encode(&body.chronology)?,
            submitted: Json::encode(&versions)?,
            returned_reason: None,
            submitted_on: Some(first),
            created_at: now(),
            updated_at: now(),
        };
        store::insert_report(conn, &report)?;
        store::start_report_clock(conn, calendar, case, agency.id, assigned, &rules.of(ClockKind::AgencyReport))?;
        store::meet_report_clock(conn, &case.tenant_id, &case.id, &agency.id, first)?;
    }
    row.chronology_shared_on = Some(day(31));

    let invitee = |name: &str, agency: &crate::models::AgencyRow, team: &str, role, attended| Invitee {
        name: name.into(),
        agency_id: Some(agency.id.uuid()),
        team: team.into(),
        role,
        reason: String::new(),
        attended: Some(attended),
        one_to_one_on: None,
    };
    let mut event = PractitionerEvent {
        held_on: Some(day(35)),
        format: Some(EventFormat::InPerson),
        invitees: vec![
            invitee("DC Sam Hart", police, "Public Protection Unit", InviteeRole::OfficerInCharge, true),
            invitee("Lou Bennett", council, "Assessment Team 2", InviteeRole::SocialWorker, true),
            invitee("Ray Coles", council, "Assessment Team 2", InviteeRole::TeamManager, false),
            invitee("Jess Amin", health, "Health Visiting North", InviteeRole::Practitioner, true),
            invitee("Mo Tan", schools, "Primary school", InviteeRole::Practitioner, true),
        ],
        questions_sent_on: Some(day(30)),
        questions: "What did you know of the family? What helped or got in the way of sharing it?".into(),
        support_before: "A call with the lead reviewer to explain the day; employee assistance details.".into(),
        support_after: "A debrief with each manager within a week.".into(),
    };
    event.invitees[2].one_to_one_on = Some(day(36));
    let ids: Vec<uuid::Uuid> = cast.agencies.iter().map(|a| a.id.uuid()).collect();
    ok(check_event(&event, &ids))?;
    row.event = Some(Json::encode(&event)?);

    let person = |key: &str, name: &str, sex, born_year, subject| FamilyMember {
        key: key.into(),
        name: name.into(),
        sex,
        born_year,
        deceased: false,
        subject,
    };
    let relation = |from: &str, to: &str, kind| Relationship { from: from.into(), to: to.into(), kind };
    let year = |n: i32| Some(incident.format("%Y").to_string().parse::<i32>().unwrap_or(2026) - n);
    let family = FamilyEngagement {
        initial_letter_on: Some(day(5)),
        initial_letter_by: "Lou Bennett, social worker".into(),
        consent_given: Some(true),
        consent_on: Some(day(9)),
        meetings: vec![shared::cspr::family::FamilyMeeting {
            on: Some(day(20)),
            with: "The child's mother and grandmother".into(),
        }],
        mid_letter_on: Some(day(33)),
        findings_shared_on: None,
        notes: String::new(),
        members: vec![
            person("gran", "Grandmother", Sex::Female, year(58), false),
            person("mother", "Mother", Sex::Female, year(29), false),
            person("father", "Father", Sex::Male, year(31), false),
            person("partner", "Mother's partner", Sex::Male, year(33), false),
            person("child", "Child G", Sex::Female, year(4), true),
            person("sibling", "Half-brother", Sex::Male, year(1), false),
        ],
        relationships: vec![
            relation("gran", "mother", RelationKind::Parent),
            relation("mother", "father", RelationKind::Separated),
            relation("mother", "partner", RelationKind::Partner),
            relation("mother", "child", RelationKind::Parent),
            relation("father", "child", RelationKind::Parent),
            relation("mother", "sibling", RelationKind::Parent),
            relation("partner", "sibling", RelationKind::Parent),
        ],
    };
    ok(check_family(&family, today))?;
    row.family = Some(Json::encode(&family)?);

    let officer = OfficerInCharge {
        name: "DC Sam Hart".into(),
        phone: "01632 960123".into(),
        email: format!("sam.hart@{}police.example", cast.town.to_lowercase()),
    };
    let prosecution = ProcessForm {
        kind: ProcessKind::Prosecution,
        status: ProcessStatus::Active,
        officer: Some(officer.clone()),
        on: Some(day(6)),
        note: "The mother's partner is charged; the trial is listed.".into(),
        officer_informed_on: None,
    };
    ok(check_process(&prosecution, None, today))?;
    let inquest = ProcessForm {
        kind: ProcessKind::Inquest,
        officer: None,
        on: Some(day(9)),
        note: "Opened and adjourned.".into(),
        ..prosecution.clone()
    };
    ok(check_process(&inquest, None, today))?;
    let process = |f: ProcessForm, n: u128| ParallelProcess {
        id: uuid::Uuid::from_u128(n ^ case.id.uuid().as_u128()),
        kind: f.kind,
        status: f.status,
        officer: f.officer,
        officer_informed_on: f.officer_informed_on,
        updates: vec![ProcessUpdate { on: f.on.unwrap_or(today), status: f.status, note: f.note }],
    };
    row.processes = Json::encode(&vec![process(prosecution, 1), process(inquest, 2)])?;
    if !store::save(conn, &mut row)? {
        return Err(ApiError::internal());
    }
    Ok(())
}
