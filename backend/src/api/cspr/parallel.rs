//! Parallel processes (the business office): added with their first status, updated with a
//! dated note. An active prosecution holds publication.
use super::context::{step, step_expecting};
use crate::api::precondition::{IfMatch, Tagged};
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{post, put, web};
use shared::cspr::parallel::ProcessUpdate;
use shared::cspr::{check_process, CsprAction, CsprView, ParallelProcess, ProcessForm};
use shared::ApiErrorBody;

/// Add a parallel process.
#[utoipa::path(
    operation_id = "add_parallel_process", tag = "cspr",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = ProcessForm,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not a local CSPR", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/cspr/parallel-processes")]
pub async fn add(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ProcessForm>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    step(&state, who, rid, path.into_inner().1, CsprAction::RecordProcess, move |_, _, review| {
        ApiError::unless_invalid(check_process(&form, None, today()))?;
        let mut processes: Vec<ParallelProcess> = review.cspr.processes.decode()?;
        if processes.len() >= shared::text::MAX_ROWS {
            return Err(ApiError::validation(vec![shared::FieldError::new("kind", "too_many", "Too many processes")]));
        }
        let on = form.on.unwrap_or(today());
        processes.push(ParallelProcess {
            id: uuid::Uuid::new_v4(),
            kind: form.kind,
            status: form.status,
            officer: form.officer,
            officer_informed_on: form.officer_informed_on,
            updates: vec![ProcessUpdate { on, status: form.status, note: form.note.trim().to_string() }],
        });
        review.cspr.processes = Json::encode(&processes)?;
        Ok(())
    })
    .await
}

/// Update a parallel process: its status, and a dated note (the officer in charge's details
/// and when they were sent the terms and the event date, when given).
#[utoipa::path(
    operation_id = "update_parallel_process", tag = "cspr",
    params(
        ("If-Match" = Option<String>, Header, description = "The ETag of the review as read (its version, e.g. \"7\"): the save is refused with 409 `edit_conflict` when someone saved since"),
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("process_id" = uuid::Uuid, Path, description = "The process"),
    ),
    request_body = ProcessForm,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case or process", body = ApiErrorBody),
        (status = 409, description = "Not a local CSPR, or saved by someone since the version named in If-Match (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/cspr/parallel-processes/{process_id}")]
pub async fn update(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    if_match: IfMatch,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
    body: web::Json<ProcessForm>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    let (_, id, process_id) = path.into_inner();
    step_expecting(&state, who, rid, id, CsprAction::RecordProcess, if_match.0, move |_, _, review| {
        let mut processes: Vec<ParallelProcess> = review.cspr.processes.decode()?;
        let process = processes.iter_mut().find(|p| p.id == process_id).ok_or_else(ApiError::not_found)?;
        ApiError::unless_invalid(check_process(&form, Some(process.kind), today()))?;
        let on = form.on.unwrap_or(today());
        process.apply(form, on);
        review.cspr.processes = Json::encode(&processes)?;
        Ok(())
    })
    .await
}
