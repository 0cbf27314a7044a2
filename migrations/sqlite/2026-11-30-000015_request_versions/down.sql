ALTER TABLE information_requests DROP COLUMN version;
