//! Retention: the partnership's period, the cases due for deletion, and their deletion when
//! the business office confirms it. Deletion is audited per case with the count of records
//! deleted, never their content.
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::retention as store;
use actix_web::{get, post, put, web};
use shared::retention::{closed_on, due_on, is_due, Deletion, DeletionReport, DueCase, RetentionForm, RetentionView};
use shared::ApiErrorBody;

/// The period and the cases due now, oldest first.
fn view(conn: &mut crate::db::DbConn, tenant_id: &str) -> ApiResult<RetentionView> {
    let months = store::months(conn, tenant_id)?.map(|m| m.max(0) as u32);
    let mut due = Vec::new();
    if let Some(m) = months {
        for (id, reference, stage, decided_on, report_sent_on) in store::decided_cases(conn, tenant_id)? {
            let Some(closed) = closed_on(stage, decided_on, report_sent_on) else { continue };
            let Some(due_day) = due_on(closed, m) else { continue };
            if is_due(closed, m, today()) {
                let id = id.parse().map_err(|_| ApiError::internal())?;
                due.push(DueCase { id, reference, stage, closed_on: closed, due_on: due_day });
            }
        }
    }
    due.sort_by_key(|d| d.due_on);
    Ok(RetentionView { months, due })
}

/// How long closed cases are kept, and which are due for deletion now.
#[utoipa::path(
    operation_id = "get_retention", tag = "retention",
    responses((status = 200, description = "The period and the cases due", body = RetentionView))
)]
#[get("/api/v1/t/{tenant}/retention")]
pub async fn get(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<RetentionView>> {
    Ok(web::Json(state.db(move |conn| view(conn, &who.tenant_id)).await?))
}

/// Set how many months after closure a case is kept (none: kept until a period is set).
#[utoipa::path(
    operation_id = "set_retention", tag = "retention",
    request_body = RetentionForm,
    responses(
        (status = 200, description = "The period and the cases now due", body = RetentionView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 422, description = "Months out of range (1 to 1200)", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/retention")]
pub async fn set(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<RetentionForm>,
) -> ApiResult<web::Json<RetentionView>> {
    let form = body.into_inner();
    ApiError::unless_invalid(form.problems())?;
    let view = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                store::set_months(conn, &who.tenant_id, form.months.map(|m| m as i32))?;
                audit(conn, &who, &rid, "retention.set", "partnership", &who.tenant_id)?;
                view(conn, &who.tenant_id)
            })
        })
        .await?;
    Ok(web::Json(view))
}

/// Delete cases past their retention period, each with everything written about it. Every
/// case named must be due now, or nothing is deleted.
#[utoipa::path(
    operation_id = "delete_due_cases", tag = "retention",
    request_body = Deletion,
    responses(
        (status = 200, description = "What was deleted: counts only", body = DeletionReport),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 409, description = "A case named is not due for deletion, or no longer there (`invalid_stage`)", body = ApiErrorBody),
        (status = 422, description = "No case named, or more than 500", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/retention/deletions")]
pub async fn delete(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<Deletion>,
) -> ApiResult<web::Json<DeletionReport>> {
    let deletion = body.into_inner();
    ApiError::unless_invalid(deletion.problems())?;
    let report = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let due = view(conn, &who.tenant_id)?.due;
                let mut records = 0u64;
                let mut named = deletion.case_ids.clone();
                named.sort();
                named.dedup();
                for id in &named {
                    if !due.iter().any(|d| d.id == *id) {
                        return Err(ApiError::invalid_stage("a case named is not due for deletion"));
                    }
                    let case_id = id.to_string();
                    crate::store::lock::case(conn, &who.tenant_id, &case_id)?;
                    let n = store::delete_case(conn, &who.tenant_id, &case_id)?;
                    records += n as u64;
                    // audited with the count of records deleted, never what they said
                    crate::store::audit::record_counted(
                        conn,
                        crate::store::audit::Event {
                            tenant_id: &who.tenant_id,
                            actor_id: Some(&who.user_id),
                            action: "retention.case_deleted",
                            entity_type: "case",
                            entity_id: Some(&case_id),
                            request_id: Some(&rid.0),
                            address: None,
                        },
                        i32::try_from(n).unwrap_or(i32::MAX),
                    )?;
                    tracing::info!(records = n, "case deleted after its retention period");
                }
                Ok(DeletionReport { cases: named.len() as u32, records })
            })
        })
        .await?;
    Ok(web::Json(report))
}
