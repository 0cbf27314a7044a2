-- The second factor: a TOTP secret per person (with the one being set up, and the last time
-- step used, so that a code is good once), single-use recovery codes (hashed), the
-- partnership's rule, and sessions that may only enrol.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP,
    PRIMARY KEY (user_id, code_hash)
);

-- required (every role), not_for_referrers (optional for a person whose only role is
-- referrer), off (the demo partnerships only).
ALTER TABLE tenants ADD COLUMN second_factor TEXT NOT NULL DEFAULT 'required';

-- A session signed in with a password alone where the second factor is required: it may
-- only enrol.
ALTER TABLE sessions ADD COLUMN enrolling BOOLEAN NOT NULL DEFAULT FALSE;
