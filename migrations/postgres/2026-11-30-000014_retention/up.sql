-- Retention (issue 14): how long after closure a partnership keeps a case's records. No row:
-- no period set, nothing is ever due.
CREATE TABLE retention_settings (
    tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    months INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
ALTER TABLE retention_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE retention_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON retention_settings
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));
