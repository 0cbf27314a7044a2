//! The demo overview reports of a partnership: on the demo review, a draft in its second
//! version under comment by the Independent Scrutineer (a thread answered by the lead
//! reviewer, and one anonymisation hit: the street of the child's home); on a second local
//! CSPR, a report signed off in full, sent to the National Panel, acknowledged and published
//! to plan. Each record passes the checks of `shared::overview` before it is written.
//! Everything here is invented.
use super::cspr::Cast;
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, CaseRow, OverviewRow, OverviewThreadRow, OverviewVersionRow};
use crate::store::{case as cases, cspr as cspr_store, overview as store};
use chrono::{Days, NaiveDate};
use shared::calendar::WorkingCalendar;
use shared::case::{transition, CaseCommand};
use shared::overview::document::{check_save, DEFAULT_SECTIONS};
use shared::overview::*;
use shared::Role;

fn after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

fn ok(errors: Vec<shared::FieldError>) -> ApiResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// The report's text: the sections of the framework, written for `town`; `street` named
/// once in the case section when given (the draft's anonymisation hit).
pub fn text(town: &str, street: Option<&str>, final_version: bool) -> Vec<Section> {
    let home = match street {
        Some(s) => format!("Child G lived with her mother and half-brother in a rented flat on {s}."),
        None => "Child G lived with her mother and half-brother in a rented flat.".to_string(),
    };
    let findings = if final_version {
        "Finding 1. Missed health appointments were not shared between agencies.\n\nFinding 2. The voice of the child was not heard in planning meetings.\n\nFinding 3. Professionals did not consider the mother's partner as a risk."
    } else {
        "Finding 1. Missed health appointments were not shared between agencies.\n\nFinding 2. The voice of the child was not heard in planning meetings."
    };
    let texts = [
        format!("This review was commissioned by the {town} Safeguarding Children Partnership after Child G was seriously harmed. It follows the terms of reference agreed by the review group."),
        format!("{home}\n\nThe family was known to health visiting, the school nursing service and children's social care."),
        "Key line of enquiry 1: how agencies shared information about missed appointments. Nobody asked why the appointments were missed.\n\nKey line of enquiry 2: whether the child's lived experience was understood.".to_string(),
        findings.to_string(),
        "Recommendation 1. The partnership should audit how missed appointments are escalated.\n\nRecommendation 2. Agencies should record the child's own words in every assessment.".to_string(),
    ];
    DEFAULT_SECTIONS.iter().zip(texts).map(|((k, h), t)| Section::new(k, h, &t)).collect()
}

/// Saves `sections` as the next version, on `on`, by the lead reviewer.
fn save_version(
    conn: &mut DbConn,
    case: &CaseRow,
    row: &mut OverviewRow,
    sections: &[Section],
    cast: &Cast<'_>,
    on: NaiveDate,
) -> ApiResult<()> {
    ok(check_save(&SaveReport { base_version: row.latest_version as u32, sections: sections.to_vec() }))?;
    let version = row.latest_version + 1;
    row.latest_version = version;
    row.latest_saved_on = Some(on);
    let mut signoffs = row.signoffs.decode()?;
    void_older(&mut signoffs, version as u32);
    row.signoffs = Json::encode(&signoffs)?;
    store::insert_version(
        conn,
        &OverviewVersionRow {
            tenant_id: case.tenant_id.clone(),
            case_id: case.id,
            version,
            sections: Json::encode(&sections.to_vec())?,
            saved_by: cast.lead.1.to_string(),
            saved_by_id: cast.lead.0,
            saved_on: on,
            created_at: now(),
        },
    )
    .map_err(ApiError::from)
}

/// A thread the scrutineer opened on `quote` of a version, its comments, and whether resolved.
struct Seed<'a> {
    version: u32,
    quote: &'a str,
    comments: Vec<Comment>,
    resolved: Option<Resolution>,
}

/// Writes the thread `seed` describes on `sections`.
fn thread(conn: &mut DbConn, case: &CaseRow, sections: &[Section], cast: &Cast<'_>, seed: Seed<'_>) -> ApiResult<()> {
    let Seed { version, quote, comments, resolved } = seed;
    let (section, start) = sections
        .iter()
        .find_map(|s| s.text.find(quote).map(|b| (s, s.text[..b].chars().count())))
        .ok_or_else(ApiError::internal)?;
    let end = start + quote.chars().count();
    let form = NewThread { version, section: section.key.clone(), start, end, text: comments[0].text.clone() };
    let anchor = new_anchor(&form, sections).map_err(ApiError::validation)?;
    let open = resolved.is_none();
    let t = CommentThread {
        id: uuid::Uuid::new_v4(),
        anchor,
        anchored_version: version,
        orphaned: false,
        opened_by_id: cast.scrutineer.0.uuid(),
        comments,
        resolved,
    };
    store::insert_thread(
        conn,
        &OverviewThreadRow {
            tenant_id: case.tenant_id.clone(),
            case_id: case.id,
            id: Id::from(t.id),
            thread: Json::encode(&t)?,
            open,
            revision: 0,
            created_at: now(),
            updated_at: now(),
        },
    )
    .map_err(ApiError::from)
}

fn comment(by: &str, role: Role, on: NaiveDate, text: &str) -> Comment {
    Comment { by: by.into(), role, on, text: text.into() }
}

