-- Retention (issue 14): how long after closure a partnership keeps a case's records.
CREATE TABLE retention_settings (
    tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    months INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
