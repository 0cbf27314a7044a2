//! The review as one request sees it: the case, its CSPR records, the caller as the review
//! sees them (their agency, whether they lead it) and what is recorded so far; and one step
//! of the review, in one transaction.
use super::views;
use crate::api::precondition::{self, Tagged};
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{CaseRow, CsprRow};
use crate::state::AppState;
use crate::store::{case as case_store, cspr as store, directory};
use actix_web::web;
use shared::calendar::WorkingCalendar;
use shared::case::CaseStage;
use shared::cspr::{next_cspr_step, Commission, CsprAction, CsprActor, CsprFacts, CsprView};
use shared::Role;

/// A case's review and the caller.
pub struct Review {
    pub case: CaseRow,
    pub cspr: CsprRow,
    pub commission: Option<Commission>,
    pub actor: CsprActor,
    /// The agencies writing a report for it.
    pub report_agencies: Vec<uuid::Uuid>,
}

impl Review {
    pub fn facts(&self) -> ApiResult<CsprFacts> {
        let local = self.case.stage == CaseStage::LocalCspr;
        Ok(CsprFacts {
            open: local && self.case.final_report_sent_on.is_none(),
            local_cspr: local,
            commissioned: self.commission.is_some(),
            notice_sent: self.commission.as_ref().is_some_and(|c| c.notice_sent_on.is_some()),
            group_set: self.cspr.group_set_on.is_some(),
            terms_versions: self.cspr.terms.decode()?.len() as u32,
            terms_agreed: self.cspr.agreement.is_some(),
            chronology_shared: self.cspr.chronology_shared_on.is_some(),
        })
    }

    pub fn tenant(&self) -> &str {
        &self.case.tenant_id
    }

    pub fn case_id(&self) -> &str {
        &self.case.id
    }
}

/// Reads the case's review as the caller may see it: 404 when the case is not in the
/// caller's partnership or the caller may not know of its review.
pub fn load(conn: &mut DbConn, who: &Principal, case_id: &str) -> ApiResult<Review> {
    let case = case_store::get(conn, &who.tenant_id, case_id)?.ok_or_else(ApiError::not_found)?;
    let cspr = store::get_or_new(conn, &case)?;
    let commission = cspr.commission.as_ref().map(|c| c.decode()).transpose()?;
    let agency = if who.roles.iter().any(|r| matches!(r, Role::AgencyAuthor | Role::AgencyManager)) {
        directory::membership(conn, &who.tenant_id, &who.user_id)?.and_then(|m| m.agency_id).map(|a| a.uuid())
    } else {
        None
    };
    let lead = commission.as_ref().is_some_and(|c| c.lead_reviewer_id.to_string() == who.user_id);
    let actor = CsprActor { roles: who.roles.clone(), agency, lead };
    let report_agencies = store::report_agencies(conn, &who.tenant_id, case_id)?;
    if !actor.opens(&report_agencies) {
        return Err(ApiError::not_found());
    }
    Ok(Review { case, cspr, commission, actor, report_agencies })
}

/// What a reader of the merged chronology may see of it: whether it is shared, and the one
/// agency whose entries alone they see (an agency's people, before it is shared).
pub struct ChronologyScope {
    pub shared: bool,
    pub only: Option<uuid::Uuid>,
}

/// The caller's scope over a case's merged chronology, with no more reading than it needs (a
/// whole-case reader: the case and when it was shared): 404 as [`load`].
pub fn chronology_scope(conn: &mut DbConn, who: &Principal, case_id: &str) -> ApiResult<ChronologyScope> {
    let shared = store::case_shared_on(conn, &who.tenant_id, case_id)?.ok_or_else(ApiError::not_found)?.is_some();
    let mut actor = CsprActor { roles: who.roles.clone(), agency: None, lead: false };
    if !actor.whole() {
        actor.agency =
            directory::membership(conn, &who.tenant_id, &who.user_id)?.and_then(|m| m.agency_id).map(|a| a.uuid());
        if !actor.opens(&store::report_agencies(conn, &who.tenant_id, case_id)?) {
            return Err(ApiError::not_found());
        }
    }
    Ok(ChronologyScope { shared, only: actor.chronology_agency(shared) })
}

/// One step of the review: loads it, checks that the caller may take `action` now, lets
/// `apply` check its boxes and change the records (and whatever else the step does), writes
/// the review back only if no other write came first (409 `edit_conflict` otherwise),
/// records the audit event and answers the review, with its version as the `ETag`.
pub async fn step<F>(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    case_id: uuid::Uuid,
    action: CsprAction,
    apply: F,
) -> ApiResult<Tagged<CsprView>>
where
    F: FnOnce(&mut DbConn, &WorkingCalendar, &mut Review) -> ApiResult<()> + Send + 'static,
{
    step_expecting(state, who, rid, case_id, action, None, apply).await
}

/// [`step`], refused with 409 `edit_conflict` unless the review is at version `expected`
/// (the `If-Match` of a save) when one is named.
pub async fn step_expecting<F>(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    case_id: uuid::Uuid,
    action: CsprAction,
    expected: Option<i32>,
    apply: F,
) -> ApiResult<Tagged<CsprView>>
where
    F: FnOnce(&mut DbConn, &WorkingCalendar, &mut Review) -> ApiResult<()> + Send + 'static,
{
    let st = state.clone();
    let view = state
        .db_write(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                crate::store::lock::case(conn, &who.tenant_id, &case_id.to_string())?;
                let mut review = load(conn, &who, &case_id.to_string())?;
                next_cspr_step(review.facts()?, action, &who.roles, review.actor.lead)?;
                precondition::check(expected, review.cspr.version)?;
                apply(conn, &calendar, &mut review)?;
                if !store::save(conn, &mut review.cspr)? {
                    return Err(ApiError::edit_conflict());
                }
                review.commission = review.cspr.commission.as_ref().map(|c| c.decode()).transpose()?;
                review.actor.lead =
                    review.commission.as_ref().is_some_and(|c| c.lead_reviewer_id.to_string() == who.user_id);
                audit(conn, &who, &rid, &format!("cspr.{}", action.as_str()), "case", review.case_id())?;
                views::cspr_view(conn, &calendar, &review, today())
            })
        })
        .await?;
    Ok(Tagged { version: view.version, body: view })
}
