-- Clock rules as data (issue 11): each partnership's own rule per kind of clock (the
-- statutory default applies where it has none), and the rule each clock was started under.
CREATE TABLE clock_rules (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    kind TEXT NOT NULL,
    rule TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);

ALTER TABLE clocks ADD COLUMN rule TEXT NOT NULL DEFAULT '';
UPDATE clocks SET rule = '{"start":"la_aware","length":5,"unit":"working_days","stop":"notification_sent","source":"Working Together to Safeguard Children: notify the National Panel within 5 working days of becoming aware of the incident"}' WHERE kind = 'notification_to_panel';
UPDATE clocks SET rule = '{"start":"request_sent","length":7,"unit":"working_days","stop":"response_submitted","source":"The partnership''s framework: Additional Information within 7 working days of the request"}' WHERE kind = 'agency_information';
UPDATE clocks SET rule = '{"start":"notification_sent","length":15,"unit":"working_days","stop":"report_sent","source":"Started before clock rules were kept: 15 working days from the notification going to the National Panel"}' WHERE kind = 'rapid_review_report';
UPDATE clocks SET rule = '{"start":"cspr_decided","length":6,"unit":"months","stop":"final_report_sent","source":"Working Together to Safeguard Children: a local review completed within 6 months of the decision to initiate it"}' WHERE kind = 'cspr_completion';

-- A local CSPR's clock moved on: the reason and whether the National Panel was advised.
CREATE TABLE clock_extensions (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    clock_id TEXT NOT NULL,
    previous_due_on DATE NOT NULL,
    due_on DATE NOT NULL,
    reason TEXT NOT NULL,
    panel_advised BOOLEAN NOT NULL,
    panel_advised_on DATE,
    recorded_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, clock_id) REFERENCES clocks (tenant_id, id)
);
CREATE INDEX clock_extensions_by_clock ON clock_extensions (tenant_id, clock_id);

-- A referral's clock: from reaching the business office to the strategic partners' decision.
CREATE TABLE referral_clocks (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    referral_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_on DATE NOT NULL,
    due_on DATE NOT NULL,
    met_on DATE,
    warnings TEXT NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (tenant_id, referral_id, kind),
    FOREIGN KEY (tenant_id, referral_id) REFERENCES referrals (tenant_id, id)
);

-- The scrutineer's observations before the decision, and the CSPR's final report.
ALTER TABLE cases ADD COLUMN observations TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cases ADD COLUMN final_report_sent_on DATE;

-- The clock rules a case was opened under (its clocks run by these, whatever the partnership
-- sets later). Cases opened before rules were kept run as they did: the Rapid Review's 15
-- working days from the notification going to the National Panel.
ALTER TABLE cases ADD COLUMN clock_rules TEXT NOT NULL DEFAULT '[]';
UPDATE cases SET clock_rules = '[["rapid_review_report",{"start":"notification_sent","length":15,"unit":"working_days","stop":"report_sent","source":"Started before clock rules were kept: 15 working days from the notification going to the National Panel"}]]';
