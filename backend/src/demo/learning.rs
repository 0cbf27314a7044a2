//! The demo's learning: a briefing for every decided case (published, but for the newest,
//! still a draft), the decisions' actions given owners (one closed late, two on time, one
//! overdue, one open with progress), and a report's recommendation awaiting a lead's agreement.
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::now;
use crate::schema::{actions, cases};
use crate::store::learning::actions as action_store;
use crate::store::learning::briefings::{self as briefing_store, BriefingRow};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::case::CaseStage;
use shared::learning::actions::{agree, update};
use shared::learning::briefing::new_steps;
use shared::learning::{
    ActionAgreement, ActionSource, ActionStatus, ActionUpdateForm, BriefingHeadings, BriefingOccasion, BriefingStatus,
};

/// The people who own, update and agree the demo's actions: (id, name).
pub struct People<'a> {
    pub lead: (Id, &'a str),
    pub author: (Id, &'a str),
    pub health_author: (Id, &'a str),
}

/// Which of the decisions' past-due actions (oldest first) is left overdue: the newest of them.
const OVERDUE: usize = 3;

const TEXTS: [&str; 6] = [
    "A baby was seriously harmed at home. Several agencies knew the family.",
    "Concerns were seen by health and by the school, but each agency held its part alone.",
    "No one agency had the whole picture: information sharing did not happen when it mattered.",
    "Share a concern with the lead professional the same day, and record that you did.",
    "Health visiting now copies every safeguarding note to the school nurse.",
    "When did you last share a concern outside your agency?\n\nWho is the lead professional for the families you work with?",
];

pub fn seed(conn: &mut DbConn, tenant_id: &str, people: &People<'_>) -> ApiResult<()> {
    let today = crate::api::today();
    let decided: Vec<(Id, Option<NaiveDate>)> = cases::table
        .filter(cases::tenant_id.eq(tenant_id))
        .filter(cases::stage.eq_any([CaseStage::LearningOnly, CaseStage::LocalCspr, CaseStage::NationalReview]))
        .order(cases::la_aware_on.desc())
        .select((cases::id, cases::decided_on))
        .load(conn)?;
    let mut steps = new_steps(&BriefingHeadings::default());
    for (step, text) in steps.iter_mut().zip(TEXTS) {
        step.text = text.to_string();
    }
    for (i, (case_id, decided_on)) in decided.iter().enumerate() {
        let published =
            (i > 0).then(|| decided_on.unwrap_or(today) + chrono::Duration::days(10)).filter(|d| *d <= today);
        briefing_store::insert(
            conn,
            &BriefingRow {
                tenant_id: tenant_id.to_string(),
                id: Id::new(),
                case_id: *case_id,
                occasion: BriefingOccasion::RapidReview,
                status: if published.is_some() { BriefingStatus::Published } else { BriefingStatus::Draft },
                steps: Json::encode(&steps)?,
                returned_note: None,
                approved_by: published.map(|_| people.lead.1.to_string()),
                published_on: published,
                version: 1,
                created_on: decided_on.unwrap_or(today),
                updated_at: now(),
            },
        )?;
    }
    // The decisions' actions, oldest first, given to the health author.
    let from_decisions: Vec<action_store::ActionRow> = actions::table
        .filter(actions::tenant_id.eq(tenant_id))
        .order(actions::due_on)
        .select(action_store::ActionRow::as_select())
        .load(conn)?;
    diesel::update(actions::table.filter(actions::tenant_id.eq(tenant_id)))
        .set(actions::owner_person_id.eq(Some(people.health_author.0)))
        .execute(conn)?;
    let health_id = people.health_author.0.to_string();
    let author = (health_id.as_str(), people.health_author.1);
    let lead_id = people.lead.0.to_string();
    let lead = (lead_id.as_str(), people.lead.1);
    for (i, row) in from_decisions.into_iter().enumerate() {
        let mut row = action_store::get(conn, tenant_id, row.id.as_str())?.ok_or_else(ApiError::internal)?;
        if row.due_on >= today {
            // still open: progress so far
            let m =
                update(row.status, &ActionUpdateForm { text: "Briefings booked for every team.".into(), close: false })
                    .map_err(|_| ApiError::internal())?;
            action_store::apply(conn, &row, &m, "Briefings booked for every team.", author, today)?;
            continue;
        }
        if i == OVERDUE {
            // overdue: a reminder went, no progress since
            continue;
        }
        // closed: on time but one (late)
        let closed_on =
            if i == 0 { row.due_on + chrono::Duration::days(12) } else { row.due_on - chrono::Duration::days(5) };
        let evidence = "Audit of 30 cases: 27 show the concern shared the same day (was 11 of 30).";
        let m = update(row.status, &ActionUpdateForm { text: evidence.into(), close: true })
            .map_err(|_| ApiError::internal())?;
        action_store::apply(conn, &row, &m, evidence, author, closed_on)?;
        row = action_store::get(conn, tenant_id, row.id.as_str())?.ok_or_else(ApiError::internal)?;
        let m = agree(row.status, &ActionAgreement { agree: true, note: String::new() })
            .map_err(|_| ApiError::internal())?;
        action_store::apply(conn, &row, &m, "Agreed: closed.", lead, closed_on)?;
    }
    // A recommendation of the published review, owned by the police author, awaiting agreement.
    let published: Option<(Id, String)> = cases::table
        .filter(cases::tenant_id.eq(tenant_id))
        .filter(cases::stage.eq(CaseStage::LocalCspr))
        .order(cases::la_aware_on)
        .select((cases::id, cases::reference))
        .first(conn)
        .optional()?;
    if let Some((case_id, reference)) = published {
        let police = crate::store::directory::membership(conn, tenant_id, people.author.0.as_str())?
            .and_then(|m| m.agency_id)
            .ok_or_else(ApiError::internal)?;
        let name = crate::store::directory::agencies_of(conn, tenant_id)?
            .into_iter()
            .find(|a| a.id == police)
            .map(|a| a.name)
            .unwrap_or_default();
        let row = action_store::new_row(
            tenant_id,
            Some((&case_id, &reference)),
            None,
            ActionSource::Recommendation,
            "Supervision records the voice of the child at every review of a child protection plan.",
            (Some(police), name),
            Some(people.author.0),
            today + chrono::Duration::days(21),
            today - chrono::Duration::days(60),
        );
        action_store::insert(conn, &row)?;
        let evidence = "Supervision template changed; dip sample of 20 records: 18 record the child's words.";
        let m = update(ActionStatus::Open, &ActionUpdateForm { text: evidence.into(), close: true })
            .map_err(|_| ApiError::internal())?;
        let police_author = people.author.0.to_string();
        action_store::apply(
            conn,
            &row,
            &m,
            evidence,
            (&police_author, people.author.1),
            today - chrono::Duration::days(3),
        )?;
    }
    Ok(())
}
