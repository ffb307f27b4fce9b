-- PostgreSQL's step 1 (the common one is ../0001_sessions.sql): times in DOUBLE PRECISION, as
-- SQLite's REAL (PostgreSQL's REAL has 4 bytes: a Unix time to the nearest two minutes).
CREATE TABLE sessions (id TEXT PRIMARY KEY, updated DOUBLE PRECISION NOT NULL, turns TEXT NOT NULL);
