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
use shared::case::{check_move, transition, CaseAction, CaseCommand, CaseView};

/// Loads the case (404 outside the caller's partnership), checks that the caller may take
/// `action` on it now, lets `command` read what the step needs and name it, asks
/// `shared::case::transition`, applies its effects, writes the case back only if its stage
/// is unchanged (no lost updates), records the audit event and answers the case.
pub async fn step<F>(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    action: CaseAction,
    command: F,
) -> ApiResult<web::Json<CaseView>>
where
    F: FnOnce(&mut DbConn, &CaseRow) -> ApiResult<CaseCommand> + Send + 'static,
{
    let st = state.clone();
    let view = state
        .db_write(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                crate::store::lock::case(conn, &who.tenant_id, &id.to_string())?;
                let mut row = store::get(conn, &who.tenant_id, &id.to_string())?.ok_or_else(ApiError::not_found)?;
                let case = store::state(conn, &row)?;
                check_move(&case, action, &who.roles)?;
                let command = command(conn, &row)?;
                if command.action() != action {
                    tracing::error!(?action, "a case step named another action");
                    return Err(ApiError::internal());
                }
                // the rules the case was opened under
                let rules = row.clock_rules.decode()?;
                let t = transition(&case, command, &who.roles, today(), &rules)?;
                let action = t.audit.clone();
                store::advance(conn, &calendar, &mut row, t)?;
                audit(conn, &who, &rid, &action, "case", &row.id)?;
                views::case_view(conn, &calendar, &row, &who.roles)
            })
        })
        .await?;
    Ok(web::Json(view))
}
