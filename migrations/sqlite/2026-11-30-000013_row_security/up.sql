-- Row-level security is PostgreSQL's (see migrations/postgres/…_row_security): SQLite has
-- none, and one process with one file serves one deployment. Nothing changes here.
SELECT 1;
