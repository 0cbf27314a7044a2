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

-- A case raised from a referral before this change: the referral names it, so that a second
-- case is not opened from the same referral.
UPDATE referrals SET case_id = (
    SELECT c.id FROM cases c
    WHERE c.tenant_id = referrals.tenant_id AND c.referral_id = referrals.id
    ORDER BY c.created_at, c.id LIMIT 1
) WHERE case_id IS NULL;
