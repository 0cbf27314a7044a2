ALTER TABLE referrals DROP COLUMN child_name;
