//! Actions followed to the evidence of their impact: the board across cases, an action with
//! its history, adding and changing one (the office, a lead), its owner's updates and request
//! to close, a lead's agreement, and the reminders through the outbox.
use crate::api::precondition::{check, IfMatch, Tagged};
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Id;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::learning::actions::{self as store, ActionRow};
use crate::store::{case as case_store, directory, learning as themes_store};
use actix_web::{get, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use shared::learning::actions::{
    agree, board_order, check_action, may_update, sees_every_action, update, MoveRefused, REMIND_BEFORE_WORKING_DAYS,
};
use shared::learning::{
    check_tags, ActionAgreement, ActionFilter, ActionForm, ActionSource, ActionStatus, ActionUpdateForm, ActionView,
    CaseThemes,
};
use shared::{ApiErrorBody, FieldError};
use utoipa::{IntoParams, ToSchema};

/// The board's filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardQuery {
    /// Only this agency's actions.
    pub agency_id: Option<uuid::Uuid>,
    /// Only actions at this status.
    pub status: Option<ActionStatus>,
    /// Only this case's actions.
    pub case_id: Option<uuid::Uuid>,
}

/// What a person reaches: every action, or (an agency author) only their own and their agency's.
fn reach(conn: &mut DbConn, who: &Principal) -> ApiResult<Option<(String, Option<String>)>> {
    if sees_every_action(&who.roles) {
        return Ok(None);
    }
    let agency = store::member(conn, &who.tenant_id, &who.user_id)?.flatten();
    Ok(Some((who.user_id.clone(), agency)))
}

/// Whether the person owns the action: in person, or through their agency.
fn owns(row: &ActionRow, user_id: &str, agency: Option<&str>) -> bool {
    let (Some(person), agency) = (Id::parse(user_id), agency.and_then(Id::parse)) else { return false };
    shared::learning::actions::owns(
        row.owner_person_id.as_ref().map(Id::uuid),
        row.owner_agency_id.as_ref().map(Id::uuid),
        person.uuid(),
        agency.as_ref().map(Id::uuid),
    )
}

/// An action the person reaches (404 otherwise, as for one that is not there).
fn reachable(conn: &mut DbConn, who: &Principal, id: &str) -> ApiResult<(ActionRow, bool)> {
    let row = store::get(conn, &who.tenant_id, id)?.ok_or_else(ApiError::not_found)?;
    let agency = store::member(conn, &who.tenant_id, &who.user_id)?.flatten();
    let reach = reach(conn, who)?;
    let own = owns(&row, &who.user_id, agency.as_deref());
    if reach.is_some() && !own {
        return Err(ApiError::not_found());
    }
    Ok((row, own))
}

fn view_of(conn: &mut DbConn, tenant_id: &str, id: &str) -> ApiResult<ActionView> {
    let row = store::get(conn, tenant_id, id)?.ok_or_else(ApiError::not_found)?;
    store::views(conn, tenant_id, vec![row], today(), true)?.pop().ok_or_else(ApiError::internal)
}

