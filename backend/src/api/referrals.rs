//! The referral API (Appendix 1): drafts, submission, the office's recommendation and the
//! strategic partners' decision. Stage moves and validation come from `shared`.
use crate::auth::principal::{Principal, RequestId};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{new_id, now, ReferralRow, ReferralSummaryRow};
use crate::state::AppState;
use crate::store::referral_batch::ReferralKey;
use crate::store::{audit, referrals as store};
use actix_web::{http::header, web, HttpResponse};
use serde::Deserialize;
use shared::page::{checked_paging, Page};
use shared::referral::*;
use shared::ApiErrorBody;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// 1-based page number (default 1).
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 20).
    pub per_page: Option<u32>,
    /// Only referrals in this stage.
    pub stage: Option<ReferralStage>,
}

fn today() -> chrono::NaiveDate {
    crate::casework::today()
}

fn stage_of(row: &ReferralRow) -> ApiResult<ReferralStage> {
    parse_stage(&row.stage)
}

fn parse_stage(stage: &str) -> ApiResult<ReferralStage> {
    ReferralStage::parse(stage).ok_or_else(|| {
        tracing::error!(stage = %stage, "unknown stage in database");
        ApiError::internal()
    })
}

fn parse_json<T: serde::de::DeserializeOwned>(s: &str) -> ApiResult<T> {
    serde_json::from_str(s).map_err(|_| {
        tracing::error!("stored referral JSON does not parse");
        ApiError::internal()
    })
}

fn to_json<T: serde::Serialize>(v: &T) -> ApiResult<String> {
    serde_json::to_string(v).map_err(|_| ApiError::internal())
}

/// A referral as answered: [`ReferralView`] on the wire, written as bytes. The stored JSON
/// of the form, recommendation and decision goes out as it is, neither parsed nor checked
/// again (it was written by this server from the typed values): parsing and writing it
/// again was most of the time of a read, measured with `cargo xtask bench`. A test checks
/// that it reads back as a `ReferralView`.
#[derive(Debug)]
pub struct WireView {
    id: String,
    body: Vec<u8>,
}

impl actix_web::Responder for WireView {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, _req: &actix_web::HttpRequest) -> HttpResponse {
        HttpResponse::Ok().content_type(header::ContentType::json()).body(self.body)
    }
}

/// The fields of a referral other than its stored JSON.
#[derive(serde::Serialize)]
struct WireHead<'a> {
    id: &'a str,
    stage: ReferralStage,
    referrer_id: &'a str,
    created_at: crate::stamp::Stamp,
    updated_at: crate::stamp::Stamp,
    submitted_at: Option<crate::stamp::Stamp>,
    return_reason: Option<&'a str>,
    allowed_actions: Vec<ReferralAction>,
}

fn view(row: &ReferralRow, who: &Principal) -> ApiResult<WireView> {
    use crate::stamp::Stamp;
    let stage = stage_of(row)?;
    let actor = Actor { roles: &who.roles, is_referrer: row.referrer_id == who.user_id };
    let head = WireHead {
        id: &row.id,
        stage,
        referrer_id: &row.referrer_id,
        created_at: Stamp(row.created_at),
        updated_at: Stamp(row.updated_at),
        submitted_at: row.submitted_at.map(Stamp),
        return_reason: row.return_reason.as_deref(),
        allowed_actions: allowed_actions(stage, actor),
    };
    let extra = row.form.len()
        + row.recommendation.as_ref().map_or(4, String::len)
        + row.decision.as_ref().map_or(4, String::len);
    let mut body = Vec::with_capacity(256 + extra);
    serde_json::to_writer(&mut body, &head).map_err(|_| ApiError::internal())?;
    body.pop(); // the closing brace: the stored JSON follows
    for (name, json) in [
        ("form", Some(row.form.as_str())),
        ("recommendation", row.recommendation.as_deref()),
        ("decision", row.decision.as_deref()),
    ] {
        body.extend_from_slice(b",\"");
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(b"\":");
        body.extend_from_slice(json.unwrap_or("null").as_bytes());
    }
    body.push(b'}');
    Ok(WireView { id: row.id.clone(), body })
}

