//! The sign-off chain, bound to the latest version: the review group, the Local Learning
//! Review Sub Group, each strategic lead agency. Refused while identifiers remain.
use super::context::step;
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::directory;
use actix_web::{post, web};
use shared::overview::{check_sign_off, signs, ChainSignOff, ChainStep, OverviewAction, OverviewView, SignOffForm};
use shared::ApiErrorBody;

/// Record a link of the chain for the version read (it must be the latest).
#[utoipa::path(
    operation_id = "sign_off_overview", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SignOffForm,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Not a signer of this link (a strategic lead signs for their own agency)", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "A newer version (`edit_conflict`), identifiers remain (`identifiers_remain`), a link before it unsigned, or signed already", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/report/sign-offs")]
pub async fn sign_off(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SignOffForm>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    step(&state, who, rid, path.into_inner().1, OverviewAction::SignOff, "overview.sign_off", move |conn, _, o, who| {
        let mut signoffs = o.row.signoffs.decode()?;
        let (_, left) = o.check(conn)?;
        let agency = if form.step == ChainStep::StrategicLead { o.signer_agency } else { None };
        check_sign_off(&form, o.row.latest_version as u32, &signoffs, &o.lead_agencies, agency, left)?;
        if !signs(&o.review.actor, form.step) {
            return Err(ApiError::forbidden());
        }
        signoffs.push(ChainSignOff {
            step: form.step,
            agency_id: agency,
            agency_name: agency.and_then(|a| o.lead_agencies.iter().find(|l| l.id == a)).map(|l| l.name.clone()),
            version: form.version,
            by: directory::user_by_id(conn, &who.user_id)?.name,
            on: today(),
            voided_by: None,
        });
        o.row.signoffs = Json::encode(&signoffs)?;
        Ok(true)
    })
    .await
}
