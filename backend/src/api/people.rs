//! The business office manages its partnership's people (take a role away, remove a
//! membership, disable an account) and reads its audit trail.
use crate::api::audit;
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{audit as trail, directory};
use actix_web::http::StatusCode;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use shared::people::{AuditEventView, AuditQuery, Invitation, Invited, PersonChange, PersonUpdate, PersonView};
use shared::{ApiErrorBody, ErrorCode, FieldError, Role};

/// The partnership's people, by name.
#[utoipa::path(
    operation_id = "list_people", tag = "people",
    responses((status = 200, description = "Members, by name", body = Vec<PersonView>))
)]
#[get("/api/v1/t/{tenant}/people")]
pub async fn list(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<PersonView>>> {
    let people = state.db(move |conn| Ok(directory::people_of(conn, &who.tenant_id)?)).await?;
    Ok(web::Json(
        people
            .into_iter()
            .map(|(user, membership, agency, memberships)| PersonView {
                id: user.id.uuid(),
                roles: directory::roles_of(&membership),
                name: user.name,
                email: user.email,
                agency,
                disabled: user.disabled,
                other_partnerships: memberships > 1,
                agency_id: membership.agency_id.as_ref().map(|a| a.uuid()),
                last_sign_in: membership.last_sign_in_at.map(crate::stamp::utc),
            })
            .collect(),
    ))
}

/// A member of the caller's partnership, by id (404 otherwise).
fn member(conn: &mut crate::db::DbConn, who: &Principal, id: &uuid::Uuid) -> ApiResult<String> {
    let id = id.to_string();
    directory::membership(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
    Ok(id)
}

/// Take one role away: every access token the person holds stops working.
#[utoipa::path(
    operation_id = "revoke_role", tag = "people",
    params(
        ("id" = uuid::Uuid, Path, description = "Person id"),
        ("role" = Role, Path, description = "The role to take away"),
    ),
    responses(
        (status = 204, description = "Taken away"),
        (status = 404, description = "No such member, or no such role held", body = ApiErrorBody),
        (status = 409, description = "The caller's own roles (`conflict`)", body = ApiErrorBody),
    )
)]
#[delete("/api/v1/t/{tenant}/people/{id}/roles/{role}")]
pub async fn revoke_role(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, String)>,
) -> ApiResult<HttpResponse> {
    let (_, id, role) = path.into_inner();
    let role = Role::parse(&role).ok_or_else(ApiError::not_found)?;
    change_member(state, who, rid, id, PersonChange::RevokeRole(role), move |conn, who, user| {
        directory::revoke_role(conn, &who.tenant_id, user, role)?.ok_or_else(ApiError::not_found).map(drop)
    })
    .await
}

/// A change to a member of the caller's partnership, in one transaction: found (404
/// otherwise), changed, audited; their access tokens are read again here at once after.
async fn change_member<F>(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    what: PersonChange,
    change: F,
) -> ApiResult<HttpResponse>
where
    F: FnOnce(&mut crate::db::DbConn, &Principal, &str) -> ApiResult<()> + Send + 'static,
{
    let st = state.clone();
    let user = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let user = member(conn, &who, &id)?;
                // The rule is the shared one the page follows.
                let other_partnerships = directory::tenants_of_user(conn, &user)?.len() > 1;
                let disabled = directory::user_by_id(conn, &user)?.disabled;
                if let Some(refusal) = what.refusal(user == who.user_id, other_partnerships, disabled) {
                    return Err(ApiError::new(StatusCode::CONFLICT, ErrorCode::Conflict, refusal.message()));
                }
                change(conn, &who, &user)?;
                let action = match what {
                    PersonChange::RevokeRole(_) => "account.role_revoked",
                    PersonChange::Remove => "account.membership_removed",
                    PersonChange::Disable => "account.disabled",
                    PersonChange::Update => "account.updated",
                };
                audit(conn, &who, &rid, action, "account", &user)?;
                Ok(user)
            })
        })
        .await?;
    st.revocations.forget(&user);
    st.me_cache.forget_user(&user);
    Ok(HttpResponse::NoContent().finish())
}

/// The agency a person is given: one of the partnership's, active unless it is the one
/// they have already (`current`); 422 on `agency_id` otherwise.
fn agency_for(
    conn: &mut crate::db::DbConn,
    tenant_id: &str,
    agency: Option<uuid::Uuid>,
    current: Option<&str>,
) -> ApiResult<Option<crate::columns::Id>> {
    let Some(agency) = agency else { return Ok(None) };
    let id = agency.to_string();
    match directory::agency_by_id(conn, tenant_id, &id)? {
        Some(row) if row.active || current == Some(id.as_str()) => Ok(Some(row.id)),
        _ => Err(ApiError::validation(vec![FieldError::new(
            "agency_id",
            "invalid",
            "Select one of the partnership's active agencies",
        )])),
    }
}

