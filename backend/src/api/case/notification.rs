//! The Serious Incident Notification: it opens a case; the date it went to the National
//! Panel meets its clock.
use super::{step::step, views};
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Id;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{case as store, referral};
use actix_web::{http::header, post, web, HttpResponse};
use shared::case::{check_notification, open, CaseAction, CaseCommand, CaseView, Notification, SentOn};
use shared::referral::{may_open_rapid_review, ReferralScope};
use shared::ApiErrorBody;

/// Record a Serious Incident Notification (both criteria met, and who at the local authority
/// decided to notify): opens a case and starts the clocks that start at the incident or the
/// local authority's awareness (by default the notification's 5 working days and the Rapid
/// Review's 15, both from awareness).
#[utoipa::path(
    operation_id = "create_case", tag = "cases",
    request_body = Notification,
    responses(
        (status = 201, description = "The new case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 409, description = "The referral named has no review agreed, or has its case already", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases")]
pub async fn create(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<Notification>,
) -> ApiResult<HttpResponse> {
    let notification = body.into_inner();
    // Its boxes first (whether the referral it names is found is checked once it is read).
    let errors = check_notification(&notification, true, today());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let st = state.clone();
    let slug = who.tenant_slug.clone();
    let view = state
        .db_write(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                // The referral it names, as the office may see referrals (submitted ones).
                let from_referral = match notification.referral_id {
                    Some(r) => {
                        // Two notifications from one referral at once: the second waits, then
                        // finds the referral already has its case.
                        crate::store::lock::referral(conn, &who.tenant_id, &r.to_string())?;
                        let scope = ReferralScope::SubmittedAndOwn;
                        referral::get(conn, &who.tenant_id, &r.to_string(), &who.user_id, scope)?
                    }
                    None => None,
                };
                let referral_found = notification.referral_id.is_none() || from_referral.is_some();
                let referral_id = notification.referral_id.map(Id::from);
                let la_aware_on = notification.la_aware_on;
                let rules = crate::store::clock_rule::rules_of(conn, &who.tenant_id)?;
                let t = open(notification, referral_found, today(), &rules)?;
                let la_aware_on = la_aware_on.ok_or_else(ApiError::internal)?;
                let opening =
                    store::Opening { tenant_id: &who.tenant_id, created_by: &who.user_id, la_aware_on, referral_id };
                let audit_action = t.audit.clone();
                // Opened from a referral: only once, and only when its decision agreed a review.
                if let Some(r) = &from_referral {
                    let decision = r.decision.as_ref().map(|d| d.decode()).transpose()?;
                    may_open_rapid_review(r.stage, decision.as_ref(), r.case_id.is_some())
                        .map_err(ApiError::invalid_stage)?;
                }
                let row = store::insert_opened(conn, &calendar, opening, t)?;
                if let Some(r) = &from_referral {
                    if !referral::link_case(conn, &who.tenant_id, &r.id, row.id.as_str())? {
                        return Err(ApiError::invalid_stage("a Rapid Review was opened from this referral already"));
                    }
                }
                audit(conn, &who, &rid, &audit_action, "case", &row.id)?;
                views::case_view(conn, &calendar, &row, &who.roles)
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/t/{slug}/cases/{}", view.id)))
        .json(view))
}

/// Record the date the notification went to the National Panel: stops its clock.
#[utoipa::path(
    operation_id = "record_notification_sent", tag = "cases",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SentOn,
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Already recorded", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/notification-sent")]
pub async fn sent(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SentOn>,
) -> ApiResult<web::Json<CaseView>> {
    let sent_on = body.into_inner().sent_on;
    let id = path.into_inner().1;
    step(&state, who, rid, id, CaseAction::RecordNotificationSent, move |_, _| {
        Ok(CaseCommand::RecordNotificationSent { sent_on })
    })
    .await
}
