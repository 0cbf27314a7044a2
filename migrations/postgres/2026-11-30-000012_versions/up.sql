-- Lost updates (issue 14): every write of a case or a referral compares and raises its
-- version, so that two steps read at once cannot both be written (two "notification sent"
-- both passing the stage check, each starting a clock; a submit replacing an edit that
-- already got 200). A referral's version is its ETag; a save may name it in If-Match.
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE referrals ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
