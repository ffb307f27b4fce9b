-- The Slack requests already taken (service/slack_bot.py): a signature or an event id seen
-- before, by this process or another replica, is acknowledged without being run again.
CREATE TABLE slack_requests (key TEXT PRIMARY KEY, seen REAL NOT NULL);
CREATE INDEX slack_requests_seen ON slack_requests (seen);
