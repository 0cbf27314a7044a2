//! The lead reviewer's versions: each save is a new version, based on the latest (a save
//! based on an older one is 409 `edit_conflict`); it voids the sign-offs of older versions
//! and re-attaches every comment thread to the new text.
use super::context::step;
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::{Id, Json};
use crate::error::{ApiError, ApiResult};
use crate::models::{now, OverviewVersionRow};
use crate::state::AppState;
use crate::store::{directory, overview as store};
use actix_web::{put, web};
use shared::overview::document::clean;
use shared::overview::{check_save, void_older, OverviewAction, OverviewView, SaveReport};
use shared::ApiErrorBody;

/// Save a new version of the overview report (the lead reviewer).
#[utoipa::path(
    operation_id = "save_overview", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SaveReport,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Not the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Based on an older version (`edit_conflict`), or sent to the Panel already", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/report")]
pub async fn save(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SaveReport>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    step(&state, who, rid, path.into_inner().1, OverviewAction::SaveDraft, "overview.save", move |conn, _, o, who| {
        ApiError::unless_invalid(check_save(&form))?;
        let latest = o.row.latest_version as u32;
        if form.base_version != latest {
            return Err(ApiError::edit_conflict());
        }
        let sections = clean(&form.sections);
        if o.latest.as_ref().is_some_and(|v| v.sections == sections) {
            return Ok(false);
        }
        let version = latest + 1;
        o.row.latest_version = version as i32;
        o.row.latest_saved_on = Some(today());
        let mut signoffs = o.row.signoffs.decode()?;
        void_older(&mut signoffs, version);
        o.row.signoffs = Json::encode(&signoffs)?;
        // the row first: a second save on the same version stops here
        if !store::save(conn, &mut o.row)? {
            return Err(ApiError::edit_conflict());
        }
        let user = directory::user_by_id(conn, &who.user_id)?;
        store::insert_version(
            conn,
            &OverviewVersionRow {
                tenant_id: who.tenant_id.clone(),
                case_id: o.review.case.id,
                version: version as i32,
                sections: Json::encode(&sections)?,
                saved_by: user.name,
                saved_by_id: Id::parse(&who.user_id).unwrap_or_default(),
                saved_on: today(),
                created_at: now(),
            },
        )?;
        if !store::reanchor_threads(conn, &who.tenant_id, o.case_id(), &sections, version)? {
            return Err(ApiError::edit_conflict());
        }
        Ok(false)
    })
    .await
}
