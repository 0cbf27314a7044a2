-- The outbox: every message the system sends, with its state; and password-reset tokens.
CREATE TABLE outbox (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- Dropped (made empty) once the message is sent or has failed: it may hold a one-time link.
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- queued, sending, sent, failed
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    -- When a queued message is due; for one being sent, when its claim lapses.
    next_attempt_at TIMESTAMP NOT NULL,
    -- The class of the last failure only, never the message or the server's words.
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_time ON outbox (tenant_id, created_at);

CREATE TABLE password_resets (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id)
);
CREATE INDEX password_resets_by_user ON password_resets (user_id, created_at);
