//! Who am I.
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::directory;
use actix_web::web::{self, Bytes};
use actix_web::{get, HttpResponse};
use shared::auth::{MeResponse, SecondFactorState, UserInfo};

/// The person, partnership and roles of this token, and the partnerships they may switch to.
#[utoipa::path(
    operation_id = "get_me", tag = "auth",
    responses(
        (status = 200, description = "The signed-in person", body = MeResponse),
    )
)]
#[get("/api/v1/me")]
pub async fn me(state: web::Data<AppState>, who: Principal) -> ApiResult<HttpResponse> {
    // A session that may only enrol is answered afresh (and not kept).
    if let Some(body) = state.me_cache.get(&who.user_id, &who.tenant_id, &who.roles).filter(|_| !who.enrolling) {
        return Ok(json_response(body));
    }
    let (user_id, tenant_id, roles) = (who.user_id.clone(), who.tenant_id.clone(), who.roles.clone());
    let must_enrol = who.enrolling;
    let me = state
        .db(move |conn| {
            let user = directory::user_by_id(conn, &user_id)?;
            let tenant = directory::tenant_by_id(conn, &tenant_id)?;
            let membership =
                directory::membership(conn, &tenant_id, &user_id)?.ok_or_else(ApiError::unauthenticated)?;
            let agency = match &membership.agency_id {
                Some(a) => directory::agency_by_id(conn, &tenant_id, a)?.map(|r| directory::agency_view(&r)),
                None => None,
            };
            let other_tenants = directory::tenants_of_user(conn, &user_id)?
                .iter()
                .filter(|t| t.id != tenant_id)
                .map(directory::tenant_info)
                .collect();
            Ok(MeResponse {
                user: UserInfo { id: user.id.uuid(), email: user.email, name: user.name },
                tenant: directory::tenant_info(&tenant),
                roles,
                agency,
                other_tenants,
                second_factor: SecondFactorState { enrolled: user.totp_secret.is_some(), must_enrol },
            })
        })
        .await?;
    let body = Bytes::from(serde_json::to_vec(&me).map_err(|_| ApiError::internal())?);
    if !who.enrolling {
        state.me_cache.put(&who.user_id, &who.tenant_id, &who.roles, body.clone());
    }
    Ok(json_response(body))
}

fn json_response(body: Bytes) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(body)
}
