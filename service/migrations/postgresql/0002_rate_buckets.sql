-- PostgreSQL's step 2 (the common one is ../0002_rate_buckets.sql): DOUBLE PRECISION for REAL.
CREATE TABLE rate_buckets (
    client TEXT PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    updated DOUBLE PRECISION NOT NULL,
    allowed INTEGER NOT NULL
);
CREATE INDEX rate_buckets_updated ON rate_buckets (updated);
