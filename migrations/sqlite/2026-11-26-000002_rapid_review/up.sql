-- Working-day calendar, Serious Incident Notifications, Rapid Reviews and their clocks.

-- Bank-holiday lists imported with `cspr holidays import` (laid over the shipped list).
CREATE TABLE bank_holidays (
    region TEXT NOT NULL,
    holiday DATE NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (region, holiday)
);
-- The years an imported list covers, per region (a covered year may have no holiday rows).
CREATE TABLE bank_holiday_years (
    region TEXT NOT NULL,
    year INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (region, year)
);

-- A partnership's own closure days.
CREATE TABLE closure_days (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    day DATE NOT NULL,
    PRIMARY KEY (tenant_id, day)
);

CREATE TABLE cases (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    reference TEXT NOT NULL,
    stage TEXT NOT NULL,
    referral_id TEXT,
    la_aware_on DATE NOT NULL,
    notification TEXT NOT NULL,
    notification_sent_on DATE,
    meeting TEXT,
    decision TEXT,
    decided_on DATE,
    report_sent_on DATE,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, reference),
    FOREIGN KEY (tenant_id, referral_id) REFERENCES referrals (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES memberships (tenant_id, user_id)
);
CREATE INDEX cases_by_time ON cases (tenant_id, created_at);

CREATE TABLE information_requests (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    sent_on DATE NOT NULL,
    due_on DATE NOT NULL,
    status TEXT NOT NULL,
    response TEXT,
    submitted_on DATE,
    reminders INTEGER NOT NULL,
    last_reminded_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, case_id, agency_id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
    FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id)
);
CREATE INDEX information_requests_by_agency ON information_requests (tenant_id, agency_id, due_on);

-- Every statutory clock of a case: started when its event is recorded, met when the
-- thing it waits for is recorded. The dashboard reads the open ones, soonest first.
CREATE TABLE clocks (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    request_id TEXT,
    agency_id TEXT,
    started_on DATE NOT NULL,
    due_on DATE NOT NULL,
    met_on DATE,
    warnings TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
    FOREIGN KEY (tenant_id, request_id) REFERENCES information_requests (tenant_id, id),
    FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id)
);
CREATE INDEX clocks_open ON clocks (tenant_id, due_on, id) WHERE met_on IS NULL;
CREATE INDEX clocks_by_case ON clocks (tenant_id, case_id);
