-- Referrals at the stages this change added go back to their referrer as drafts (the code
-- before it knows neither stage).
UPDATE referrals SET stage = 'draft' WHERE stage IN ('awaiting_sign_off', 'returned_by_manager');
DROP INDEX referrals_by_manager;
ALTER TABLE referrals DROP COLUMN case_id;
ALTER TABLE referrals DROP COLUMN signed_off_at;
ALTER TABLE referrals DROP COLUMN manager_agency;
ALTER TABLE referrals DROP COLUMN manager_name;
ALTER TABLE referrals DROP COLUMN manager_id;
