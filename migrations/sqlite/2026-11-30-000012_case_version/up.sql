-- Lost updates (issue 14): every write of a case compares and raises its version, so that two
-- steps read at once cannot both be written (two "notification sent" both passing the stage
-- check, say, each starting a clock).
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
