//! Diesel table definitions; the same for PostgreSQL and SQLite (see `migrations/`).
diesel::table! {
    tenants (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        region -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agencies (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        name -> Text,
        kind -> Text,
        strategic_lead -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    memberships (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        agency_id -> Nullable<Text>,
        roles -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_events (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Nullable<Text>,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    referrals (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        referrer_id -> Text,
        stage -> Text,
        review_type -> Nullable<Text>,
        form -> Text,
        return_reason -> Nullable<Text>,
        recommendation -> Nullable<Text>,
        decision -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(memberships -> tenants (tenant_id));
diesel::joinable!(memberships -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(
    tenants,
    agencies,
    users,
    memberships,
    refresh_tokens,
    audit_events,
    referrals
);
