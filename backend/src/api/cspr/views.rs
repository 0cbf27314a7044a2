//! The review's answers, made from its rows as the caller's scope allows; the rules come
//! from `shared::cspr`.
use super::context::Review;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::models::{AgencyReportRow, ClockExtensionRow, ClockRow};
use crate::store::{cspr as store, directory};
use chrono::NaiveDate;
use shared::calendar::{ClockStatus, WorkingCalendar};
use shared::cspr::*;
use shared::Role;

/// The case's report clocks and their extensions.
pub struct ReportClocks {
    pub clocks: Vec<ClockRow>,
    pub extensions: Vec<ClockExtensionRow>,
}

impl ReportClocks {
    pub fn of(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> ApiResult<ReportClocks> {
        Ok(ReportClocks {
            clocks: store::report_clocks(conn, tenant_id, case_id)?,
            extensions: crate::store::case::extensions_of_case(conn, tenant_id, case_id)?,
        })
    }

    fn of_agency(&self, agency: &crate::columns::Id) -> Option<&ClockRow> {
        self.clocks.iter().find(|c| c.agency_id.as_ref() == Some(agency))
    }
}

/// A report in the review's list, with where its clock stands.
pub fn summary(
    calendar: &WorkingCalendar,
    today: NaiveDate,
    (row, agency_name, author_name): &store::ReportWithNames,
    clocks: &ReportClocks,
) -> ApiResult<AgencyReportSummary> {
    let clock = clocks.of_agency(&row.agency_id);
    let extensions = match clock {
        Some(c) => clocks
            .extensions
            .iter()
            .filter(|e| e.clock_id == c.id)
            .map(crate::api::case::views::extension_view)
            .collect(),
        None => Vec::new(),
    };
    let due_on = clock.map(|c| c.due_on).unwrap_or(row.assigned_on);
    let (clock_status, left) = ClockStatus::of(calendar, today, due_on, clock.and_then(|c| c.met_on));
    Ok(AgencyReportSummary {
        agency_id: row.agency_id.uuid(),
        agency_name: agency_name.clone(),
        author_id: row.author_id.uuid(),
        author_name: author_name.clone(),
        assigned_on: row.assigned_on,
        due_on,
        clock_status,
        working_days_left: left,
        status: row.status,
        versions: row.submitted.decode()?.len() as u32,
        submitted_on: row.submitted_on,
        extensions,
    })
}

/// One report as the caller may see it (`access` from their scope).
pub fn report_view(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    today: NaiveDate,
    review: &Review,
    report: &store::ReportWithNames,
    access: ReportAccess,
) -> ApiResult<AgencyReportView> {
    let row: &AgencyReportRow = &report.0;
    let clocks = ReportClocks::of(conn, review.tenant(), review.case_id())?;
    let signed = row.manager_sign_off.is_some();
    let open = review.facts()?.open;
    Ok(AgencyReportView {
        summary: summary(calendar, today, report, &clocks)?,
        case_reference: review.case.reference.clone(),
        draft: if access.own { Some(row.draft.decode()?) } else { None },
        manager_sign_off: if access.own {
            row.manager_sign_off.as_ref().map(|s| s.decode()).transpose()?
        } else {
            None
        },
        submitted: row.submitted.decode()?,
        returned_reason: row.returned_reason.clone().filter(|_| row.status == ReportStatus::Returned),
        revision: row.revision.max(0) as u32,
        allowed_actions: if open { report_actions(row.status, signed, access.role) } else { Vec::new() },
    })
}

/// The review as the caller may see it.
pub fn cspr_view(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    review: &Review,
    today: NaiveDate,
) -> ApiResult<CsprView> {
    let actor = &review.actor;
    let whole = actor.whole();
    let facts = review.facts()?;
    let clocks = ReportClocks::of(conn, review.tenant(), review.case_id())?;
    let reports = store::reports_of_case(conn, review.tenant(), review.case_id())?
        .iter()
        .filter(|r| actor.report(r.0.agency_id.uuid()).is_some())
        .map(|r| summary(calendar, today, r, &clocks))
        .collect::<ApiResult<Vec<_>>>()?;
    let agreement: Option<TermsAgreement> = review.cspr.agreement.as_ref().map(|a| a.decode()).transpose()?;
    let mut terms: Vec<TermsVersion> = review.cspr.terms.decode()?;
    if !whole {
        // an agency's people read the agreed terms, without the observations on them
        let agreed = agreement.as_ref().map(|a| a.version);
        terms.retain(|t| Some(t.version) == agreed);
        terms.iter_mut().for_each(|t| t.observations.clear());
    }
    let review_group = if whole {
        let agencies = directory::agencies_of(conn, review.tenant())?;
        review
            .cspr
            .review_group
            .decode()?
            .into_iter()
            .map(|member| {
                let agency = member.agency_id.and_then(|id| agencies.iter().find(|a| a.id.uuid() == id));
                GroupMemberView {
                    agency_name: agency.map(|a| a.name.clone()).unwrap_or_default(),
                    strategic_lead: agency.is_some_and(|a| a.strategic_lead),
                    member,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let processes: Vec<ParallelProcess> = if whole { review.cspr.processes.decode()? } else { Vec::new() };
    let reminders = if whole && actor.roles.contains(&Role::BusinessOffice) {
        processes
            .iter()
            .filter(|p| p.officer_to_inform())
            .map(|p| {
                format!(
                    "Send the officer in charge of the {} the terms of reference and the date of the practitioner event",
                    p.kind.label().to_lowercase()
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(CsprView {
        case_id: review.case.id.uuid(),
        case_reference: review.case.reference.clone(),
        decided_on: review.case.decided_on,
        commission: review.commission.clone(),
        review_group,
        terms,
        agreement,
        briefing: if whole { review.cspr.briefing.as_ref().map(|b| b.decode()).transpose()? } else { None },
        reports,
        chronology_shared: facts.chronology_shared,
        event: if whole { review.cspr.event.as_ref().map(|e| e.decode()).transpose()? } else { None },
        family: if whole { review.cspr.family.as_ref().map(|f| f.decode()).transpose()? } else { None },
        publication_hold: holds_publication(&review.cspr.processes.decode()?),
        processes,
        reminders,
        whole,
        is_lead: actor.lead,
        allowed_actions: cspr_actions(facts, &actor.roles, actor.lead),
        version: review.cspr.version,
    })
}

/// The review's dated steps for the case's timeline (none before the case is a local CSPR).
pub fn timeline_steps(conn: &mut DbConn, case: &crate::models::CaseRow) -> ApiResult<Vec<shared::case::DatedStep>> {
    if case.stage != shared::case::CaseStage::LocalCspr {
        return Ok(Vec::new());
    }
    let row = store::get_or_new(conn, case)?;
    let reports = store::reports_of_case(conn, &case.tenant_id, &case.id)?;
    let commission = row.commission.as_ref().map(|c| c.decode()).transpose()?;
    let agreement = row.agreement.as_ref().map(|a| a.decode()).transpose()?;
    let briefing = row.briefing.as_ref().map(|b| b.decode()).transpose()?;
    let event = row.event.as_ref().map(|e| e.decode()).transpose()?;
    let family = row.family.as_ref().map(|f| f.decode()).transpose()?;
    let clocks = ReportClocks::of(conn, &case.tenant_id, &case.id)?;
    let report_extensions = reports
        .iter()
        .filter_map(|(r, name, _)| clocks.of_agency(&r.agency_id).map(|c| (name.as_str(), c)))
        .flat_map(|(name, c)| {
            clocks.extensions.iter().filter(move |e| e.clock_id == c.id).map(move |e| (name, e.recorded_on, e.due_on))
        })
        .collect();
    let versions = reports
        .iter()
        .map(|(r, name, _)| Ok((name.as_str(), r.submitted.decode()?)))
        .collect::<ApiResult<Vec<(&str, Vec<ReportVersion>)>>>()?;
    let submitted =
        versions.iter().flat_map(|(name, vs)| vs.iter().map(move |v| (*name, v.submitted_on, v.revision))).collect();
    Ok(cspr_steps(&CsprHistory {
        commission: commission.as_ref(),
        agreement: agreement.as_ref(),
        briefing: briefing.as_ref(),
        submitted,
        event: event.as_ref(),
        family: family.as_ref(),
        report_extensions,
    }))
}

/// The caller's tasks in the partnership's open local CSPRs.
pub fn tasks_of(
    conn: &mut DbConn,
    calendar: &WorkingCalendar,
    who: &crate::auth::principal::Principal,
    today: NaiveDate,
) -> ApiResult<Vec<ReviewTask>> {
    let agency = if who.roles.iter().any(|r| matches!(r, Role::AgencyAuthor | Role::AgencyManager)) {
        directory::membership(conn, &who.tenant_id, &who.user_id)?.and_then(|m| m.agency_id).map(|a| a.uuid())
    } else {
        None
    };
    let name = directory::user_by_id(conn, &who.user_id)?.name;
    let user: uuid::Uuid = who.user_id.parse().unwrap_or_default();
    let mut out = Vec::new();
    for (case, row) in store::open_reviews(conn, &who.tenant_id)? {
        let commission: Option<Commission> = row.commission.as_ref().map(|c| c.decode()).transpose()?;
        let terms: Vec<TermsVersion> = row.terms.decode()?;
        let reports = store::reports_of_case(conn, &who.tenant_id, &case.id)?;
        let clocks = ReportClocks::of(conn, &who.tenant_id, &case.id)?;
        let drafts = reports.iter().map(|(r, _, _)| r.draft.decode()).collect::<ApiResult<Vec<_>>>()?;
        let facts = ReviewFacts {
            case_id: case.id.uuid(),
            reference: &case.reference,
            lead_reviewer: commission.as_ref().map(|c| c.lead_reviewer_id),
            scrutineer: commission.as_ref().map(|c| c.scrutineer_id),
            terms: &terms,
            terms_agreed: row.agreement.is_some(),
            chronology_shared: row.chronology_shared_on.is_some(),
            officer_to_inform: row.processes.decode()?.iter().any(ParallelProcess::officer_to_inform),
            reports: reports
                .iter()
                .zip(&drafts)
                .map(|(r, draft)| ReportFacts {
                    agency_id: r.0.agency_id.uuid(),
                    agency_name: &r.1,
                    status: r.0.status,
                    signed: r.0.manager_sign_off.is_some(),
                    draft,
                    due_on: summary(calendar, today, r, &clocks).map(|s| s.due_on).unwrap_or(r.0.assigned_on),
                })
                .collect(),
        };
        out.extend(tasks(&facts, user, &name, &who.roles, agency, today));
    }
    Ok(out)
}