/// A referral in a list: [`ReferralSummary`] on the wire, written straight from the row
/// (ids as stored, times by [`crate::stamp`]). A test checks that it reads back as a
/// `ReferralSummary`.
#[derive(Debug, serde::Serialize)]
pub struct WireSummary<'a> {
    id: &'a str,
    stage: ReferralStage,
    referrer_id: &'a str,
    review_type: Option<ReviewType>,
    created_at: crate::stamp::Stamp,
    updated_at: crate::stamp::Stamp,
    submitted_at: Option<crate::stamp::Stamp>,
    child_name: &'a str,
}

fn summary(row: &ReferralSummaryRow) -> ApiResult<WireSummary<'_>> {
    Ok(WireSummary {
        id: &row.id,
        stage: parse_stage(&row.stage)?,
        referrer_id: &row.referrer_id,
        review_type: row.review_type.as_deref().and_then(store::review_type_of),
        created_at: row.created_at,
        updated_at: row.updated_at,
        submitted_at: row.submitted_at,
        child_name: &row.child_name,
    })
}

fn stage_error(e: StageError) -> ApiError {
    match e {
        StageError::NotFromStage { .. } => ApiError::invalid_stage(e.to_string()),
        StageError::NotPermitted { .. } => ApiError::forbidden(),
    }
}

/// Loads a referral the caller may see, checks the move with the stage machine, lets
/// `change` fill in the row (or refuse with a 4xx), writes it and the audit event in one
/// transaction, and answers the new view.
async fn apply<F>(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    action: ReferralAction,
    change: F,
) -> ApiResult<WireView>
where
    F: FnOnce(&mut ReferralRow) -> ApiResult<()> + Send + 'static,
{
    state
        .db(move |conn: &mut DbConn| {
            crate::db::write_transaction(conn, |conn| {
                let scope = referral_scope(&who.roles);
                let mut row = store::get(conn, &who.tenant_id, &id.to_string(), &who.user_id, scope)?
                    .ok_or_else(ApiError::not_found)?;
                let from = stage_of(&row)?;
                let actor = Actor { roles: &who.roles, is_referrer: row.referrer_id == who.user_id };
                let to = next_stage(from, action, actor).map_err(stage_error)?;
                change(&mut row)?;
                row.stage = to.as_str().to_string();
                row.updated_at = now();
                if !store::update(conn, &row, from.as_str())? {
                    return Err(ApiError::invalid_stage("the referral changed meanwhile: reload it and try again"));
                }
                audit::record(
                    conn,
                    audit::Event {
                        tenant_id: &who.tenant_id,
                        actor_id: Some(&who.user_id),
                        action: &format!("referral.{}", action.as_str()),
                        entity_type: "referral",
                        entity_id: Some(&row.id),
                        request_id: Some(&rid.0),
                    },
                )?;
                view(&row, &who)
            })
        })
        .await
}

/// Referrals the caller may see, newest first.
#[utoipa::path(
    get, path = "/api/v1/t/{tenant}/referrals", operation_id = "list_referrals", tag = "referrals",
    params(("tenant" = String, Path, description = "Partnership slug"), ListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of referrals", body = Page<ReferralSummary>),
        (status = 400, description = "Bad paging", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "Not this token's partnership", body = ApiErrorBody),
    )
)]
pub async fn list(state: web::Data<AppState>, who: Principal, q: web::Query<ListQuery>) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let (page, per_page) = checked_paging(q.page, q.per_page)
        .ok_or_else(|| ApiError::malformed("page must be 1 or more and per_page between 1 and 100"))?;
    let (rows, total) = state
        .db(move |conn| {
            let scope = referral_scope(&who.roles);
            Ok(store::list(conn, &who.tenant_id, &who.user_id, scope, q.stage, page, per_page)?)
        })
        .await?;
    let items = rows.iter().map(summary).collect::<ApiResult<Vec<_>>>()?;
    let body = serde_json::to_vec(&Page { items, page, per_page, total: total.max(0) as u64 })
        .map_err(|_| ApiError::internal())?;
    Ok(HttpResponse::Ok().content_type(header::ContentType::json()).body(body))
}

