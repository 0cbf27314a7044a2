//! Who am I.
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::directory;
use actix_web::web;
use shared::auth::{MeResponse, UserInfo};
use shared::ApiErrorBody;

/// The person, partnership and roles of this token, and the partnerships they may switch to.
#[utoipa::path(
    get, path = "/api/v1/me", operation_id = "get_me", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in person", body = MeResponse),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
    )
)]
pub async fn me(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<MeResponse>> {
    if let Some(mut me) = state.me_cache.get(&who.user_id, &who.tenant_id) {
        me.roles = who.roles;
        return Ok(web::Json(me));
    }
    let (user_id, tenant_id) = (who.user_id.clone(), who.tenant_id.clone());
    let mut me = state
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
                user: UserInfo { id: user.id.parse().unwrap_or_default(), email: user.email, name: user.name },
                tenant: directory::tenant_info(&tenant),
                roles: Vec::new(),
                agency,
                other_tenants,
            })
        })
        .await?;
    state.me_cache.put(&who.user_id, &who.tenant_id, me.clone());
    me.roles = who.roles;
    Ok(web::Json(me))
}
