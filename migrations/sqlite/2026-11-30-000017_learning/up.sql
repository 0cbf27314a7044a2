-- Learning that changes practice (issue 15): 6-step briefings with the partnership's
-- headings, actions followed to the evidence of their impact (with their history and the
-- themes they are tagged with), and each person's calendar feed (only the secret's hash).
CREATE TABLE briefing_headings (
    tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    headings TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE briefings (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    occasion TEXT NOT NULL,
    status TEXT NOT NULL,
    steps TEXT NOT NULL,
    returned_note TEXT,
    approved_by TEXT,
    published_on DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_on DATE NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, case_id, occasion),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
);
CREATE TABLE actions (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    case_id TEXT,
    referral_id TEXT,
    reference TEXT NOT NULL,
    source TEXT NOT NULL,
    description TEXT NOT NULL,
    owner_agency_id TEXT,
    owner_agency TEXT NOT NULL,
    owner_person_id TEXT,
    due_on DATE NOT NULL,
    status TEXT NOT NULL,
    evidence TEXT,
    closed_on DATE,
    agreed_by TEXT,
    reminded_before_on DATE,
    reminded_overdue_on DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_on DATE NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX actions_by_due ON actions (tenant_id, due_on);
CREATE INDEX actions_by_case ON actions (tenant_id, case_id);
CREATE TABLE action_updates (
    tenant_id TEXT NOT NULL,
    action_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author TEXT NOT NULL,
    written_on DATE NOT NULL,
    PRIMARY KEY (tenant_id, action_id, seq),
    FOREIGN KEY (tenant_id, action_id) REFERENCES actions (tenant_id, id)
);
CREATE TABLE action_themes (
    tenant_id TEXT NOT NULL,
    action_id TEXT NOT NULL,
    theme_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, action_id, theme_id),
    FOREIGN KEY (tenant_id, action_id) REFERENCES actions (tenant_id, id),
    FOREIGN KEY (tenant_id, theme_id) REFERENCES themes (tenant_id, id)
);
CREATE TABLE calendar_feeds (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    user_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
-- Covering the timeliness statistics (by due date, their kind and whether met).
CREATE INDEX clocks_by_due ON clocks (tenant_id, due_on, kind, met_on);
