DROP TABLE agency_reports;
DROP TABLE csprs;
