ALTER TABLE sessions DROP COLUMN enrolling;
ALTER TABLE tenants DROP COLUMN second_factor;
DROP TABLE recovery_codes;
ALTER TABLE users DROP COLUMN totp_last_step;
ALTER TABLE users DROP COLUMN totp_pending;
ALTER TABLE users DROP COLUMN totp_secret;
