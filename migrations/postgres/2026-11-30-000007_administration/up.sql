-- The business office administers its partnership: agencies may be inactive and have finer
-- kinds (the old `health` is an Integrated Care Board), each membership records the last
-- sign-in, a password link may be an invitation, and the national addresses are per
-- partnership (no row: the framework's defaults).
ALTER TABLE agencies ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE agencies SET kind = 'health_icb' WHERE kind = 'health';

ALTER TABLE memberships ADD COLUMN last_sign_in_at TIMESTAMP;

-- reset (a forgotten password) or invitation (a new account's first password).
ALTER TABLE password_resets ADD COLUMN purpose TEXT NOT NULL DEFAULT 'reset';

CREATE TABLE framework_addresses (
    tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    national_panel TEXT NOT NULL,
    ofsted TEXT NOT NULL,
    dfe TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