/// Start a referral as a draft; the body may hold any boxes filled in so far.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/referrals", operation_id = "create_referral", tag = "referrals",
    params(("tenant" = String, Path, description = "Partnership slug")),
    request_body = ReferralForm,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new draft", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "Not this token's partnership", body = ApiErrorBody),
        (status = 413, description = "Body too large", body = ApiErrorBody),
        (status = 422, description = "Values out of bounds", body = ApiErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    form: web::Json<ReferralForm>,
) -> ApiResult<HttpResponse> {
    let form = form.into_inner();
    let errors = validate_draft(&form, today());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let created = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let t = now();
                let row = ReferralRow {
                    tenant_id: who.tenant_id.clone(),
                    id: new_id(),
                    referrer_id: who.user_id.clone(),
                    stage: ReferralStage::Draft.as_str().into(),
                    review_type: store::review_type_column(&form),
                    child_name: store::child_name_column(&form),
                    form: to_json(&form)?,
                    return_reason: None,
                    recommendation: None,
                    decision: None,
                    created_at: t,
                    updated_at: t,
                    submitted_at: None,
                };
                store::insert(conn, &row)?;
                audit::record(
                    conn,
                    audit::Event {
                        tenant_id: &who.tenant_id,
                        actor_id: Some(&who.user_id),
                        action: "referral.create",
                        entity_type: "referral",
                        entity_id: Some(&row.id),
                        request_id: Some(&rid.0),
                    },
                )?;
                Ok((view(&row, &who)?, who.tenant_slug.clone()))
            })
        })
        .await?;
    let (view, slug) = created;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/t/{slug}/referrals/{}", view.id)))
        .content_type(header::ContentType::json())
        .body(view.body))
}

/// One referral.
#[utoipa::path(
    get, path = "/api/v1/t/{tenant}/referrals/{id}", operation_id = "get_referral", tag = "referrals",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Referral id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The referral", body = ReferralView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<WireView> {
    let id = path.into_inner().1.to_string();
    let scope = referral_scope(&who.roles);
    let row = match &state.referral_reads {
        Some(reads) => {
            let key = ReferralKey { tenant_id: who.tenant_id.clone(), id, user_id: who.user_id.clone(), scope };
            reads.ask(key).await?
        }
        None => {
            let w = who.clone();
            state.db(move |conn| Ok(store::get(conn, &w.tenant_id, &id, &w.user_id, scope)?)).await?
        }
    };
    view(&row.ok_or_else(ApiError::not_found)?, &who)
}

/// Save the draft form (the whole form; boxes left out are emptied).
#[utoipa::path(
    put, path = "/api/v1/t/{tenant}/referrals/{id}", operation_id = "update_referral", tag = "referrals",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = ReferralForm,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Only the referrer may edit", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not editable in this stage", body = ApiErrorBody),
        (status = 422, description = "Values out of bounds", body = ApiErrorBody),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    form: web::Json<ReferralForm>,
) -> ApiResult<WireView> {
    let form = form.into_inner();
    let errors = validate_draft(&form, today());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    apply(&state, who, rid, path.into_inner().1, ReferralAction::Edit, move |row| {
        row.review_type = store::review_type_column(&form);
        row.child_name = store::child_name_column(&form);
        row.form = to_json(&form)?;
        Ok(())
    })
    .await
}

/// Submit to the business office; refused with the list of empty boxes when any mandatory box is empty.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/referrals/{id}/submit", operation_id = "submit_referral", tag = "referrals",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Referral id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Submitted", body = ReferralView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Only the referrer may submit", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Already submitted", body = ApiErrorBody),
        (status = 422, description = "Mandatory boxes empty; see fields", body = ApiErrorBody),
    )
)]
pub async fn submit(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<WireView> {
    apply(&state, who, rid, path.into_inner().1, ReferralAction::Submit, |row| {
        let form: ReferralForm = parse_json(&row.form)?;
        let errors = validate_for_submission(&form, today());
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        row.submitted_at = Some(now());
        row.return_reason = None;
        Ok(())
    })
    .await
}

/// The business office returns a submitted referral to the referrer for completion.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/referrals/{id}/return", operation_id = "return_referral", tag = "referrals",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = ReturnRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Returned", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not submitted", body = ApiErrorBody),
        (status = 422, description = "No reason given", body = ApiErrorBody),
    )
)]
pub async fn return_for_completion(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ReturnRequest>,
) -> ApiResult<WireView> {
    let body = body.into_inner();
    let errors = validate_return(&body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    apply(&state, who, rid, path.into_inner().1, ReferralAction::Return, move |row| {
        row.return_reason = Some(body.reason);
        Ok(())
    })
    .await
}

/// The business office records its recommendation.
#[utoipa::path(
    put, path = "/api/v1/t/{tenant}/referrals/{id}/recommendation", operation_id = "record_recommendation", tag = "referrals",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = Recommendation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "Not awaiting a recommendation", body = ApiErrorBody),
        (status = 422, description = "Invalid recommendation", body = ApiErrorBody),
    )
)]
pub async fn recommend(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<Recommendation>,
) -> ApiResult<WireView> {
    let body = body.into_inner();
    let errors = validate_recommendation(&body, today());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    apply(&state, who, rid, path.into_inner().1, ReferralAction::Recommend, move |row| {
        row.recommendation = Some(to_json(&body)?);
        Ok(())
    })
    .await
}

