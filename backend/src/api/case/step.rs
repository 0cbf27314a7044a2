//! One step of an open case, in one transaction.
use super::views;
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::CaseRow;
use crate::state::AppState;
use crate::store::case as store;
use actix_web::web;
use shared::case::{transition, CaseCommand, CaseDates, CaseFacts, CaseState, CaseView};

/// The case as its steps see it.
pub fn state_of(row: &CaseRow) -> CaseState {
    CaseState {
        stage: row.stage,
        dates: CaseDates { la_aware_on: row.la_aware_on },
        facts: CaseFacts {
            notification_sent: row.notification_sent_on.is_some(),
            report_sent: row.report_sent_on.is_some(),
        },
    }
}

/// Loads the case (404 outside the caller's partnership), lets `command` read what the step
/// needs and name it, asks `shared::case::transition`, applies its effects, writes the case
/// back only if its stage is unchanged (no lost updates), records the audit event and
/// answers the case.
pub async fn step<F>(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    command: F,
) -> ApiResult<web::Json<CaseView>>
where
    F: FnOnce(&mut DbConn, &CaseRow) -> ApiResult<CaseCommand> + Send + 'static,
{
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                let mut row = store::get(conn, &who.tenant_id, &id.to_string())?.ok_or_else(ApiError::not_found)?;
                let command = command(conn, &row)?;
                let t = transition(&state_of(&row), command, &who.roles, today())?;
                let action = t.audit.clone();
                store::advance(conn, &calendar, &mut row, t)?;
                audit(conn, &who, &rid, &action, "case", &row.id)?;
                views::case_view(conn, &calendar, &row, &who.roles)
            })
        })
        .await?;
    Ok(web::Json(view))
}
