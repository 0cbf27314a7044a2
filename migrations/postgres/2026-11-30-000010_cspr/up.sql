-- The local CSPR from commissioning to the practitioner event (issue 12): one row per review
-- holding its records (JSON documents checked by `shared::cspr`), and one row per agency's
-- report. `version` guards every write of the review against a lost update.
CREATE TABLE csprs (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    case_id TEXT NOT NULL,
    commission TEXT,
    review_group TEXT NOT NULL DEFAULT '[]',
    group_set_on DATE,
    terms TEXT NOT NULL DEFAULT '[]',
    agreement TEXT,
    briefing TEXT,
    chronology_shared_on DATE,
    event TEXT,
    family TEXT,
    processes TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, case_id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
);

-- An agency's chronology and key event analysis: the draft, its manager's sign-off, every
-- submitted version, and the chronology of the latest (the merged chronology reads these).
CREATE TABLE agency_reports (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    case_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    assigned_on DATE NOT NULL,
    status TEXT NOT NULL,
    draft TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    manager_sign_off TEXT,
    submitted TEXT NOT NULL DEFAULT '[]',
    current_chronology TEXT NOT NULL DEFAULT '[]',
    returned_reason TEXT,
    submitted_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, case_id, agency_id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
    FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id)
);
CREATE INDEX agency_reports_by_agency ON agency_reports (tenant_id, agency_id);
