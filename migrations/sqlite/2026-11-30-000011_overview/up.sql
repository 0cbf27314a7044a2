-- The overview report (issue 13): one row per review (the latest version's number, the
-- sign-off chain, the waivers of anonymisation hits, the submission to the National Panel,
-- its response and the publication plan, as JSON documents checked by `shared::overview`;
-- `version` guards every write), every saved version of the text (never changed once
-- written: the primary key refuses a second save on the same version), and the comment
-- threads anchored to the text (each its own row, so that comments and saves do not collide).
CREATE TABLE overview_reports (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    case_id TEXT NOT NULL,
    latest_version INTEGER NOT NULL DEFAULT 0,
    latest_saved_on DATE,
    signoffs TEXT NOT NULL DEFAULT '[]',
    waivers TEXT NOT NULL DEFAULT '[]',
    submission TEXT,
    panel_response TEXT,
    plan TEXT NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, case_id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
);

CREATE TABLE overview_versions (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    case_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    sections TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_by_id TEXT NOT NULL,
    saved_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, case_id, version),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
);

CREATE TABLE overview_threads (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    case_id TEXT NOT NULL,
    id TEXT NOT NULL,
    thread TEXT NOT NULL,
    open BOOLEAN NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, case_id, id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
);

-- The partnership's own section headings for a first draft (no row: the framework's).
CREATE TABLE report_headings (
    tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    headings TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
