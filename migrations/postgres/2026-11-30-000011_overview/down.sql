DROP TABLE report_headings;
DROP TABLE overview_threads;
DROP TABLE overview_versions;
DROP TABLE overview_reports;
