-- Row-level security (issue 14): every table that holds a partnership's rows answers only
-- the rows of the partnership the session names in `cspr.tenant_id`, even to a query that
-- forgets to filter by tenant. `FORCE` makes the tables' owner subject to it too.
--
-- The app sets `cspr.tenant_id` on each connection it takes from its pool: the partnership
-- of a request under /api/v1/t/{tenant}/, or `*` for work that spans partnerships (sign-in,
-- /me, the scrutineer's drafts across partnerships, the mail outbox, housekeeping, the
-- audit trail's sealing, the command line). A session that sets nothing reads and writes
-- nothing. Superusers and roles with BYPASSRLS are not subject to policies: the app's
-- runtime role must be neither (`cspr serve` refuses to run as one when
-- CSPR_MIGRATION_DATABASE_URL is set).

ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON agencies
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON memberships
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON refresh_tokens
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON audit_events
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE audit_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON audit_heads
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON sessions
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE referrals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON referrals
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE closure_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE closure_days FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON closure_days
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON cases
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE information_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE information_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON information_requests
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE clocks ENABLE ROW LEVEL SECURITY;
ALTER TABLE clocks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON clocks
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE clock_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE clock_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON clock_rules
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE clock_extensions ENABLE ROW LEVEL SECURITY;
ALTER TABLE clock_extensions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON clock_extensions
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE referral_clocks ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_clocks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON referral_clocks
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON outbox
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON password_resets
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE framework_addresses ENABLE ROW LEVEL SECURITY;
ALTER TABLE framework_addresses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON framework_addresses
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE csprs ENABLE ROW LEVEL SECURITY;
ALTER TABLE csprs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON csprs
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE agency_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON agency_reports
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE overview_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE overview_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON overview_reports
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE overview_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE overview_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON overview_versions
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE overview_threads ENABLE ROW LEVEL SECURITY;
ALTER TABLE overview_threads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON overview_threads
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));

ALTER TABLE report_headings ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_headings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON report_headings
    USING (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'))
    WITH CHECK (current_setting('cspr.tenant_id', true) IN (tenant_id, '*'));
