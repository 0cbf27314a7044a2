DROP TABLE clocks;
DROP TABLE information_requests;
DROP TABLE cases;
DROP TABLE closure_days;
DROP TABLE bank_holiday_years;
DROP TABLE bank_holidays;
