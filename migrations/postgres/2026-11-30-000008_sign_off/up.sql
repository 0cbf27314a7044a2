-- The senior manager's sign-off from their own account (issue 11): the manager the referrer
-- sent the referral to (their name and agency as the form's Senior Manager box shows them,
-- from their account when it was sent), when they signed it off, and the Rapid Review case
-- opened from the referral.
ALTER TABLE referrals ADD COLUMN manager_id TEXT;
ALTER TABLE referrals ADD COLUMN manager_name TEXT;
ALTER TABLE referrals ADD COLUMN manager_agency TEXT;
ALTER TABLE referrals ADD COLUMN signed_off_at TIMESTAMP;
ALTER TABLE referrals ADD COLUMN case_id TEXT;
CREATE INDEX referrals_by_manager ON referrals (tenant_id, manager_id, created_at);
