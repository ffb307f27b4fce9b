-- Conversations: the turns of a session id (service/sessions.py). A sessions.sqlite3 written
-- before the service had migrations already holds this table.
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, updated REAL NOT NULL, turns TEXT NOT NULL);
