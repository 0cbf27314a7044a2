ALTER TABLE cases DROP COLUMN clock_rules;
ALTER TABLE cases DROP COLUMN final_report_sent_on;
ALTER TABLE cases DROP COLUMN observations;
DROP TABLE referral_clocks;
DROP TABLE clock_extensions;
ALTER TABLE clocks DROP COLUMN rule;
DROP TABLE clock_rules;