/// Invite a person: an account without a password (unless the address has one already), a
/// membership with these roles, and a message with a one-time link, valid for 7 days, to
/// choose a password (then the person sets up a second factor and signs in). An address
/// that has an account already is added and told so; the answer is the same either way.
#[utoipa::path(
    operation_id = "invite_person", tag = "people",
    request_body = Invitation,
    responses(
        (status = 201, description = "Invited: the message is queued", body = Invited),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 409, description = "The address is a member of this partnership already (`conflict`)", body = ApiErrorBody),
        (status = 422, description = "No name, a bad address, no role, or an agency not active here", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/people")]
pub async fn invite(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<Invitation>,
) -> ApiResult<HttpResponse> {
    let invitation = body.into_inner();
    let problems = invitation.problems();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let base = state.link_base();
    let id = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let agency = agency_for(conn, &who.tenant_id, invitation.agency_id, None)?;
                let tenant = directory::tenant_by_id(conn, &who.tenant_id)?;
                let user = match directory::user_by_email(conn, &invitation.email)? {
                    Some(user) => {
                        if directory::membership(conn, &who.tenant_id, &user.id)?.is_some() {
                            return Err(ApiError::new(
                                StatusCode::CONFLICT,
                                ErrorCode::Conflict,
                                "This person is a member of the partnership already",
                            ));
                        }
                        user
                    }
                    None => {
                        let name = invitation.name.split_whitespace().collect::<Vec<_>>().join(" ");
                        directory::create_user(conn, &invitation.email, &name, INVITED)?
                    }
                };
                directory::grant(conn, &who.tenant_id, &user.id, agency, &invitation.roles)?;
                if user.password_hash == INVITED {
                    // No password yet (new, or invited elsewhere and not yet accepted): a link.
                    let token = crate::store::password_reset::issue_invitation(conn, &who.tenant_id, &user.id)?;
                    crate::mail::messages::queue_invitation(
                        conn,
                        &who.tenant_id,
                        &user.email,
                        &tenant.slug,
                        &base,
                        &token,
                    )?;
                } else {
                    crate::mail::messages::queue_membership_notice(
                        conn,
                        &who.tenant_id,
                        &user.email,
                        &tenant.slug,
                        &base,
                    )?;
                }
                audit(conn, &who, &rid, "account.invited", "account", &user.id)?;
                Ok(user.id.uuid())
            })
        })
        .await?;
    state.mail_queued();
    Ok(HttpResponse::Created().json(Invited { id }))
}

/// What an invited account's password hash holds until the invitation is accepted: never a
/// valid hash, so no password matches it.
pub const INVITED: &str = "!invited";

/// Set a member's roles (replacing those held) and agency. Their access tokens end when the
/// roles change.
#[utoipa::path(
    operation_id = "update_person", tag = "people",
    params(("id" = uuid::Uuid, Path, description = "Person id")),
    request_body = PersonUpdate,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such member", body = ApiErrorBody),
        (status = 409, description = "The caller's own account", body = ApiErrorBody),
        (status = 422, description = "No role, or an agency not active here", body = ApiErrorBody),
    )
)]
#[patch("/api/v1/t/{tenant}/people/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<PersonUpdate>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner().1;
    let change = body.into_inner();
    let problems = change.problems();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    change_member(state, who, rid, id, PersonChange::Update, move |conn, who, user| {
        let current = directory::membership(conn, &who.tenant_id, user)?.and_then(|m| m.agency_id);
        let agency = agency_for(conn, &who.tenant_id, change.agency_id, current.as_ref().map(|a| a.as_str()))?;
        directory::set_roles_and_agency(conn, &who.tenant_id, user, agency, &change.roles)?
            .ok_or_else(ApiError::not_found)
    })
    .await
}

/// Take the person's membership of this partnership away: their sessions here end.
#[utoipa::path(
    operation_id = "remove_member", tag = "people",
    params(("id" = uuid::Uuid, Path, description = "Person id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such member", body = ApiErrorBody),
        (status = 409, description = "The caller's own membership", body = ApiErrorBody),
    )
)]
#[delete("/api/v1/t/{tenant}/people/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner().1;
    change_member(state, who, rid, id, PersonChange::Remove, |conn, who, user| {
        directory::remove_membership(conn, &who.tenant_id, user)?;
        Ok(())
    })
    .await
}

/// Disable the person's account: every session and token ends and sign-in is refused. Only
/// for a person of this partnership alone; one who belongs to others too is removed instead.
#[utoipa::path(
    operation_id = "disable_person", tag = "people",
    params(("id" = uuid::Uuid, Path, description = "Person id")),
    responses(
        (status = 204, description = "Disabled"),
        (status = 404, description = "No such member", body = ApiErrorBody),
        (status = 409, description = "The caller's own account, one that belongs to other partnerships, or one disabled already", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/people/{id}/disable")]
pub async fn disable(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner().1;
    change_member(state, who, rid, id, PersonChange::Disable, |conn, _, user| {
        directory::set_disabled(conn, user, true)?;
        Ok(())
    })
    .await
}

/// The partnership's audit trail, newest first: who did what to which record, and when.
#[utoipa::path(
    operation_id = "list_audit_events", tag = "people",
    params(AuditQuery),
    responses(
        (status = 200, description = "Events, newest first", body = Vec<AuditEventView>),
        (status = 400, description = "A limit out of range", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/audit")]
pub async fn audit_trail(
    state: web::Data<AppState>,
    who: Principal,
    q: web::Query<AuditQuery>,
) -> ApiResult<web::Json<Vec<AuditEventView>>> {
    let q = q.into_inner();
    let limit = q.limit().ok_or_else(|| ApiError::malformed("limit must be between 1 and 500"))?;
    let filter = trail::Filter { actor_id: q.actor.map(|a| a.to_string()), entity_id: q.entity };
    let (rows, names) = state
        .db(move |conn| {
            let rows = trail::list(conn, &who.tenant_id, &filter, limit)?;
            Ok((rows, directory::names_of(conn, &who.tenant_id)?))
        })
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|r| AuditEventView {
                seq: r.seq,
                at: crate::stamp::utc(r.at),
                actor_name: r
                    .actor_id
                    .as_ref()
                    .and_then(|a| names.iter().find(|(id, _)| id == a))
                    .map(|(_, n)| n.clone()),
                actor_id: r.actor_id.as_deref().and_then(|a| a.parse().ok()),
                action: r.action,
                entity_type: r.entity_type,
                entity_id: r.entity_id,
                address: r.address,
                repeats: u32::try_from(r.repeats).unwrap_or(1),
            })
            .collect(),
    ))
}
