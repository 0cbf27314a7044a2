DROP TABLE framework_addresses;
ALTER TABLE password_resets DROP COLUMN purpose;
ALTER TABLE memberships DROP COLUMN last_sign_in_at;
UPDATE agencies SET kind = 'health' WHERE kind IN ('health_icb', 'health_gp', 'health_hospital');
UPDATE agencies SET kind = 'other' WHERE kind = 'mash';
ALTER TABLE agencies DROP COLUMN active;
