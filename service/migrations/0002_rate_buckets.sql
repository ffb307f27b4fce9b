-- The chat rate limit's token bucket of each client (service/limits.py), shared by every
-- process of the service; allowed says whether the last request took a token.
CREATE TABLE rate_buckets (
    client TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    updated REAL NOT NULL,
    allowed INTEGER NOT NULL
);
CREATE INDEX rate_buckets_updated ON rate_buckets (updated);
