-- Sessions that end, revocation that bites, sign-in throttling shared by every instance, and
-- an audit trail that holds.

-- Raised by sign-out, disabling, a role change or a password change: an access token
-- carrying an older epoch is refused.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

-- A membership taken away is kept (records still name the person) but grants nothing.
ALTER TABLE memberships ADD COLUMN removed_at TIMESTAMP;

-- One sign-in and the refresh tokens rotated from it, with its absolute end.
CREATE TABLE sessions (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id)
);
CREATE INDEX sessions_by_user ON sessions (user_id);
-- Refresh tokens from before sessions had an end are ended: everyone signs in again.
UPDATE refresh_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE revoked_at IS NULL;

-- Failed sign-ins per key (a hash of the account with the client's network, or of the
-- network alone): no e-mail address or IP address is stored.
CREATE TABLE sign_in_failures (
    key TEXT NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TIMESTAMP NOT NULL,
    wait_until TIMESTAMP NOT NULL
);

-- Each partnership's events form a hash chain: seq 1, 2, 3 ..., each hash covering the one
-- before. Events are sealed into it by the server a moment after they are written (those
-- from before the chain, when it starts).
ALTER TABLE audit_events ADD COLUMN address TEXT;
ALTER TABLE audit_events ADD COLUMN seq BIGINT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
-- Reads of one record by one person within a tenth of a second are one event, counted.
ALTER TABLE audit_events ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX audit_events_by_seq ON audit_events (tenant_id, seq);
CREATE INDEX audit_events_by_actor ON audit_events (tenant_id, actor_id, at);
CREATE INDEX audit_events_by_entity ON audit_events (tenant_id, entity_id, at);
-- The events waiting to be sealed into the chain (a moment after they are written).
CREATE INDEX audit_events_unsealed ON audit_events (tenant_id, at) WHERE seq IS NULL;

CREATE TABLE audit_heads (
    tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_heads (tenant_id, seq, hash) SELECT id, 0, '' FROM tenants;

-- A sealed event is never changed, and no event is deleted.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
