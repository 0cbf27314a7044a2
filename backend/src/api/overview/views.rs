//! The report's answers, made from its rows; the rules come from `shared::overview`.
use super::context::Overview;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::store::overview as store;
use chrono::NaiveDate;
use shared::calendar::WorkingCalendar;
use shared::cspr::holds_publication;
use shared::overview::*;

/// The report as the caller may see it.
pub fn overview_view(
    conn: &mut DbConn,
    _calendar: &WorkingCalendar,
    o: &Overview,
    today: NaiveDate,
) -> ApiResult<OverviewView> {
    let (hits, hits_left) = o.check(conn)?;
    let signoffs = o.row.signoffs.decode()?;
    let latest = o.row.latest_version as u32;
    let plan = o.row.plan.decode()?;
    let facts = o.facts()?;
    let actor = &o.review.actor;
    let allowed_actions = overview_actions(facts, actor);
    let can_sign = if allowed_actions.contains(&OverviewAction::SignOff) {
        ChainStep::ALL
            .into_iter()
            .filter(|step| signs(actor, *step))
            .filter(|step| {
                let form = SignOffForm { version: latest, step: *step };
                let agency = if *step == ChainStep::StrategicLead { o.signer_agency } else { None };
                check_sign_off(&form, latest, &signoffs, &o.lead_agencies, agency, hits_left).is_ok()
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut threads: Vec<CommentThread> =
        store::threads(conn, o.tenant(), o.case_id())?.iter().map(|t| t.thread.decode()).collect::<ApiResult<_>>()?;
    let order = |t: &CommentThread| {
        let section = o
            .latest
            .as_ref()
            .and_then(|v| v.sections.iter().position(|s| s.key == t.anchor.section))
            .unwrap_or(usize::MAX);
        (t.resolved.is_some(), t.orphaned, section, t.anchor.start)
    };
    threads.sort_by_key(order);
    let template = match &o.latest {
        Some(_) => Vec::new(),
        None => store::headings(conn, o.tenant())?,
    };
    let voided = signoffs.iter().filter(|s| s.voided_by == Some(latest)).count();
    Ok(OverviewView {
        case_id: o.review.case.id.uuid(),
        reference: o.review.case.reference.clone(),
        latest: o.latest.clone(),
        template,
        versions: store::versions(conn, o.tenant(), o.case_id())?,
        threads,
        hits,
        hits_left,
        chain: chain(&signoffs, latest, &o.lead_agencies),
        signed_off_version: signed_off_version(&signoffs, &o.lead_agencies),
        signoffs,
        voided,
        submission: o.row.submission.as_ref().map(|s| s.decode()).transpose()?,
        panel_response: o.row.panel_response.as_ref().map(|s| s.decode()).transpose()?,
        plan_clocks: plan_clocks(&plan, today),
        plan,
        publication_hold: holds_publication(&o.review.cspr.processes.decode()?),
        is_lead: actor.lead,
        allowed_actions,
        can_sign,
    })
}

/// The report's dated steps for the case's timeline.
pub fn timeline_steps(conn: &mut DbConn, case: &crate::models::CaseRow) -> ApiResult<Vec<shared::case::DatedStep>> {
    if case.stage != shared::case::CaseStage::LocalCspr {
        return Ok(Vec::new());
    }
    let row = store::get_or_new(conn, case)?;
    if row.version == 0 {
        return Ok(Vec::new());
    }
    let versions: Vec<(u32, NaiveDate)> =
        store::versions(conn, &case.tenant_id, &case.id)?.into_iter().map(|v| (v.version, v.saved_on)).collect();
    Ok(overview_steps(&versions, &row.signoffs.decode()?, Some(&row.plan.decode()?)))
}