/// A strategic lead records the strategic partners' decision.
#[utoipa::path(
    put, path = "/api/v1/t/{tenant}/referrals/{id}/decision", operation_id = "record_decision", tag = "referrals",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Referral id")),
    request_body = Decision,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = ReferralView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such referral the caller may see", body = ApiErrorBody),
        (status = 409, description = "No recommendation yet", body = ApiErrorBody),
        (status = 422, description = "Invalid decision", body = ApiErrorBody),
    )
)]
pub async fn decide(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<Decision>,
) -> ApiResult<WireView> {
    let body = body.into_inner();
    let errors = validate_decision(&body, today());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    apply(&state, who, rid, path.into_inner().1, ReferralAction::Decide, move |row| {
        row.decision = Some(to_json(&body)?);
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_summary_reads_back_as_a_referral_summary() {
        let t = crate::models::now();
        let row = ReferralSummaryRow {
            id: uuid::Uuid::new_v4().to_string(),
            referrer_id: uuid::Uuid::new_v4().to_string(),
            stage: "submitted".into(),
            review_type: Some("case_mapping_exercise".into()),
            created_at: crate::stamp::Stamp(t),
            updated_at: crate::stamp::Stamp(t),
            submitted_at: None,
            child_name: "Child \"Q\"".into(),
        };
        let wire = serde_json::to_string(&summary(&row).unwrap()).unwrap();
        let back: ReferralSummary = serde_json::from_str(&wire).unwrap();
        assert_eq!(back.id.to_string(), row.id);
        assert_eq!(back.stage, ReferralStage::Submitted);
        assert_eq!(back.review_type, Some(ReviewType::CaseMappingExercise));
        assert_eq!(back.created_at, crate::casework::utc(t));
        assert_eq!(back.submitted_at, None);
        assert_eq!(back.child_name, "Child \"Q\"");
        let mut chrono_way = serde_json::to_value(&back).unwrap();
        chrono_way.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        let mut ours: serde_json::Value = serde_json::from_str(&wire).unwrap();
        ours.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        assert_eq!(ours, chrono_way);
    }

    #[test]
    fn the_wire_view_reads_back_as_a_referral_view() {
        let form = crate::demo::example_form("Town", "Child");
        let rec = Recommendation {
            review_recommended: true,
            review_type: Some(ReviewType::Cspr),
            comments: "c \"quoted\"".into(),
            recommended_on: "2026-01-02".parse().unwrap(),
            reason: "r".into(),
            legal_advice_sought: false,
        };
        let t = crate::models::now();
        let row = ReferralRow {
            tenant_id: "t".into(),
            id: uuid::Uuid::new_v4().to_string(),
            referrer_id: uuid::Uuid::new_v4().to_string(),
            stage: "recommended".into(),
            review_type: Some("cspr".into()),
            form: serde_json::to_string(&form).unwrap(),
            return_reason: None,
            recommendation: Some(serde_json::to_string(&rec).unwrap()),
            decision: None,
            created_at: t,
            updated_at: t,
            submitted_at: Some(t),
            child_name: "Child".into(),
        };
        let who = Principal {
            user_id: "u".into(),
            tenant_slug: "t".into(),
            tenant_id: "t".into(),
            roles: vec![shared::Role::StrategicLead],
        };
        let wire = String::from_utf8(view(&row, &who).unwrap().body).unwrap();
        let back: ReferralView = serde_json::from_str(&wire).unwrap();
        assert_eq!(back.form, form);
        assert_eq!(back.recommendation, Some(rec));
        assert_eq!(back.decision, None);
        assert_eq!(back.stage, ReferralStage::Recommended);
        assert_eq!(back.allowed_actions, vec![ReferralAction::Decide]);
        assert_eq!(back.id.to_string(), row.id);
        assert_eq!(back.created_at, crate::casework::utc(t));
    }
}
