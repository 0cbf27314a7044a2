DROP TABLE case_themes;
DROP TABLE themes;
