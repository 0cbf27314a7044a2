//! The overview report as one request sees it: the review (the case, its CSPR records and
//! the caller as the review sees them), the report's row and its latest version; the case's
//! identifiers for the anonymisation check; and one step of the report, in one transaction.
use super::views;
use crate::api::audit;
use crate::api::cspr::context::{self as review_context, Review};
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Id;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::OverviewRow;
use crate::schema::{agencies, referrals};
use crate::state::AppState;
use crate::store::overview as store;
use actix_web::web;
use diesel::prelude::*;
use shared::agency::AgencyKind;
use shared::calendar::WorkingCalendar;
use shared::case::CaseStage;
use shared::overview::anonymise::{scan, CaseIdentifiers};
use shared::overview::identifiers::{is_school, of_case};
use shared::overview::{
    next_overview_step, signed_off_version, with_waivers, HitView, LeadAgency, OverviewAction, OverviewFacts,
    OverviewView, ReportVersion,
};
use shared::referral::ReferralForm;

/// A case's overview report and the caller.
pub struct Overview {
    pub review: Review,
    pub row: OverviewRow,
    pub latest: Option<ReportVersion>,
    /// The partnership's strategic lead agencies (the chain's last links).
    pub lead_agencies: Vec<LeadAgency>,
    pub user_id: uuid::Uuid,
    /// The caller's agency, when they are a strategic lead (they sign for it).
    pub signer_agency: Option<uuid::Uuid>,
}

impl Overview {
    pub fn facts(&self) -> ApiResult<OverviewFacts> {
        let signoffs = self.row.signoffs.decode()?;
        let latest = self.row.latest_version as u32;
        Ok(OverviewFacts {
            local_cspr: self.review.case.stage == CaseStage::LocalCspr,
            commissioned: self.review.commission.is_some(),
            versions: latest,
            signed_off: latest > 0 && signed_off_version(&signoffs, &self.lead_agencies) == Some(latest),
            submitted: self.row.submission.is_some(),
            published: self.row.plan.decode()?.published_on.is_some(),
        })
    }

    pub fn tenant(&self) -> &str {
        &self.review.case.tenant_id
    }

    pub fn case_id(&self) -> &str {
        &self.review.case.id
    }

    /// The anonymisation check of the latest version: every hit with its waiver, and how many
    /// are left.
    pub fn check(&self, conn: &mut DbConn) -> ApiResult<(Vec<HitView>, usize)> {
        let Some(latest) = &self.latest else { return Ok((Vec::new(), 0)) };
        let ids = identifiers(conn, &self.review)?;
        let hits = scan(&latest.sections, &ids);
        let waivers = self.row.waivers.decode()?;
        let heading =
            |key: &str| latest.sections.iter().find(|s| s.key == key).map(|s| s.heading.clone()).unwrap_or_default();
        Ok(with_waivers(hits, &waivers, heading))
    }
}

/// Reads the case's overview report as the caller may see it: 404 when the case is not in
/// the caller's partnership or the caller may not read the report.
pub fn load(conn: &mut DbConn, who: &Principal, case_id: &str) -> ApiResult<Overview> {
    let review = review_context::load(conn, who, case_id)?;
    if !shared::overview::reads_overview(&review.actor, &review.report_agencies) {
        return Err(ApiError::not_found());
    }
    let row = store::get_or_new(conn, &review.case)?;
    let latest = match row.latest_version {
        0 => None,
        n => store::version(conn, &who.tenant_id, case_id, n)?.map(|v| version_of(&v)).transpose()?,
    };
    let lead_agencies = lead_agencies(conn, &who.tenant_id)?;
    let user_id = Id::parse(&who.user_id).map(|i| i.uuid()).unwrap_or_default();
    let signer_agency = if who.roles.contains(&shared::Role::StrategicLead) {
        crate::store::directory::membership(conn, &who.tenant_id, &who.user_id)?
            .and_then(|m| m.agency_id)
            .map(|a| a.uuid())
    } else {
        None
    };
    Ok(Overview { review, row, latest, lead_agencies, user_id, signer_agency })
}

/// A stored version as the wire shows it.
pub fn version_of(v: &crate::models::OverviewVersionRow) -> ApiResult<ReportVersion> {
    Ok(ReportVersion {
        version: v.version as u32,
        sections: v.sections.decode()?,
        saved_by: v.saved_by.clone(),
        saved_on: v.saved_on,
    })
}

/// The partnership's active strategic lead agencies, by name.
pub fn lead_agencies(conn: &mut DbConn, tenant_id: &str) -> ApiResult<Vec<LeadAgency>> {
    let rows: Vec<(Id, String)> = agencies::table
        .filter(agencies::tenant_id.eq(tenant_id))
        .filter(agencies::strategic_lead.eq(true))
        .filter(agencies::active.eq(true))
        .order((agencies::name.asc(), agencies::id.asc()))
        .select((agencies::id, agencies::name))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, name)| LeadAgency { id: id.uuid(), name }).collect())
}

/// What the case holds that identifies the child or family: its referral's names, dates of
/// birth and addresses, the review's family members, and the schools among the agencies
/// writing reports for it.
pub fn identifiers(conn: &mut DbConn, review: &Review) -> ApiResult<CaseIdentifiers> {
    let form = match &review.case.referral_id {
        Some(r) => referrals::table
            .filter(referrals::tenant_id.eq(review.tenant()))
            .filter(referrals::id.eq(r.as_str()))
            .select(referrals::form)
            .first::<crate::columns::Json<ReferralForm>>(conn)
            .optional()?
            .map(|f| f.decode())
            .transpose()?,
        None => None,
    };
    let family = review.cspr.family.as_ref().map(|f| f.decode()).transpose()?;
    let agency_ids: Vec<String> = review.report_agencies.iter().map(|a| a.to_string()).collect();
    let schools: Vec<String> = agencies::table
        .filter(agencies::tenant_id.eq(review.tenant()))
        .filter(agencies::id.eq_any(&agency_ids))
        .filter(agencies::kind.eq(AgencyKind::Education))
        .select(agencies::name)
        .load::<String>(conn)?
        .into_iter()
        .filter(|n| is_school(n))
        .collect();
    let children = review.case.notification.decode()?.children;
    Ok(of_case(&children, form.as_ref(), family.as_ref(), &schools))
}

/// One step of the report: loads it, checks that the caller may take `action` now, lets
/// `apply` check its boxes and make its change (answering whether it changed the report's
/// row), writes the row back only if nothing changed meanwhile (409 `edit_conflict`
/// otherwise), records the audit event and answers the report.
pub async fn step<F>(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    case_id: uuid::Uuid,
    action: OverviewAction,
    audit_as: &'static str,
    apply: F,
) -> ApiResult<web::Json<OverviewView>>
where
    F: FnOnce(&mut DbConn, &WorkingCalendar, &mut Overview, &Principal) -> ApiResult<bool> + Send + 'static,
{
    let st = state.clone();
    let view = state
        .db_write(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                crate::store::lock::case(conn, &who.tenant_id, &case_id.to_string())?;
                let mut o = load(conn, &who, &case_id.to_string())?;
                next_overview_step(o.facts()?, action, &o.review.actor)?;
                if apply(conn, &calendar, &mut o, &who)? && !store::save(conn, &mut o.row)? {
                    return Err(ApiError::edit_conflict());
                }
                audit(conn, &who, &rid, audit_as, "case", o.case_id())?;
                let o = load(conn, &who, &case_id.to_string())?;
                views::overview_view(conn, &calendar, &o, crate::api::today())
            })
        })
        .await?;
    Ok(web::Json(view))
}
