DROP TABLE referrals;
DROP TABLE audit_events;
DROP TABLE refresh_tokens;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE agencies;
DROP TABLE tenants;
