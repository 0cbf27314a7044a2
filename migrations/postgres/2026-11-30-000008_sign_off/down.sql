DROP INDEX referrals_by_manager;
ALTER TABLE referrals DROP COLUMN case_id;
ALTER TABLE referrals DROP COLUMN signed_off_at;
ALTER TABLE referrals DROP COLUMN manager_agency;
ALTER TABLE referrals DROP COLUMN manager_name;
ALTER TABLE referrals DROP COLUMN manager_id;
