//! Diesel table definitions; the same for PostgreSQL and SQLite (see `migrations/`).
diesel::table! {
    tenants (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        region -> Text,
        created_at -> Timestamp,
        second_factor -> Text,
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
        active -> Bool,
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
        session_epoch -> BigInt,
        totp_secret -> Nullable<Text>,
        totp_pending -> Nullable<Text>,
        totp_last_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    recovery_codes (user_id, code_hash) {
        user_id -> Text,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    memberships (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        agency_id -> Nullable<Text>,
        roles -> Text,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
        last_sign_in_at -> Nullable<Timestamp>,
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
        address -> Nullable<Text>,
        seq -> Nullable<BigInt>,
        hash -> Nullable<Text>,
        repeats -> Integer,
    }
}

diesel::table! {
    audit_heads (tenant_id) {
        tenant_id -> Text,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    sessions (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        user_id -> Text,
        started_at -> Timestamp,
        ends_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        enrolling -> Bool,
    }
}

diesel::table! {
    sign_in_failures (key) {
        key -> Text,
        failures -> Integer,
        last_failure_at -> Timestamp,
        wait_until -> Timestamp,
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
        child_name -> Text,
        manager_id -> Nullable<Text>,
        manager_name -> Nullable<Text>,
        manager_agency -> Nullable<Text>,
        signed_off_at -> Nullable<Timestamp>,
        case_id -> Nullable<Text>,
        version -> Integer,
    }
}

diesel::table! {
    bank_holidays (region, holiday) {
        region -> Text,
        holiday -> Date,
        title -> Text,
    }
}

diesel::table! {
    bank_holiday_years (region, year) {
        region -> Text,
        year -> Integer,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    closure_days (tenant_id, day) {
        tenant_id -> Text,
        day -> Date,
    }
}

diesel::table! {
    cases (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        reference -> Text,
        stage -> Text,
        referral_id -> Nullable<Text>,
        la_aware_on -> Date,
        notification -> Text,
        notification_sent_on -> Nullable<Date>,
        meeting -> Nullable<Text>,
        decision -> Nullable<Text>,
        decided_on -> Nullable<Date>,
        report_sent_on -> Nullable<Date>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        observations -> Text,
        final_report_sent_on -> Nullable<Date>,
        clock_rules -> Text,
        version -> Integer,
    }
}

diesel::table! {
    information_requests (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        case_id -> Text,
        agency_id -> Text,
        sent_on -> Date,
        due_on -> Date,
        status -> Text,
        response -> Nullable<Text>,
        submitted_on -> Nullable<Date>,
        reminders -> Integer,
        last_reminded_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    clocks (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        case_id -> Text,
        kind -> Text,
        request_id -> Nullable<Text>,
        agency_id -> Nullable<Text>,
        started_on -> Date,
        due_on -> Date,
        met_on -> Nullable<Date>,
        warnings -> Text,
        rule -> Text,
    }
}

diesel::table! {
    clock_rules (tenant_id, kind) {
        tenant_id -> Text,
        kind -> Text,
        rule -> Text,
        changed_by -> Text,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    clock_extensions (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        clock_id -> Text,
        previous_due_on -> Date,
        due_on -> Date,
        reason -> Text,
        panel_advised -> Bool,
        panel_advised_on -> Nullable<Date>,
        recorded_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    retention_settings (tenant_id) {
        tenant_id -> Text,
        months -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    referral_clocks (tenant_id, referral_id, kind) {
        tenant_id -> Text,
        referral_id -> Text,
        kind -> Text,
        started_on -> Date,
        due_on -> Date,
        met_on -> Nullable<Date>,
        warnings -> Text,
        rule -> Text,
    }
}

diesel::table! {
    outbox (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        kind -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    password_resets (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        purpose -> Text,
    }
}

diesel::table! {
    framework_addresses (tenant_id) {
        tenant_id -> Text,
        national_panel -> Text,
        ofsted -> Text,
        dfe -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    csprs (tenant_id, case_id) {
        tenant_id -> Text,
        case_id -> Text,
        commission -> Nullable<Text>,
        review_group -> Text,
        group_set_on -> Nullable<Date>,
        terms -> Text,
        agreement -> Nullable<Text>,
        briefing -> Nullable<Text>,
        chronology_shared_on -> Nullable<Date>,
        event -> Nullable<Text>,
        family -> Nullable<Text>,
        processes -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    agency_reports (tenant_id, case_id, agency_id) {
        tenant_id -> Text,
        case_id -> Text,
        agency_id -> Text,
        author_id -> Text,
        assigned_on -> Date,
        status -> Text,
        draft -> Text,
        revision -> Integer,
        manager_sign_off -> Nullable<Text>,
        submitted -> Text,
        current_chronology -> Text,
        returned_reason -> Nullable<Text>,
        submitted_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    overview_reports (tenant_id, case_id) {
        tenant_id -> Text,
        case_id -> Text,
        latest_version -> Integer,
        latest_saved_on -> Nullable<Date>,
        signoffs -> Text,
        waivers -> Text,
        submission -> Nullable<Text>,
        panel_response -> Nullable<Text>,
        plan -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    overview_versions (tenant_id, case_id, version) {
        tenant_id -> Text,
        case_id -> Text,
        version -> Integer,
        sections -> Text,
        saved_by -> Text,
        saved_by_id -> Text,
        saved_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    overview_threads (tenant_id, case_id, id) {
        tenant_id -> Text,
        case_id -> Text,
        id -> Text,
        thread -> Text,
        open -> Bool,
        revision -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    report_headings (tenant_id) {
        tenant_id -> Text,
        headings -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    themes (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        label -> Text,
        retired -> Bool,
        position -> Integer,
    }
}

diesel::table! {
    case_themes (tenant_id, case_id, theme_id) {
        tenant_id -> Text,
        case_id -> Text,
        theme_id -> Text,
        tagged_on -> Date,
    }
}

diesel::table! {
    briefing_headings (tenant_id) {
        tenant_id -> Text,
        headings -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    briefings (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        case_id -> Text,
        occasion -> Text,
        status -> Text,
        steps -> Text,
        returned_note -> Nullable<Text>,
        approved_by -> Nullable<Text>,
        published_on -> Nullable<Date>,
        version -> Integer,
        created_on -> Date,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    actions (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        case_id -> Nullable<Text>,
        referral_id -> Nullable<Text>,
        reference -> Text,
        source -> Text,
        description -> Text,
        owner_agency_id -> Nullable<Text>,
        owner_agency -> Text,
        owner_person_id -> Nullable<Text>,
        due_on -> Date,
        status -> Text,
        evidence -> Nullable<Text>,
        closed_on -> Nullable<Date>,
        agreed_by -> Nullable<Text>,
        reminded_before_on -> Nullable<Date>,
        reminded_overdue_on -> Nullable<Date>,
        version -> Integer,
        created_on -> Date,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    action_updates (tenant_id, action_id, seq) {
        tenant_id -> Text,
        action_id -> Text,
        seq -> Integer,
        kind -> Text,
        text -> Text,
        author_id -> Text,
        author -> Text,
        written_on -> Date,
    }
}

diesel::table! {
    action_themes (tenant_id, action_id, theme_id) {
        tenant_id -> Text,
        action_id -> Text,
        theme_id -> Text,
    }
}

diesel::table! {
    calendar_feeds (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
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
    audit_heads,
    recovery_codes,
    sessions,
    sign_in_failures,
    referrals,
    bank_holidays,
    bank_holiday_years,
    closure_days,
    cases,
    information_requests,
    clocks,
    clock_rules,
    clock_extensions,
    referral_clocks,
    outbox,
    password_resets,
    framework_addresses,
    csprs,
    agency_reports,
    overview_reports,
    overview_versions,
    overview_threads,
    report_headings,
    themes,
    case_themes,
    briefing_headings,
    briefings,
    actions,
    action_updates,
    action_themes,
    calendar_feeds
);
