//! A referral as a draft: started with any boxes filled in so far, then saved whole.
use super::moves::step_expecting;
use super::wire::{self, WireView};
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::error::ApiResult;
use crate::models::{new_id, now, ReferralRow};
use crate::state::AppState;
use crate::store::referral as store;
use actix_web::{http::header, post, put, web, HttpResponse};
use shared::referral::{start, ReferralCommand, ReferralForm, ReferralView};
use shared::ApiErrorBody;

/// Start a referral as a draft; the body may hold any boxes filled in so far.
#[utoipa::path(
    operation_id = "create_referral", tag = "referrals",
    request_body = ReferralForm,
    responses(
        (status = 201, description = "The new draft", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 413, description = "Body too large", body = ApiErrorBody),
        (status = 422, description = "Values out of bounds", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/referrals")]
pub async fn create(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    form: web::Json<ReferralForm>,
) -> ApiResult<HttpResponse> {
    let t = start(Box::new(form.into_inner()), today())?;
    let created = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let at = now();
                let mut row = ReferralRow {
                    tenant_id: who.tenant_id.clone(),
                    id: new_id(),
                    referrer_id: who.user_id.clone(),
                    stage: t.to,
                    review_type: None,
                    child_name: String::new(),
                    form: Json::encode(&ReferralForm::default())?,
                    return_reason: None,
                    recommendation: None,
                    decision: None,
                    created_at: at,
                    updated_at: at,
                    submitted_at: None,
                    manager_id: None,
                    manager_name: None,
                    manager_agency: None,
                    signed_off_at: None,
                    case_id: None,
                    version: 0,
                };
                store::apply(&mut row, t.effects)?;
                store::insert(conn, &row)?;
                audit(conn, &who, &rid, &t.audit, "referral", &row.id)?;
                Ok((wire::view(&row, &who, None)?, who.tenant_slug.clone()))
            })
        })
        .await?;
    let (view, slug) = created;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/t/{slug}/referrals/{}", view.id)))
        .insert_header((header::ETAG, format!("\"{}\"", view.version)))
        .content_type(header::ContentType::json())
        .body(view.body))
}

/// Save the draft form (the whole form; boxes left out are emptied).
#[utoipa::path(
    operation_id = "update_referral", tag = "referrals",
    params(
        ("id" = uuid::Uuid, Path, description = "Referral id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the referral as read (its version, e.g. \"7\"): the save is refused with 409 `edit_conflict` when someone saved since"),
    ),
    request_body = ReferralForm,
    responses(
        (status = 200, description = "Saved", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Only the referrer may edit", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not editable in this stage, or saved by someone since the version named in If-Match (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Values out of bounds", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/referrals/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    req: actix_web::HttpRequest,
    path: web::Path<(String, uuid::Uuid)>,
    form: web::Json<ReferralForm>,
) -> ApiResult<WireView> {
    let expected = crate::api::precondition::if_match(&req)?;
    let command = ReferralCommand::Edit(Box::new(form.into_inner()));
    step_expecting(&state, who, rid, path.into_inner().1, command, expected).await
}
