ALTER TABLE referrals DROP COLUMN version;
ALTER TABLE cases DROP COLUMN version;