/// The demo review's draft: two versions, the scrutineer's thread answered, one hit.
pub fn seed_draft(conn: &mut DbConn, case: &CaseRow, cast: &Cast<'_>) -> ApiResult<()> {
    let today = crate::api::today();
    let decided = case.decided_on.ok_or_else(ApiError::internal)?;
    let day = |n: u64| after(decided, n).min(today);
    let mut row = store::get_or_new(conn, case)?;
    let first = text(cast.town, Some("Sample Street"), false);
    save_version(conn, case, &mut row, &first, cast, day(38))?;
    let quote = "Nobody asked why the appointments were missed.";
    let comments = vec![
        comment(
            cast.scrutineer.1,
            Role::Scrutineer,
            day(39),
            "Which agencies knew of the missed appointments, and when?",
        ),
        comment(
            cast.lead.1,
            Role::Reviewer,
            day(40),
            "Health and the school nurse: I will add the dates from the merged chronology.",
        ),
    ];
    thread(conn, case, &first, cast, Seed { version: 1, quote, comments, resolved: None })?;
    let mut second = first.clone();
    second[2].text = second[2].text.replace("Key line of enquiry 1:", "Key line of enquiry 1 (health and education):");
    save_version(conn, case, &mut row, &second, cast, day(41))?;
    store::reanchor_threads(conn, &case.tenant_id, &case.id, &second, 2)?;
    if !store::save(conn, &mut row)? {
        return Err(ApiError::internal());
    }
    Ok(())
}

/// A second local CSPR (`case`, decided long ago): commissioned, its report signed off in
/// full, sent to the Panel (the case's clock stops), acknowledged and published to plan.
pub fn seed_published(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    case: &mut CaseRow,
    cast: &Cast<'_>,
) -> ApiResult<()> {
    let today = crate::api::today();
    let decided = case.decided_on.ok_or_else(ApiError::internal)?;
    let day = |n: u64| after(decided, n).min(today);
    let mut review = cspr_store::get_or_new(conn, case)?;
    review.commission = Some(Json::encode(&cast.commission(day(3), day(4)))?);
    if !cspr_store::save(conn, &mut review)? {
        return Err(ApiError::internal());
    }
    let mut row = store::get_or_new(conn, case)?;
    let draft = text(cast.town, None, false);
    save_version(conn, case, &mut row, &draft, cast, day(120))?;
    let comments = vec![
        comment(
            cast.scrutineer.1,
            Role::Scrutineer,
            day(122),
            "The findings should name the risk from the mother's partner.",
        ),
        comment(cast.lead.1, Role::Reviewer, day(124), "Agreed: added as finding 3."),
    ];
    let resolved = Some(Resolution { by: cast.lead.1.into(), on: day(125) });
    let quote = "Finding 2. The voice of the child was not heard in planning meetings.";
    thread(conn, case, &draft, cast, Seed { version: 1, quote, comments, resolved })?;
    let last = text(cast.town, None, true);
    save_version(conn, case, &mut row, &last, cast, day(125))?;
    store::reanchor_threads(conn, &case.tenant_id, &case.id, &last, 2)?;
    let agencies = crate::api::overview::context::lead_agencies(conn, &case.tenant_id)?;
    let mut signoffs: Vec<ChainSignOff> = Vec::new();
    let mut sign = |step, agency: Option<&LeadAgency>, by: &str, on| {
        signoffs.push(ChainSignOff {
            step,
            agency_id: agency.map(|a| a.id),
            agency_name: agency.map(|a| a.name.clone()),
            version: 2,
            by: by.into(),
            on,
            voided_by: None,
        })
    };
    sign(ChainStep::ReviewGroup, None, cast.lead.1, day(130));
    sign(ChainStep::SubGroup, None, "Business office", day(135));
    for a in &agencies {
        sign(ChainStep::StrategicLead, Some(a), &format!("Strategic lead, {}", a.name), day(140));
    }
    if signed_off_version(&signoffs, &agencies) != Some(2) {
        return Err(ApiError::internal());
    }
    row.signoffs = Json::encode(&signoffs)?;
    let sent_on = day(145);
    let rules = case.clock_rules.decode()?;
    let t = transition(
        &cases::state(conn, case)?,
        CaseCommand::RecordFinalReportSent { sent_on },
        &[Role::BusinessOffice],
        sent_on,
        &rules,
    )?;
    cases::advance(conn, calendar, case, t)?;
    row.submission = Some(Json::encode(&Submission { sent_on, version: 2, recorded_by: "Business office".into() })?);
    let response = PanelResponse {
        acknowledged_on: Some(day(150)),
        feedback: "Received with thanks; no further questions.".into(),
    };
    ok(check_response(&response, sent_on, today))?;
    row.panel_response = Some(Json::encode(&response)?);
    let on = day(170);
    let plan = PublicationPlan {
        publication_on: Some(on),
        publication_time: "10:00".into(),
        final_to_panel_on: Some(sent_on),
        members_briefed_on: Some(day(160)),
        press_statement_on: Some(day(168)),
        family_told_on: Some(day(165)),
        published_on: Some(on),
        debrief_involved_on: Some(day(171)),
        debrief_open_on: Some(day(172)),
    };
    ok(check_plan(&plan, Some(sent_on), today))?;
    row.plan = Json::encode(&plan)?;
    if !store::save(conn, &mut row)? {
        return Err(ApiError::internal());
    }
    Ok(())
}
