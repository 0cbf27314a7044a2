-- Lost updates (issue 14): an agency's answer to an Additional Information request is saved
-- whole, as a draft, perhaps by two of its authors at once. Each write compares and raises
-- the request's version, which is its ETag; a save may name it in If-Match.
ALTER TABLE information_requests ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
