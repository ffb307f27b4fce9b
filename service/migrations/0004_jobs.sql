-- Upload jobs (service/jobs.py): the uploaded file until a worker has ingested it, the worker
-- holding the job and until when (its lease, renewed while it works), and what came of it.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    content BLOB NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    worker TEXT,
    lease_until REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    pages_done INTEGER NOT NULL DEFAULT 0,
    pages_total INTEGER,
    document_id TEXT,
    result TEXT,
    error TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX jobs_queue ON jobs (status, created);
