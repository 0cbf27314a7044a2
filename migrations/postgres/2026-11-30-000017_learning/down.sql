DROP INDEX clocks_by_due;
DROP TABLE calendar_feeds;
DROP TABLE action_themes;
DROP TABLE action_updates;
DROP TABLE actions;
DROP TABLE briefings;
DROP TABLE briefing_headings;