/// The actions across the partnership's cases, overdue first; filtered by agency, status and
/// case. An agency author sees their agency's and their own.
#[utoipa::path(
    operation_id = "list_actions", tag = "learning",
    params(BoardQuery),
    responses(
        (status = 200, description = "The actions, overdue first", body = Vec<ActionView>),
        (status = 400, description = "A filter that is not an id or a status", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/actions")]
pub async fn board(
    state: web::Data<AppState>,
    who: Principal,
    query: web::Query<BoardQuery>,
) -> ApiResult<web::Json<Vec<ActionView>>> {
    let q = query.into_inner();
    let filter = ActionFilter { agency_id: q.agency_id, status: q.status, case_id: q.case_id };
    let list = state
        .db(move |conn| {
            let reach = reach(conn, &who)?;
            let only = reach.as_ref().map(|(p, a)| (p.as_str(), a.as_deref()));
            let rows = store::list(conn, &who.tenant_id, &filter, only)?;
            let mut views = store::views(conn, &who.tenant_id, rows, today(), false)?;
            board_order(&mut views);
            Ok(views)
        })
        .await?;
    Ok(web::Json(list))
}

/// Checks an action's form against the partnership: its agency, its person (a current member)
/// and its themes; answers the agency's name.
fn check_form(conn: &mut DbConn, tenant_id: &str, form: &ActionForm, already: &[uuid::Uuid]) -> ApiResult<String> {
    ApiError::unless_invalid(check_action(form))?;
    let mut errors = Vec::new();
    let agency_id = form.owner_agency_id.map(|a| a.to_string()).unwrap_or_default();
    let agency = directory::agencies_of(conn, tenant_id)?.into_iter().find(|a| a.id.as_str() == agency_id);
    if agency.is_none() {
        errors.push(FieldError::new("owner_agency_id", "unknown", "Select one of the partnership's agencies"));
    }
    let person = form.owner_person_id.map(|p| p.to_string()).unwrap_or_default();
    if store::member(conn, tenant_id, &person)?.is_none() {
        errors.push(FieldError::new("owner_person_id", "unknown", "Select a member of the partnership"));
    }
    let known = themes_store::themes(conn, tenant_id)?;
    errors.extend(check_tags(&CaseThemes { theme_ids: form.theme_ids.clone() }, &known, already));
    ApiError::unless_invalid(errors)?;
    Ok(agency.map(|a| a.name).unwrap_or_default())
}

/// Add an action to a case: a report's recommendation, say (a Rapid Review's decision adds
/// its own).
#[utoipa::path(
    operation_id = "add_action", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = ActionForm,
    responses(
        (status = 201, description = "The action", body = ActionView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 422, description = "A field missing, or an agency, person or theme not the partnership's", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/actions")]
pub async fn add(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ActionForm>,
) -> ApiResult<HttpResponse> {
    let case_id = path.into_inner().1.to_string();
    let form = body.into_inner();
    let view = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let case = case_store::get(conn, &who.tenant_id, &case_id)?.ok_or_else(ApiError::not_found)?;
                let agency = check_form(conn, &who.tenant_id, &form, &[])?;
                let (Some(due), Some(agency_id), Some(person)) =
                    (form.due_on, form.owner_agency_id, form.owner_person_id)
                else {
                    return Err(ApiError::internal());
                };
                let row = store::new_row(
                    &who.tenant_id,
                    Some((&case.id, &case.reference)),
                    None,
                    form.source.unwrap_or(ActionSource::Recommendation),
                    &form.description,
                    (Some(agency_id.into()), agency),
                    Some(person.into()),
                    due,
                    today(),
                );
                store::insert(conn, &row)?;
                store::tag(conn, &who.tenant_id, row.id.as_str(), &form.theme_ids)?;
                audit(conn, &who, &rid, "action.added", "action", row.id.as_str())?;
                view_of(conn, &who.tenant_id, row.id.as_str())
            })
        })
        .await?;
    Ok(HttpResponse::Created().insert_header(("ETag", format!("\"{}\"", view.version))).json(view))
}

/// An action with its history.
#[utoipa::path(
    operation_id = "get_action", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Action id")),
    responses(
        (status = 200, description = "The action; its version is the ETag", body = ActionView),
        (status = 404, description = "No such action (or not one of the person's agency)", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/actions/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<Tagged<ActionView>> {
    let id = path.into_inner().1.to_string();
    let view = state
        .db(move |conn| {
            reachable(conn, &who, &id)?;
            view_of(conn, &who.tenant_id, &id)
        })
        .await?;
    Ok(Tagged { version: view.version, body: view })
}

/// Change an action's words, owners, due date or themes (not a closed one).
#[utoipa::path(
    operation_id = "change_action", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Action id")),
    request_body = ActionForm,
    responses(
        (status = 200, description = "The action", body = ActionView),
        (status = 400, description = "Malformed body or If-Match", body = ApiErrorBody),
        (status = 404, description = "No such action", body = ApiErrorBody),
        (status = 409, description = "Closed (`invalid_stage`), or changed since it was read (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "A field missing, or an agency, person or theme not the partnership's", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/actions/{id}")]
pub async fn change(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    expected: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ActionForm>,
) -> ApiResult<Tagged<ActionView>> {
    let id = path.into_inner().1.to_string();
    let form = body.into_inner();
    let view = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let mut row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
                check(expected.0, row.version)?;
                if row.status == ActionStatus::Closed {
                    return Err(ApiError::invalid_stage("the action is closed"));
                }
                let already: Vec<uuid::Uuid> =
                    store::views(conn, &who.tenant_id, vec![row.clone()], today(), false)?.remove(0).theme_ids;
                let agency = check_form(conn, &who.tenant_id, &form, &already)?;
                row.description = form.description.trim().to_string();
                row.owner_agency_id = form.owner_agency_id.map(Id::from);
                row.owner_agency = agency;
                row.owner_person_id = form.owner_person_id.map(Id::from);
                row.due_on = form.due_on.ok_or_else(ApiError::internal)?;
                store::change(conn, &row)?;
                store::tag(conn, &who.tenant_id, &id, &form.theme_ids)?;
                audit(conn, &who, &rid, "action.changed", "action", &id)?;
                view_of(conn, &who.tenant_id, &id)
            })
        })
        .await?;
    Ok(Tagged { version: view.version, body: view })
}

fn refused(r: MoveRefused) -> ApiError {
    match r {
        MoveRefused::Stage(m) => ApiError::invalid_stage(m),
        MoveRefused::Invalid(errors) => ApiError::validation(errors),
    }
}

/// Its owner's update: progress, or the evidence of its impact with a request to close.
#[utoipa::path(
    operation_id = "update_action", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Action id")),
    request_body = ActionUpdateForm,
    responses(
        (status = 200, description = "The action", body = ActionView),
        (status = 400, description = "Malformed body or If-Match", body = ApiErrorBody),
        (status = 403, description = "Neither its owner nor the office or a lead", body = ApiErrorBody),
        (status = 404, description = "No such action", body = ApiErrorBody),
        (status = 409, description = "Closed, or already awaiting agreement (`invalid_stage`); changed since read (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "No text (asking to close: no evidence)", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/actions/{id}/updates")]
