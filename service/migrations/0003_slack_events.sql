-- The Slack events already taken (service/slack_bot.py): a redelivery, to this process or to
-- another replica, is acknowledged without being answered again.
CREATE TABLE slack_events (event_id TEXT PRIMARY KEY, seen REAL NOT NULL);
CREATE INDEX slack_events_seen ON slack_events (seen);
