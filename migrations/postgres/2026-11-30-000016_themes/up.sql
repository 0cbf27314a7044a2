-- Themes (issue 15): each partnership's list, written from the seeded list the first time it
-- is changed or used (no rows: the seed), and the themes each case is tagged with.
CREATE TABLE themes (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    position INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE TABLE case_themes (
    tenant_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    theme_id TEXT NOT NULL,
    tagged_on DATE NOT NULL,
    PRIMARY KEY (tenant_id, case_id, theme_id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
    FOREIGN KEY (tenant_id, theme_id) REFERENCES themes (tenant_id, id)
);
CREATE INDEX case_themes_by_theme ON case_themes (tenant_id, theme_id);
ALTER TABLE themes ENABLE ROW LEVEL SECURITY;
ALTER TABLE themes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON themes
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));
ALTER TABLE case_themes ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_themes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON case_themes
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));