pub async fn add_update(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    expected: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ActionUpdateForm>,
) -> ApiResult<Tagged<ActionView>> {
    let id = path.into_inner().1.to_string();
    let form = body.into_inner();
    let view = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let (row, own) = reachable(conn, &who, &id)?;
                if !may_update(&who.roles, own) {
                    return Err(ApiError::forbidden());
                }
                check(expected.0, row.version)?;
                let m = update(row.status, &form).map_err(refused)?;
                let name = directory::user_by_id(conn, &who.user_id)?.name;
                store::apply(conn, &row, &m, &form.text, (&who.user_id, &name), today())?;
                let action = if form.close { "action.closure_requested" } else { "action.updated" };
                audit(conn, &who, &rid, action, "action", &id)?;
                view_of(conn, &who.tenant_id, &id)
            })
        })
        .await?;
    Ok(Tagged { version: view.version, body: view })
}

/// A strategic lead agrees the action is done (it closes), or not (open again, with a note).
#[utoipa::path(
    operation_id = "agree_action", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Action id")),
    request_body = ActionAgreement,
    responses(
        (status = 200, description = "The action", body = ActionView),
        (status = 400, description = "Malformed body or If-Match", body = ApiErrorBody),
        (status = 404, description = "No such action", body = ApiErrorBody),
        (status = 409, description = "No evidence asked to close it (`invalid_stage`); changed since read (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Not agreeing without a note", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/actions/{id}/agreement")]
pub async fn agreement(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    expected: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ActionAgreement>,
) -> ApiResult<Tagged<ActionView>> {
    let id = path.into_inner().1.to_string();
    let answer = body.into_inner();
    let view = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
                check(expected.0, row.version)?;
                let m = agree(row.status, &answer).map_err(refused)?;
                let name = directory::user_by_id(conn, &who.user_id)?.name;
                let text = if answer.agree { "Agreed: closed." } else { answer.note.as_str() };
                store::apply(conn, &row, &m, text, (&who.user_id, &name), today())?;
                let action = if answer.agree { "action.agreed" } else { "action.not_agreed" };
                audit(conn, &who, &rid, action, "action", &id)?;
                view_of(conn, &who.tenant_id, &id)
            })
        })
        .await?;
    Ok(Tagged { version: view.version, body: view })
}

/// What a round of reminders queued.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Reminded {
    /// Reminders that an action falls due within 5 working days.
    pub due_soon: usize,
    /// Reminders that an action is overdue.
    pub overdue: usize,
}

/// Queues today's reminders in the outbox: to each open action's owner, once within 5 working
/// days of its due date, and each week while it is overdue. The server runs this every hour;
/// the office may run it now.
#[utoipa::path(
    operation_id = "remind_actions", tag = "learning",
    responses((status = 200, description = "The reminders queued", body = Reminded))
)]
#[post("/api/v1/t/{tenant}/actions/reminders")]
pub async fn remind(state: web::Data<AppState>, who: Principal, rid: RequestId) -> ApiResult<web::Json<Reminded>> {
    let st = state.clone();
    let base = state.link_base();
    let reminded = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let r = send_reminders(conn, &st, &who.tenant_id, &base)?;
                audit(conn, &who, &rid, "actions.reminded", "partnership", &who.tenant_id)?;
                Ok(r)
            })
        })
        .await?;
    Ok(web::Json(reminded))
}

/// Queues a partnership's due reminders (see [`remind`]).
pub fn send_reminders(conn: &mut DbConn, state: &AppState, tenant_id: &str, base: &str) -> ApiResult<Reminded> {
    let day = today();
    let calendar = state.calendars.for_tenant(conn, tenant_id)?;
    let before = calendar
        .add_working_days(day, REMIND_BEFORE_WORKING_DAYS as u32)
        .map(|r| r.value)
        .ok_or_else(ApiError::internal)?;
    let mut out = Reminded { due_soon: 0, overdue: 0 };
    for row in store::due_reminders(conn, tenant_id, day, before)? {
        let Some(person) = &row.owner_person_id else { continue };
        // no message to a person who has left the partnership (the office gives it a new owner)
        if store::member(conn, tenant_id, person.as_str())?.is_none() {
            continue;
        }
        let user = directory::user_by_id(conn, person.as_str())?;
        if user.disabled {
            continue;
        }
        let overdue = row.due_on < day;
        crate::mail::messages::queue_action_reminder(
            conn,
            tenant_id,
            &user.email,
            base,
            (row.id.as_str(), &row.reference, row.due_on),
            overdue,
        )?;
        store::reminded(conn, &row, overdue, day)?;
        if overdue {
            out.overdue += 1;
        } else {
            out.due_soon += 1;
        }
    }
    Ok(out)
}
