//! Comment threads on words of the text: the scrutineer and the review group open them, the
//! lead reviewer answers, the lead reviewer or the person who opened one resolves and
//! reopens it.
use super::context::{step, version_of, Overview};
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, OverviewThreadRow};
use crate::state::AppState;
use crate::store::{directory, overview as store};
use actix_web::{post, put, web};
use shared::overview::anchor::reattach;
use shared::overview::{
    check_comment, commenting_role, new_anchor, resolves, Comment, CommentThread, NewThread, OverviewAction,
    OverviewView, ReplyForm, Resolution, ResolveForm,
};
use shared::{ApiErrorBody, FieldError};

/// Open a thread on words of a version: the section, the characters selected, the comment.
#[utoipa::path(
    operation_id = "open_thread", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = NewThread,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Not the scrutineer, a member or the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case or version", body = ApiErrorBody),
        (status = 409, description = "No version yet, sent already, or the words selected are gone from the latest version", body = ApiErrorBody),
        (status = 422, description = "No words selected, or no comment", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/report/threads")]
pub async fn open(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<NewThread>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    step(&state, who, rid, path.into_inner().1, OverviewAction::Comment, "overview.thread", move |conn, _, o, who| {
        ApiError::unless_invalid(check_comment(&form.text))?;
        let Some(latest) = o.latest.clone() else { return Err(ApiError::not_found()) };
        let read = if form.version == latest.version {
            latest.clone()
        } else {
            let v = store::version(conn, &who.tenant_id, o.case_id(), form.version as i32)?
                .ok_or_else(ApiError::not_found)?;
            version_of(&v)?
        };
        let anchor = new_anchor(&form, &read.sections).map_err(ApiError::validation)?;
        // words selected in an older version: where they are now
        let anchor = if read.version == latest.version {
            anchor
        } else {
            reattach(&anchor, &latest.sections).ok_or_else(ApiError::edit_conflict)?
        };
        let thread = CommentThread {
            id: uuid::Uuid::new_v4(),
            anchor,
            anchored_version: latest.version,
            orphaned: false,
            opened_by_id: o.user_id,
            comments: vec![comment(conn, o, who, &form.text)?],
            resolved: None,
        };
        store::insert_thread(
            conn,
            &OverviewThreadRow {
                tenant_id: who.tenant_id.clone(),
                case_id: o.review.case.id,
                id: Id::from(thread.id),
                thread: Json::encode(&thread)?,
                open: true,
                revision: 0,
                created_at: now(),
                updated_at: now(),
            },
        )?;
        // through the report's row: a save at the same time re-attaches it or refuses
        Ok(true)
    })
    .await
}

fn comment(conn: &mut DbConn, o: &Overview, who: &Principal, text: &str) -> ApiResult<Comment> {
    Ok(Comment {
        by: directory::user_by_id(conn, &who.user_id)?.name,
        role: commenting_role(&o.review.actor),
        on: today(),
        text: text.trim().to_string(),
    })
}

/// Reads a thread of the report, lets `change` change it, writes it back if no other write
/// came first.
fn change_thread(
    conn: &mut DbConn,
    o: &Overview,
    who: &Principal,
    thread_id: uuid::Uuid,
    change: impl FnOnce(&mut CommentThread) -> ApiResult<()>,
) -> ApiResult<()> {
    let mut row =
        store::thread(conn, &who.tenant_id, o.case_id(), &thread_id.to_string())?.ok_or_else(ApiError::not_found)?;
    let mut thread = row.thread.decode()?;
    change(&mut thread)?;
    row.open = thread.resolved.is_none();
    row.thread = Json::encode(&thread)?;
    if !store::update_thread(conn, &mut row)? {
        return Err(ApiError::edit_conflict());
    }
    Ok(())
}

/// Reply to a thread.
#[utoipa::path(
    operation_id = "reply_to_thread", tag = "overview",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("thread" = uuid::Uuid, Path, description = "Thread id"),
    ),
    request_body = ReplyForm,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Not the scrutineer, a member or the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case or thread", body = ApiErrorBody),
        (status = 409, description = "Sent to the Panel already", body = ApiErrorBody),
        (status = 422, description = "No comment", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/report/threads/{thread}/replies")]
pub async fn reply(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
    body: web::Json<ReplyForm>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    let (_, id, thread_id) = path.into_inner();
    step(&state, who, rid, id, OverviewAction::Comment, "overview.reply", move |conn, _, o, who| {
        ApiError::unless_invalid(check_comment(&form.text))?;
        let c = comment(conn, o, who, &form.text)?;
        change_thread(conn, o, who, thread_id, |t| {
            t.comments.push(c);
            Ok(())
        })?;
        Ok(false)
    })
    .await
}

/// Resolve or reopen a thread (the lead reviewer, or the person who opened it).
#[utoipa::path(
    operation_id = "resolve_thread", tag = "overview",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("thread" = uuid::Uuid, Path, description = "Thread id"),
    ),
    request_body = ResolveForm,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Neither the lead reviewer nor the person who opened it", body = ApiErrorBody),
        (status = 404, description = "No such case or thread", body = ApiErrorBody),
        (status = 409, description = "Sent to the Panel already", body = ApiErrorBody),
        (status = 422, description = "Resolved already, or open already", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/report/threads/{thread}/resolution")]
pub async fn resolve(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
    body: web::Json<ResolveForm>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    let (_, id, thread_id) = path.into_inner();
    let audit_as = if form.resolved { "overview.resolve" } else { "overview.reopen" };
    step(&state, who, rid, id, OverviewAction::Comment, audit_as, move |conn, _, o, who| {
        let by = directory::user_by_id(conn, &who.user_id)?.name;
        let (actor, user) = (o.review.actor.clone(), o.user_id);
        change_thread(conn, o, who, thread_id, |t| {
            if t.resolved.is_some() == form.resolved {
                let why = if form.resolved { "The thread is resolved already" } else { "The thread is open already" };
                return Err(ApiError::validation(vec![FieldError::new("resolved", "unchanged", why)]));
            }
            if !resolves(&actor, t.opened_by_id, user) {
                return Err(ApiError::forbidden());
            }
            t.resolved = form.resolved.then(|| Resolution { by, on: today() });
            Ok(())
        })?;
        Ok(false)
    })
    .await
}
